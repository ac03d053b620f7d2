package io.fidelis.app.customer;

/**
 * What the customers list and its export show. Each given criterion narrows the result; {@code text} finds a
 * customer by exact id, exact e-mail or the beginning of the name (case-insensitive).
 */
public record CustomerFilter(String text, String segment, String region, String accountManager, Activity activity) {

    /** The same filter with another text. */
    public CustomerFilter withText(String other) {
        return new CustomerFilter(other, segment, region, accountManager, activity);
    }

    /** How recently a customer bought, relative to now. */
    public record Activity(Kind kind, int activeDays, int lostDays) {
        public Activity {
            if (activeDays <= 0 || lostDays <= activeDays) {
                throw new IllegalArgumentException("need 0 < activeDays < lostDays, got " + activeDays + ", " + lostDays);
            }
        }
    }

    /** Active: bought within the active window. Lapsing: not since, but within the lost window. Lost: bought, but not within the lost window. Never: no purchase. */
    public enum Kind { ACTIVE, LAPSING, LOST, NEVER }

    /** The orders of the list that keyset pagination supports (each ends with the row id as a tie-breaker). */
    public enum Sort {
        EXTERNAL_ID("external_id", false), EXTERNAL_ID_DESC("external_id", true),
        NAME("name_key", false), NAME_DESC("name_key", true);

        private final String column;
        private final boolean descending;

        Sort(String column, boolean descending) {
            this.column = column;
            this.descending = descending;
        }

        String column() {
            return column;
        }

        boolean descending() {
            return descending;
        }
    }
}
