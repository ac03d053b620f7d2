package io.fidelis.core.basket;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Market baskets: each basket is a set of item numbers (0 … {@link #itemCount()} − 1), held as one sorted array of
 * distinct items per basket in a single flat array (about 4 bytes an item). Items are whatever the caller chooses to
 * associate — SKUs, categories — numbered by the {@link Builder} in order of first appearance, which keeps their
 * labels. A basket may also carry its customer and its day, for a time split ({@link Evaluation}).
 *
 * <p>A basket that holds an item twice holds it once; a basket with no items still counts as a basket (it lowers
 * every support). Immutable.
 */
public final class Baskets {
    /** The day of a basket that has none. */
    public static final int NO_DAY = Integer.MIN_VALUE;

    /** Basket b's items are {@code items[start[b]] … items[start[b + 1] − 1]}, ascending and distinct. */
    final int[] start;
    final int[] items;
    private final int itemCount;
    private final List<String> labels;
    private final int[] customer;
    private final List<String> customerIds;
    private final int[] day;

    private Baskets(int[] start, int[] items, int itemCount, List<String> labels, int[] customer,
                    List<String> customerIds, int[] day) {
        this.start = start;
        this.items = items;
        this.itemCount = itemCount;
        this.labels = labels;
        this.customer = customer;
        this.customerIds = customerIds;
        this.day = day;
    }

    /** A builder that numbers baskets and items by their keys. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Baskets of item numbers given directly (duplicates within a basket are dropped); item i is labelled
     * {@code "i"}, and there are (largest item + 1) items.
     *
     * @throws IllegalArgumentException for a negative item
     */
    public static Baskets of(int[]... baskets) {
        int max = -1;
        int total = 0;
        for (int b = 0; b < baskets.length; b++) {
            for (int item : baskets[b]) {
                if (item < 0) {
                    throw new IllegalArgumentException("basket " + b + " holds item " + item
                            + ": items are numbered from 0");
                }
                max = Math.max(max, item);
            }
            total += baskets[b].length;
        }
        int[] basketOf = new int[total];
        int[] itemOf = new int[total];
        int k = 0;
        for (int b = 0; b < baskets.length; b++) {
            for (int item : baskets[b]) {
                basketOf[k] = b;
                itemOf[k++] = item;
            }
        }
        List<String> labels = new ArrayList<>(max + 1);
        for (int i = 0; i <= max; i++) {
            labels.add(Integer.toString(i));
        }
        int[] none = new int[baskets.length];
        Arrays.fill(none, -1);
        int[] days = new int[baskets.length];
        Arrays.fill(days, NO_DAY);
        return assemble(basketOf, itemOf, total, baskets.length, max + 1, labels, none, List.of(), days);
    }

    /** Groups lines by basket (a counting sort), then sorts each basket and drops repeated items. */
    private static Baskets assemble(int[] basketOf, int[] itemOf, int lines, int baskets, int itemCount,
                                    List<String> labels, int[] customer, List<String> customerIds, int[] day) {
        int[] start = new int[baskets + 1];
        for (int i = 0; i < lines; i++) {
            start[basketOf[i] + 1]++;
        }
        for (int b = 0; b < baskets; b++) {
            start[b + 1] += start[b];
        }
        int[] fill = Arrays.copyOf(start, baskets);
        int[] grouped = new int[lines];
        for (int i = 0; i < lines; i++) {
            grouped[fill[basketOf[i]]++] = itemOf[i];
        }
        int kept = 0;
        int[] compact = new int[baskets + 1];
        for (int b = 0; b < baskets; b++) {
            int from = start[b];
            int to = start[b + 1];
            Arrays.sort(grouped, from, to);
            compact[b] = kept;
            for (int i = from; i < to; i++) {
                if (i == from || grouped[i] != grouped[i - 1]) {
                    grouped[kept++] = grouped[i];
                }
            }
        }
        compact[baskets] = kept;
        return new Baskets(compact, kept == lines ? grouped : Arrays.copyOf(grouped, kept), itemCount,
                List.copyOf(labels), customer, List.copyOf(customerIds), day);
    }

    /** The number of baskets. */
    public int size() {
        return start.length - 1;
    }

    /** The number of distinct items numbered (some may be in no basket of a {@link #filter filtered} set). */
    public int itemCount() {
        return itemCount;
    }

    /** The distinct (basket, item) pairs. */
    public int lines() {
        return items.length;
    }

    /** A basket's items, ascending and distinct. */
    public int[] items(int basket) {
        return Arrays.copyOfRange(items, start[basket], start[basket + 1]);
    }

    /** The label of an item: the string it was numbered from. */
    public String label(int item) {
        return labels.get(item);
    }

    /** The labels of the items, by number. */
    public List<String> labels() {
        return labels;
    }

    /** The number of an item label, or −1 for a label never seen. */
    public int item(String label) {
        return labels.indexOf(label);
    }

    /** The customer number of a basket, or −1 when it has no customer. */
    public int customer(int basket) {
        return customer[basket];
    }

    /** The number of distinct customers numbered. */
    public int customerCount() {
        return customerIds.size();
    }

    /** The id a customer number was given for. */
    public String customerId(int customerNumber) {
        return customerIds.get(customerNumber);
    }

    /** The epoch day of a basket, or {@link #NO_DAY}. */
    public int day(int basket) {
        return day[basket];
    }

    /**
     * The baskets for which the predicate (given the basket number) is true, in order, with the same item and
     * customer numbers and labels.
     */
    public Baskets filter(IntPredicate keep) {
        int n = size();
        int kept = 0;
        int lines = 0;
        boolean[] keeps = new boolean[n];
        for (int b = 0; b < n; b++) {
            if (keep.test(b)) {
                keeps[b] = true;
                kept++;
                lines += start[b + 1] - start[b];
            }
        }
        int[] newStart = new int[kept + 1];
        int[] newItems = new int[lines];
        int[] newCustomer = new int[kept];
        int[] newDay = new int[kept];
        int k = 0;
        int at = 0;
        for (int b = 0; b < n; b++) {
            if (keeps[b]) {
                int len = start[b + 1] - start[b];
                System.arraycopy(items, start[b], newItems, at, len);
                newCustomer[k] = customer[b];
                newDay[k] = day[b];
                at += len;
                newStart[++k] = at;
            }
        }
        return new Baskets(newStart, newItems, itemCount, labels, newCustomer, customerIds, newDay);
    }

    /**
     * Numbers baskets, items and customers by their keys as lines arrive, in any order; the lines of a basket need
     * not be together (consecutive lines of one basket cost no lookup). The first line of a basket sets its
     * customer and day. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Integer> basketNumbers = new HashMap<>();
        private final Map<String, Integer> itemNumbers = new HashMap<>();
        private final List<String> itemLabels = new ArrayList<>();
        private final Map<String, Integer> customerNumbers = new HashMap<>();
        private final List<String> customerIds = new ArrayList<>();
        private int[] basketOf = new int[1024];
        private int[] itemOf = new int[1024];
        private int lines;
        private int[] customer = new int[256];
        private int[] day = new int[256];
        private int baskets;
        private String lastBasket;
        private int lastNumber;

        private Builder() {
        }

        /** Adds an item to a basket (both created when new). */
        public Builder add(String basketKey, String item) {
            return add(basketKey, null, NO_DAY, item);
        }

        /**
         * Adds an item to a basket of a customer on a day.
         *
         * @param customerId null for a basket without a customer
         * @param date       null for a basket without a day
         */
        public Builder add(String basketKey, String customerId, LocalDate date, String item) {
            return add(basketKey, customerId, date == null ? NO_DAY : Math.toIntExact(date.toEpochDay()), item);
        }

        /** @param epochDay the day as {@link LocalDate#toEpochDay()}, or {@link Baskets#NO_DAY} */
        public Builder add(String basketKey, String customerId, int epochDay, String item) {
            return add(basketKey, customerId, epochDay, item(item));
        }

        /** Adds an item already numbered by {@link #item(String)}. */
        public Builder add(String basketKey, String customerId, int epochDay, int itemNumber) {
            Objects.requireNonNull(basketKey, "basket key");
            if (itemNumber < 0 || itemNumber >= itemLabels.size()) {
                throw new IllegalArgumentException("unknown item number " + itemNumber + ": number items with item()");
            }
            int b = basket(basketKey, customerId, epochDay);
            if (lines == basketOf.length) {
                int capacity = lines + (lines >> 1);
                basketOf = Arrays.copyOf(basketOf, capacity);
                itemOf = Arrays.copyOf(itemOf, capacity);
            }
            basketOf[lines] = b;
            itemOf[lines++] = itemNumber;
            return this;
        }

        /** The number of an item label, numbering it when new. */
        public int item(String label) {
            Objects.requireNonNull(label, "item");
            Integer known = itemNumbers.get(label);
            if (known != null) {
                return known;
            }
            int number = itemLabels.size();
            itemLabels.add(label);
            itemNumbers.put(label, number);
            return number;
        }

        private int basket(String key, String customerId, int epochDay) {
            if (key.equals(lastBasket)) {
                return lastNumber;
            }
            Integer known = basketNumbers.get(key);
            int b;
            if (known != null) {
                b = known;
            } else {
                b = baskets++;
                basketNumbers.put(key, b);
                if (b == customer.length) {
                    customer = Arrays.copyOf(customer, b * 2);
                    day = Arrays.copyOf(day, b * 2);
                }
                customer[b] = customerId == null ? -1 : customerNumbers.computeIfAbsent(customerId, id -> {
                    customerIds.add(id);
                    return customerIds.size() - 1;
                });
                day[b] = epochDay;
            }
            lastBasket = key;
            lastNumber = b;
            return b;
        }

        /** The baskets built so far (the builder can go on). */
        public Baskets build() {
            return assemble(basketOf, itemOf, lines, baskets, itemLabels.size(), itemLabels,
                    Arrays.copyOf(customer, baskets), customerIds, Arrays.copyOf(day, baskets));
        }
    }
}
