package io.fidelis.core.summary;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fidelis.core.csv.CsvScanner;
import io.fidelis.core.csv.Decompressing;
import io.fidelis.core.csv.ReadAhead;
import io.fidelis.core.csv.RowError;

/**
 * Reads purchase transactions from a CSV file (plain or gzip) with named columns: the customer, the date (ISO date,
 * ISO date-time, {@code yyyyMMdd}, or a given pattern) and either an amount or a quantity and a unit price. Rows
 * without a customer are skipped and counted; any other unreadable row stops the reading with its file, line, field
 * and reason.
 */
public final class TransactionCsv {

    /** Which columns hold what. {@code amount}, or else {@code quantity} × {@code price}. */
    public record Columns(String customer, String date, String amount, String quantity, String price,
                          String datePattern) {
    }

    /** What was read. */
    public record Result(TransactionColumns transactions, long rows, long skippedWithoutCustomer) {
    }

    private TransactionCsv() {
    }

    public static Result read(Path file, Columns columns) throws IOException {
        String name = file.getFileName().toString();
        DateTimeFormatter pattern = columns.datePattern() == null ? null
                : DateTimeFormatter.ofPattern(columns.datePattern());
        try (CsvScanner csv = open(file)) {
            Map<String, Integer> header = header(csv, name);
            int customer = column(header, columns.customer(), name, "--customer-column");
            int date = column(header, columns.date(), name, "--date-column");
            int amount = columns.amount() == null ? -1 : column(header, columns.amount(), name, "--amount-column");
            int quantity = amount >= 0 ? -1 : column(header, columns.quantity(), name, "--quantity-column");
            int price = amount >= 0 ? -1 : column(header, columns.price(), name, "--price-column");
            TransactionColumns out = new TransactionColumns();
            Ids ids = new Ids(out);
            long rows = 0;
            long skipped = 0;
            while (csv.next()) {
                if (csv.emptyLine()) {
                    continue;
                }
                rows++;
                long line = csv.line();
                if (csv.blank(customer)) {
                    skipped++;
                    continue;
                }
                int day = day(csv, date, pattern, name, line, columns.date());
                double value = amount >= 0 ? number(csv, amount, name, line, columns.amount())
                        : number(csv, quantity, name, line, columns.quantity()) * number(csv, price, name, line,
                        columns.price());
                out.add(ids.number(csv, customer), day, value);
            }
            return new Result(out, rows, skipped);
        } catch (CsvScanner.Malformed e) {
            throw new InvalidTransactionException(new RowError(name, e.line(), null, e.getMessage()));
        }
    }

    /**
     * Customer numbers keyed on the id's bytes, so a known customer costs no String: an open-addressing table over
     * the raw ids. A new raw id is normalised ({@link #normaliseId}) before it is numbered, so {@code 17850} and
     * {@code 17850.0} get the same number.
     */
    static final class Ids {
        private final TransactionColumns columns;
        private byte[] arena = new byte[1 << 16];
        private int used;
        /** Per slot: the hash (high half) and the customer number + 1 (low half; 0 = free). */
        private long[] hashAndNumber = new long[1 << 12];
        /** Per slot: the id's offset in the arena (high half) and its length (low half). */
        private long[] place = new long[1 << 12];
        private int size;
        private int lastFrom = -1;
        private int lastLength;
        private int lastNumber;

        Ids(TransactionColumns columns) {
            this.columns = columns;
        }

        int number(CsvScanner csv, int field) {
            byte[] bytes = csv.bytes();
            int from = csv.fieldOffset(field);
            int n = csv.fieldLength(field);
            // Lines of one customer often come together: the previous line's customer first.
            if (lastFrom >= 0 && lastLength == n
                    && java.util.Arrays.equals(arena, lastFrom, lastFrom + n, bytes, from, from + n)) {
                return lastNumber;
            }
            int slot = find(bytes, from, n);
            if (hashAndNumber[slot] != 0) {
                return remember(slot);
            }
            String raw = csv.string(field);
            String id = normaliseId(raw);
            int customer;
            if (id.equals(raw)) {
                customer = columns.newCustomer(id);
            } else {
                // 17850.0: the same customer as 17850, seen before or after.
                byte[] normal = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int normalSlot = find(normal, 0, normal.length);
                if (hashAndNumber[normalSlot] != 0) {
                    customer = (int) hashAndNumber[normalSlot] - 1;
                } else {
                    customer = columns.newCustomer(id);
                    insert(normalSlot, normal, 0, normal.length, customer);
                }
                slot = find(bytes, from, n);
            }
            return remember(insert(slot, bytes, from, n, customer));
        }

        private int remember(int slot) {
            lastFrom = (int) (place[slot] >>> 32);
            lastLength = (int) place[slot];
            lastNumber = (int) hashAndNumber[slot] - 1;
            return lastNumber;
        }

        private static int hash(byte[] bytes, int from, int n) {
            int hash = 1;
            for (int i = from; i < from + n; i++) {
                hash = 31 * hash + bytes[i];
            }
            return hash ^ (hash >>> 16);
        }

