package io.fidelis.app.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A page whose language is not the reader's own choice (a survey shown in the language it was sent in) sets it
 * here for the rest of the request; the locale resolver then answers with it.
 */
public final class PageLocale {
    static final String ATTRIBUTE = PageLocale.class.getName();

    private PageLocale() {
    }

    public static void set(HttpServletRequest request, Locale locale) {
        request.setAttribute(ATTRIBUTE, UserLocaleResolver.supported(locale));
    }
}
