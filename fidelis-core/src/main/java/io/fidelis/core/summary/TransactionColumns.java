package io.fidelis.core.summary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Transactions held column by column: a customer number, the epoch day and the amount, 16 bytes a line instead of an
 * object each. Customers are numbered in order of first appearance. From these columns the customer summaries and
 * the holdout counts are built in linear time (a counting sort by customer, then each customer's few days in order).
 * Not thread-safe; fill it, then read it.
 */
public final class TransactionColumns {
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> numberById = new HashMap<>();
    private int[] customer = new int[1024];
    private int[] day = new int[1024];
    private double[] amount = new double[1024];
    private int size;

    /** The columns of some transactions. */
    public static TransactionColumns of(Iterable<Transaction> transactions) {
        TransactionColumns columns = new TransactionColumns();
        for (Transaction t : transactions) {
            columns.add(columns.customer(t.customerId()), t.date(), t.amount());
        }
        return columns;
    }

    /** The number of a customer id, numbering it if it is new. */
    public int customer(String id) {
        // Customers numbered by newCustomer are looked up from here on.
        for (int c = numberById.size(); c < ids.size(); c++) {
            numberById.put(ids.get(c), c);
        }
        Integer known = numberById.get(id);
        if (known != null) {
            return known;
        }
        int number = ids.size();
        ids.add(id);
        numberById.put(id, number);
        return number;
    }

    /** Numbers a customer the caller knows to be new (a reader with its own index of ids), without a lookup. */
    int newCustomer(String id) {
        ids.add(id);
        return ids.size() - 1;
    }

    public void add(int customerNumber, LocalDate date, double value) {
        add(customerNumber, Math.toIntExact(date.toEpochDay()), value);
    }

    /** @param epochDay the local day as {@link LocalDate#toEpochDay()} */
    public void add(int customerNumber, int epochDay, double value) {
        if (customerNumber < 0 || customerNumber >= ids.size()) {
            throw new IllegalArgumentException("unknown customer number " + customerNumber);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("amount must be finite, got " + value);
        }
        if (size == customer.length) {
            int capacity = size + (size >> 1);
            customer = Arrays.copyOf(customer, capacity);
            day = Arrays.copyOf(day, capacity);
            amount = Arrays.copyOf(amount, capacity);
        }
        customer[size] = customerNumber;
        day[size] = epochDay;
        amount[size] = value;
        size++;
    }

    /** Transactions held. */
    public int size() {
        return size;
    }

    /** Distinct customers seen. */
    public int customers() {
        return ids.size();
    }

    /**
     * The summaries, in order of the customers' first appearance; transactions after {@code observationEnd} are
     * ignored, and customers with returns only are left out. The conventions are those of
     * {@link CustomerSummaries#of}.
     */
    public List<CustomerSummary> summaries(LocalDate observationEnd, Period period) {
        int end = Math.toIntExact(observationEnd.toEpochDay());
        List<CustomerSummary> out = new ArrayList<>(ids.size());
        eachCustomer(end, (c, days, sums, purchases, n) -> {
            // Occasions are days with a purchase (an amount of 0 or more); returns before the first are ignored.
            int first = -1;
            int last = -1;
            int occasions = 0;
            double later = 0;
            for (int k = 0; k < n; k++) {
                if (first < 0) {
                    if (!purchases[k]) {
                        continue;
                    }
                    first = days[k];
                } else {
                    later += sums[k];
                }
                if (purchases[k]) {
                    occasions++;
                    last = days[k];
                }
            }
            if (first >= 0) {
                int x = occasions - 1;
                out.add(new CustomerSummary(ids.get(c), x, period.of(last - first), period.of(end - first),
                        x == 0 ? 0 : Math.max(0, later / x)));
            }
        });
        return out;
    }

    /**
     * Repeat occasions of each customer in the holdout {@code (calibrationEnd, holdoutEnd]}, for customers whose first
     * occasion is on or before the calibration end.
     */
    public Map<String, Integer> holdoutOccasions(LocalDate calibrationEnd, LocalDate holdoutEnd) {
        int calibration = Math.toIntExact(calibrationEnd.toEpochDay());
        Map<String, Integer> out = new HashMap<>();
        eachCustomer(Math.toIntExact(holdoutEnd.toEpochDay()), (c, days, sums, purchases, n) -> {
            int first = -1;
            int later = 0;
            for (int k = 0; k < n; k++) {
                if (purchases[k]) {
                    if (first < 0) {
                        first = days[k];
                    } else if (days[k] > calibration) {
                        later++;
                    }
                }
            }
            if (first >= 0 && first <= calibration) {
                out.put(ids.get(c), later);
            }
        });
        return out;
    }

    /** One customer's days in order: the day, the net amount of the day, and whether anything was bought. */
    private interface CustomerDays {
        void accept(int customer, int[] days, double[] sums, boolean[] purchases, int count);
    }

    private void eachCustomer(int lastDay, CustomerDays consumer) {
        int customers = ids.size();
        int[] start = new int[customers + 1];
        for (int i = 0; i < size; i++) {
            if (day[i] <= lastDay) {
                start[customer[i] + 1]++;
            }
        }
        for (int c = 0; c < customers; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, customers);
        int[] rows = new int[start[customers]];
        for (int i = 0; i < size; i++) {
            if (day[i] <= lastDay) {
                rows[fill[customer[i]]++] = i;
            }
        }
        int[] days = new int[16];
        double[] sums = new double[16];
        boolean[] purchases = new boolean[16];
        long[] keys = new long[16];
        for (int c = 0; c < customers; c++) {
            int from = start[c];
            int n = start[c + 1] - from;
            if (n == 0) {
                continue;
            }
            if (keys.length < n) {
                int capacity = Math.max(n, keys.length * 2);
                keys = new long[capacity];
                days = new int[capacity];
                sums = new double[capacity];
                purchases = new boolean[capacity];
            }
            // Day first, then file order: a stable sort of the customer's lines by day.
            boolean sorted = true;
            for (int k = 0; k < n; k++) {
                int row = rows[from + k];
                keys[k] = ((long) day[row] << 32) | (k & 0xFFFFFFFFL);
                sorted &= k == 0 || keys[k] >= keys[k - 1];
            }
            if (!sorted) {
                Arrays.sort(keys, 0, n);
            }
            int distinct = 0;
            for (int k = 0; k < n; k++) {
                int row = rows[from + (int) keys[k]];
                if (distinct == 0 || days[distinct - 1] != day[row]) {
                    days[distinct] = day[row];
                    sums[distinct] = 0;
                    purchases[distinct] = false;
                    distinct++;
                }
                sums[distinct - 1] += amount[row];
                purchases[distinct - 1] |= amount[row] >= 0;
            }
            consumer.accept(c, days, sums, purchases, distinct);
        }
    }
}