        /** The slot holding these bytes, or the free slot where they belong. */
        private int find(byte[] bytes, int from, int n) {
            int hash = hash(bytes, from, n);
            int mask = hashAndNumber.length - 1;
            int slot = hash & mask;
            while (true) {
                long entry = hashAndNumber[slot];
                if (entry == 0) {
                    return slot;
                }
                if ((int) (entry >>> 32) == hash && (int) place[slot] == n) {
                    int offset = (int) (place[slot] >>> 32);
                    if (java.util.Arrays.equals(arena, offset, offset + n, bytes, from, from + n)) {
                        return slot;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }

        private int insert(int slot, byte[] bytes, int from, int n, int customer) {
            if (used + n > arena.length) {
                arena = java.util.Arrays.copyOf(arena, Math.max(arena.length * 2, used + n));
            }
            System.arraycopy(bytes, from, arena, used, n);
            hashAndNumber[slot] = ((long) hash(bytes, from, n) << 32) | (customer + 1L);
            place[slot] = ((long) used << 32) | n;
            used += n;
            if (++size * 2 > hashAndNumber.length) {
                grow();
                return find(bytes, from, n);
            }
            return slot;
        }

        private void grow() {
            long[] oldEntries = hashAndNumber;
            long[] oldPlaces = place;
            int capacity = oldEntries.length * 2;
            hashAndNumber = new long[capacity];
            place = new long[capacity];
            for (int i = 0; i < oldEntries.length; i++) {
                if (oldEntries[i] != 0) {
                    int slot = (int) (oldEntries[i] >>> 32) & (capacity - 1);
                    while (hashAndNumber[slot] != 0) {
                        slot = (slot + 1) & (capacity - 1);
                    }
                    hashAndNumber[slot] = oldEntries[i];
                    place[slot] = oldPlaces[i];
                }
            }
        }
    }

    /** {@code 17850.0} and {@code 17850} are the same customer (spreadsheet exports write ids as decimals). */
    static String normaliseId(String id) {
        int point = id.indexOf('.');
        if (point <= 0 || point == id.length() - 1) {
            return id;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (i < point ? c < '0' || c > '9' : i > point && c != '0') {
                return id;
            }
        }
        return id.substring(0, point);
    }

    /** A plain or gzipped CSV file, decompressed in a second thread while the caller parses. */
    public static CsvScanner open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream data = Decompressing.ifGzip(raw);
        return new CsvScanner(data == raw ? raw : new ReadAhead(data));
    }

    /** The header's columns by name (the first of a repeated name), after reading it; an empty file is refused. */
    public static Map<String, Integer> header(CsvScanner csv, String file) throws IOException {
        if (!csv.next()) {
            throw new InvalidTransactionException(new RowError(file, 1, null, "the file is empty: no header"));
        }
        Map<String, Integer> header = new LinkedHashMap<>();
        for (int i = 0; i < csv.fields(); i++) {
            header.putIfAbsent(csv.string(i), i);
        }
        return header;
    }

    /** The position of a named column; refused, naming the option to set, when it is not named or not there. */
    public static int column(Map<String, Integer> header, String wanted, String file, String option) {
        if (wanted == null) {
            throw new InvalidTransactionException(new RowError(file, 1, option, "name the column with " + option));
        }
        Integer i = header.get(wanted);
        if (i == null) {
            throw new InvalidTransactionException(new RowError(file, 1, wanted, "no such column; the header has "
                    + header.keySet()));
        }
        return i;
    }

    private static double number(CsvScanner csv, int index, String file, long line, String field) {
        try {
            double d = csv.decimal(index);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidTransactionException(new RowError(file, line, field, "not a number: '"
                    + csv.string(index) + "'"));
        }
    }

    private static int day(CsvScanner csv, int index, DateTimeFormatter pattern, String file, long line,
                           String field) {
        if (pattern == null) {
            try {
                long day = csv.isoEpochDay(index);
                if (day != Long.MIN_VALUE) {
                    return Math.toIntExact(day);
                }
            } catch (java.time.DateTimeException e) {
                throw new InvalidTransactionException(new RowError(file, line, field, "not a date: '"
                        + csv.string(index) + "' (" + e.getMessage() + ")"));
            }
        }
        return Math.toIntExact(parseDate(csv.string(index), pattern, file, line, field).toEpochDay());
    }

    private static LocalDate parseDate(String v, DateTimeFormatter pattern, String file, long line, String field) {
        try {
            if (pattern != null) {
                try {
                    return LocalDateTime.parse(v, pattern).toLocalDate();
                } catch (DateTimeParseException e) {
                    return LocalDate.parse(v, pattern);
                }
            }
            if (v.length() == 8 && v.chars().allMatch(Character::isDigit)) {
                return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (v.length() == 10) {
                return LocalDate.parse(v);
            }
            String iso = v.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(iso).toLocalDate();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(iso).toLocalDate();
            }
        } catch (DateTimeParseException e) {
            throw new InvalidTransactionException(new RowError(file, line, field, "not a date: '" + v + "'"
                    + (pattern == null ? " (give its pattern with --date-format, such as M/d/yyyy H:mm)" : "")));
        }
    }

}
