package io.fidelis.app.web;

import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors as RFC 9457 {@code application/problem+json}: 400 for malformed or invalid input (with an {@code errors}
 * list of field and message), 404 for what is absent or not visible to the caller, 409 for conflicts with stored
 * data or a running import, 422 for well-formed requests that break a business rule or a rejected import file,
 * 500 when the database fails an import (rolled back).
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10)
class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(BusinessRuleException.class)
    ProblemDetail rule(BusinessRuleException e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Business rule violated",
                e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage());
        if (e.field() != null) {
            p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        }
        return p;
    }

    @ExceptionHandler(io.fidelis.app.shared.InvalidInputException.class)
    ProblemDetail invalid(io.fidelis.app.shared.InvalidInputException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage());
        if (e.field() != null) {
            p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        }
        return p;
    }

    /** A concurrent request stored the same key first (a duplicate id or order). */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ProblemDetail integrity(org.springframework.dao.DataIntegrityViolationException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "the change clashes with stored data (for example a"
                + " duplicate id stored at the same moment); reload and try again");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                ex.getBindingResult().getErrorCount() + " invalid field(s)");
        p.setProperty("errors", ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList());
        return ResponseEntity.badRequest().body(p);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
