package io.fidelis.core.summary;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.core.csv.Decompressing;
import io.fidelis.core.csv.RowError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
    public record Result(List<Transaction> transactions, long rows, long skippedWithoutCustomer) {
    }

    private TransactionCsv() {
    }

    public static Result read(Path file, Columns columns) throws IOException {
        String name = file.getFileName().toString();
        DateTimeFormatter pattern = columns.datePattern() == null ? null
                : DateTimeFormatter.ofPattern(columns.datePattern());
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             Reader reader = new InputStreamReader(Decompressing.ifGzip(raw), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).get())) {
            Map<String, Integer> header = csv.getHeaderMap();
            int customer = column(header, columns.customer(), name, "--customer-column");
            int date = column(header, columns.date(), name, "--date-column");
            int amount = columns.amount() == null ? -1 : column(header, columns.amount(), name, "--amount-column");
            int quantity = amount >= 0 ? -1 : column(header, columns.quantity(), name, "--quantity-column");
            int price = amount >= 0 ? -1 : column(header, columns.price(), name, "--price-column");
            List<Transaction> out = new ArrayList<>();
            long rows = 0;
            long skipped = 0;
            for (CSVRecord r : csv) {
                rows++;
                long line = r.getParser().getCurrentLineNumber();
                String id = r.size() > customer ? r.get(customer).strip() : "";
                if (id.isEmpty()) {
                    skipped++;
                    continue;
                }
                LocalDate day = parseDate(r, date, pattern, name, line, columns.date());
                double value = amount >= 0 ? number(r, amount, name, line, columns.amount())
                        : number(r, quantity, name, line, columns.quantity()) * number(r, price, name, line,
                        columns.price());
                out.add(new Transaction(normaliseId(id), day, value));
            }
            return new Result(out, rows, skipped);
        }
    }

    /** {@code 17850.0} and {@code 17850} are the same customer (spreadsheet exports write ids as decimals). */
    static String normaliseId(String id) {
        return id.matches("\\d+\\.0+") ? id.substring(0, id.indexOf('.')) : id;
    }

    private static int column(Map<String, Integer> header, String wanted, String file, String option) {
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

    private static double number(CSVRecord r, int index, String file, long line, String field) {
        String v = r.size() > index ? r.get(index).strip() : "";
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidTransactionException(new RowError(file, line, field, "not a number: '" + v + "'"));
        }
    }

    private static LocalDate parseDate(CSVRecord r, int index, DateTimeFormatter pattern, String file, long line,
                                       String field) {
        String v = r.size() > index ? r.get(index).strip() : "";
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
