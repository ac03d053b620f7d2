package io.fidelis.app.importing;

import java.util.Locale;

/** What a CSV file holds. */
public enum ImportKind {
    CUSTOMERS, PRODUCTS, PURCHASES, DELIVERIES, SUBSCRIPTIONS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
