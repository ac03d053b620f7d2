package io.fidelis.app.importing;

import java.util.Locale;

/** What a CSV file holds. */
public enum ImportKind {
    CUSTOMERS, PRODUCTS, PURCHASES;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
