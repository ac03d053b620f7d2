package io.fidelis.app.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The page language: the signed-in user's choice when they made one (remembered in their profile), otherwise the
 * browser's {@code Accept-Language}, among the languages Fidelis is translated into. English is the fallback.
 */
class UserLocaleResolver implements LocaleResolver {
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
    private static final String SESSION_KEY = UserLocaleResolver.class.getName() + ".locale";
    private static final String NONE = "-";

    private final PreferredLocales preferred;

    UserLocaleResolver(PreferredLocales preferred) {
        this.preferred = preferred;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(PageLocale.ATTRIBUTE) instanceof Locale page) {
            return page;
        }
        HttpSession session = request.getSession(false);
        Object cached = session == null ? null : session.getAttribute(SESSION_KEY);
        if (cached == null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
                Optional<Locale> chosen = preferred.of(auth.getName());
                cached = chosen.map(Locale::toLanguageTag).orElse(NONE);
                if (session != null) {
                    session.setAttribute(SESSION_KEY, cached);
                }
            }
        }
        if (cached != null && !NONE.equals(cached)) {
            return supported(Locale.forLanguageTag((String) cached));
        }
        return fromHeader(request);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        HttpSession session = request.getSession(true);
        session.setAttribute(SESSION_KEY, locale == null ? NONE : supported(locale).toLanguageTag());
    }

    static Locale fromHeader(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            for (Locale.LanguageRange range : ranges) {
                Locale l = Locale.forLanguageTag(range.getRange().replace("*", "en"));
                if (l.getLanguage().equals("zh")) {
                    // Traditional-script variants fall back to English until they are translated.
                    boolean traditional = l.getScript().equals("Hant") || List.of("TW", "HK", "MO").contains(l.getCountry());
                    if (!traditional) {
                        return Locale.SIMPLIFIED_CHINESE;
                    }
                } else if (l.getLanguage().equals("en")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
        return Locale.ENGLISH;
    }

    static Locale supported(Locale l) {
        return l.getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
