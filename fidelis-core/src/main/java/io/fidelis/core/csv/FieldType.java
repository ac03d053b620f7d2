package io.fidelis.core.csv;

/** The kinds of value a CSV import field can hold; each knows how to parse and check itself. */
public enum FieldType {
    /** An external identifier: trimmed; a float-formatted integer such as {@code 17850.0} becomes {@code 17850}. */
    ID,
    /** Free text, trimmed; empty means absent. */
    TEXT,
    /** An exact decimal number with a dot as decimal separator (money and quantities). */
    DECIMAL,
    /** A point in time; local date-times are read in the import's time zone and stored in UTC. */
    TIMESTAMP,
    /** A calendar date, {@code yyyy-MM-dd}. */
    DATE,
    /** true/false, yes/no, y/n, 1/0. */
    BOOLEAN,
    /** An IANA time-zone id such as {@code Asia/Shanghai}. */
    TIME_ZONE,
    /** An e-mail address (a light syntactic check only). */
    EMAIL
}
