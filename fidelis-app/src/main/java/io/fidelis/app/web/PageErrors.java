package io.fidelis.app.web;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors on workspace pages: a page with the reason and the right status, inside the layout. (The REST API answers
 * problem+json through {@link ProblemHandler}, which comes first for REST controllers.)
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {
    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return page(404, "error.notFound", e.getMessage(), model, response);
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
        return page(400, "error.invalid", e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage(),
                model, response);
    }

    @ExceptionHandler(BusinessRuleException.class)
    String rule(BusinessRuleException e, Model model, HttpServletResponse response) {
        return page(422, "error.rule", e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage(),
                model, response);
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        return page(409, "error.conflict", e.getMessage(), model, response);
    }

    private static String page(int status, String titleKey, String detail, Model model,
                               HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("titleKey", titleKey);
        model.addAttribute("detail", detail);
        return "problem";
    }
}
