package io.fidelis.app.importing.web;

import io.fidelis.app.importing.ImportBusyException;
import io.fidelis.app.importing.ImportFailedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Import errors over the API: 409 while another import runs, 500 when the database fails one (rolled back). */
@RestControllerAdvice(assignableTypes = ImportController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportProblems {
    @ExceptionHandler(ImportBusyException.class)
    ProblemDetail busy(ImportBusyException e) {
        return problem(HttpStatus.CONFLICT, "Another import is running", e.getMessage());
    }

    @ExceptionHandler(ImportFailedException.class)
    ProblemDetail failed(ImportFailedException e) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Import failed", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
