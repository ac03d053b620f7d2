package io.fidelis.core.csv;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses and checks one raw CSV value for a {@link FieldType}. Pure and thread-safe.
 * A value that cannot be parsed raises {@link InvalidValueException} with a plain-words reason.
 */
public final class FieldParser {

    /** The most decimal places kept for exact amounts (NUMERIC(19,4) in the database). */
    public static final int MAX_SCALE = 4;
    /** The most digits before the decimal point (NUMERIC(19,4) in the database). */
    public static final int MAX_INTEGER_DIGITS = 15;

    private static final Pattern FLOAT_INTEGER = Pattern.compile("-?\\d+\\.0+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private static final Instant EARLIEST = Instant.parse("0001-01-02T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");
    private final ZoneId zone;
    private final DateTimeFormatter timestampFormat;
    private final String timestampPattern;

    /**
     * @param zone            the zone in which local date-times (without offset) are read
     * @param timestampFormat an explicit pattern for timestamps, or {@code null} for ISO-8601 forms
     */
    /** @throws IllegalArgumentException when {@code timestampFormat} is not a valid pattern */
    public FieldParser(ZoneId zone, String timestampFormat) {
        this.zone = zone;
        this.timestampPattern = timestampFormat;
        this.timestampFormat = timestampFormat == null ? null
                : DateTimeFormatter.ofPattern(timestampFormat, Locale.ROOT);
    }

    public static FieldParser utc() {
        return new FieldParser(ZoneOffset.UTC, null);
    }

    /**
     * @return the parsed value, or {@code null} for an empty value
     * @throws InvalidValueException when the value is present but not valid
     */
    public Object parse(Field field, String raw) throws InvalidValueException {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidValueException("contains a NUL character");
        }
        switch (field.type()) {
            case ID -> {
                String id = normaliseId(value);
                checkLength(field, id);
                return id;
            }
            case TEXT -> {
                checkLength(field, value);
                return value;
            }
            case EMAIL -> {
                checkLength(field, value);
                if (!EMAIL.matcher(value).matches()) {
                    throw new InvalidValueException("not an e-mail address: '" + value + "'");
                }
                return value;
            }
            case DECIMAL -> {
                return parseDecimal(value);
            }
            case TIMESTAMP -> {
                return parseTimestamp(value);
            }
            case DATE -> {
                // A date, or the date part of a timestamp ("2024-01-05 10:00" reads as 2024-01-05).
                boolean timestamp = value.length() > 10 && (value.charAt(10) == ' ' || value.charAt(10) == 'T');
                try {
                    LocalDate date = LocalDate.parse(timestamp ? value.substring(0, 10) : value);
                    if (date.getYear() < 1 || date.getYear() > 9999) {
                        throw new InvalidValueException("year out of range (1 to 9999): '" + value + "'");
                    }
                    return date;
                } catch (DateTimeParseException e) {
                    throw new InvalidValueException("not a date (expected yyyy-MM-dd): '" + value + "'");
                }
            }
            case BOOLEAN -> {
                return parseBoolean(value);
            }
            case TIME_ZONE -> {
                try {
                    return ZoneId.of(value).getId();
                } catch (DateTimeException e) {
                    throw new InvalidValueException("not a time zone (expected an IANA id such as Asia/Shanghai): '"
                            + value + "'");
                }
            }
            default -> throw new IllegalStateException("unhandled type " + field.type());
        }
    }

    /** {@code " 17850.0 "} becomes {@code "17850"}; other ids are only trimmed. */
    public static String normaliseId(String value) {
        String v = value.strip();
        if (FLOAT_INTEGER.matcher(v).matches()) {
            return v.substring(0, v.indexOf('.'));
        }
        return v;
    }

    private static void checkLength(Field field, String value) throws InvalidValueException {
        if (value.length() > field.maxLength()) {
            throw new InvalidValueException("longer than " + field.maxLength() + " characters");
        }
    }

    static BigDecimal parseDecimal(String value) throws InvalidValueException {
        BigDecimal d;
        try {
            d = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("not a number: '" + value + "'");
        }
        if (value.indexOf('e') >= 0 || value.indexOf('E') >= 0) {
            throw new InvalidValueException("not a plain decimal number: '" + value + "'");
        }
        d = d.scale() > MAX_SCALE ? d.stripTrailingZeros() : d;
        if (d.scale() > MAX_SCALE) {
            throw new InvalidValueException("more than " + MAX_SCALE + " decimal places: '" + value + "'");
        }
        if (d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidValueException("too large: '" + value + "'");
        }
        return d;
    }

    private static Boolean parseBoolean(String value) throws InvalidValueException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "t" -> {
                return Boolean.TRUE;
            }
            case "false", "no", "n", "0", "f" -> {
                return Boolean.FALSE;
            }
            default -> throw new InvalidValueException("not yes/no (expected true/false, yes/no or 1/0): '"
                    + value + "'");
        }
    }

    Instant parseTimestamp(String value) throws InvalidValueException {
        if (timestampFormat != null) {
            try {
                TemporalAccessor t = timestampFormat.parse(value);
                if (t.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
                    return java.time.OffsetDateTime.from(t).toInstant();
                }
                if (t.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
                    return LocalDateTime.from(t).atZone(zone).toInstant();
                }
                return LocalDate.from(t).atStartOfDay(zone).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidValueException("not a timestamp in the form '" + timestampPattern + "': '"
                        + value + "'");
            }
        }
        Instant fast = IsoTimestamps.parse(value, zone);
        if (fast != null && (fast.isBefore(EARLIEST) || fast.isAfter(LATEST))) {
            throw new InvalidValueException("year out of range (1 to 9999): '" + value + "'");
        }
        if (fast == null) {
            throw new InvalidValueException("not a timestamp (expected yyyy-MM-dd HH:mm[:ss], "
                    + "optionally with Z or an offset such as +08:00): '" + value + "'");
        }
        return fast;
    }
}
