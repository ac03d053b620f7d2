package io.fidelis.app.web;

import java.util.Locale;
import java.util.Optional;

/** The language a user chose, if any (implemented by the staff capability). */
public interface PreferredLocales {
    Optional<Locale> of(String username);
}
