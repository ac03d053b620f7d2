package io.fidelis.core.summary;

/** The unit of time of a customer summary and of model parameters. */
public enum Period {
    DAY(1), WEEK(7);

    private final int days;

    Period(int days) {
        this.days = days;
    }

    /** A number of days in this unit (weeks are days / 7, continuous). */
    public double of(long days) {
        return (double) days / this.days;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
