package io.fidelis.core.basket;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import io.fidelis.core.csv.CsvScanner;
import io.fidelis.core.csv.RowError;
import io.fidelis.core.summary.InvalidTransactionException;
import io.fidelis.core.summary.TransactionCsv;

/**
 * Reads baskets from a purchase-line CSV file (plain or gzip) with named columns: the basket (an order or invoice
 * number) and the item (a SKU or category) are required; the customer, the date (ISO date or ISO date-time; the
 * day is kept) and a quantity are optional. Lines with a blank basket or item, a quantity of 0 or less (returns
 * and cancellations), or an excluded item (such as postage) are skipped and counted. A blank customer leaves the
 * basket without one.
 */
public final class BasketCsv {
    private BasketCsv() {
    }

    /**
     * Which columns hold what; null for an optional column not used.
     *
     * @param excludedItems item labels to leave out (an empty set for none)
     */
    public record Columns(String basket, String item, String customer, String date, String quantity,
                          Set<String> excludedItems) {
        public Columns {
            excludedItems = excludedItems == null ? Set.of() : Set.copyOf(excludedItems);
        }
    }

    /**
     * What was read.
     *
     * @param rows    data rows in the file
     * @param skipped rows left out (blank basket or item, quantity ≤ 0, excluded item)
     */
    public record Result(Baskets baskets, long rows, long skipped) {
    }

    /** @throws InvalidTransactionException for a missing column, an unreadable date or quantity, malformed CSV */
    public static Result read(Path file, Columns columns) throws IOException {
        String name = file.getFileName().toString();
        try (CsvScanner csv = TransactionCsv.open(file)) {
            Map<String, Integer> header = TransactionCsv.header(csv, name);
            int basket = TransactionCsv.column(header, columns.basket(), name, "--basket-column");
            int item = TransactionCsv.column(header, columns.item(), name, "--item-column");
            int customer = columns.customer() == null ? -1 : TransactionCsv.column(header, columns.customer(),
                    name, "--customer-column");
            int date = columns.date() == null ? -1 : TransactionCsv.column(header, columns.date(), name,
                    "--date-column");
            int quantity = columns.quantity() == null ? -1 : TransactionCsv.column(header, columns.quantity(), name,
                    "--quantity-column");
            Baskets.Builder builder = Baskets.builder();
            long rows = 0;
            long skipped = 0;
            while (csv.next()) {
                if (csv.emptyLine()) {
                    continue;
                }
                rows++;
                if (csv.blank(basket) || csv.blank(item)) {
                    skipped++;
                    continue;
                }
                if (quantity >= 0) {
                    double q;
                    try {
                        q = csv.decimal(quantity);
                    } catch (NumberFormatException e) {
                        throw new InvalidTransactionException(new RowError(name, csv.line(), columns.quantity(),
                                "not a number: '" + csv.string(quantity) + "'"));
                    }
                    if (!(q > 0)) {
                        skipped++;
                        continue;
                    }
                }
                String label = csv.string(item);
                if (columns.excludedItems().contains(label)) {
                    skipped++;
                    continue;
                }
                String who = customer < 0 || csv.blank(customer) ? null : csv.string(customer);
                int day = date < 0 ? Baskets.NO_DAY : day(csv, date, name, columns.date());
                builder.add(csv.string(basket), who, day, label);
            }
            return new Result(builder.build(), rows, skipped);
        } catch (CsvScanner.Malformed e) {
            throw new InvalidTransactionException(new RowError(name, e.line(), null, e.getMessage()));
        }
    }

    private static int day(CsvScanner csv, int field, String file, String column) {
        try {
            long day = csv.isoEpochDay(field);
            if (day != Long.MIN_VALUE) {
                return Math.toIntExact(day);
            }
            String v = csv.string(field);
            // An ISO date-time, 2011-12-09 12:50:00 or 2011-12-09T12:50: its day.
            if (v.length() > 10 && (v.charAt(10) == ' ' || v.charAt(10) == 'T')) {
                return Math.toIntExact(LocalDate.parse(v.substring(0, 10)).toEpochDay());
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw new InvalidTransactionException(new RowError(file, csv.line(), column, "not an ISO date or date-time: '"
                + csv.string(field) + "'"));
    }

}
