package io.fidelis.core.supply;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * On-time-in-full rates: the share of settled deliveries (delivered, or already late) that came on or before the
 * promised day with nothing short, per customer, region, warehouse, warehouse and month, and product (a product's
 * line counts as OTIF when its order came on time and that product was not short); and the stock-outs that hit
 * customers (each product out of stock: orders and distinct customers hit).
 */
public final class Otif {
    private Otif() {
    }

    /** One group's figures: deliveries settled, on time, in full, and OTIF. */
    public record Rate(String key, long deliveries, long onTime, long inFull, long otif) {
        public double otifRate() {
            return deliveries == 0 ? Double.NaN : (double) otif / deliveries;
        }

        public double onTimeRate() {
            return deliveries == 0 ? Double.NaN : (double) onTime / deliveries;
        }

        public double inFullRate() {
            return deliveries == 0 ? Double.NaN : (double) inFull / deliveries;
        }
    }

    /** A product out of stock: on how many orders, for how many customers, first and last day promised. */
    public record StockOut(String sku, long orders, long customers, LocalDate first, LocalDate last) {
    }

    /** OTIF per key (sorted by key); deliveries whose key is {@code null} are left out. */
    public static List<Rate> by(Iterable<Delivery> deliveries, Function<Delivery, String> key, LocalDate asOf) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Delivery d : deliveries) {
            String k = key.apply(d);
            if (k == null || !d.settled(asOf)) {
                continue;
            }
            add(counts.computeIfAbsent(k, x -> new long[4]), !d.late(asOf), d.inFull());
        }
        return rates(counts);
    }

    /** OTIF of all settled deliveries. */
    public static Rate overall(Iterable<Delivery> deliveries, LocalDate asOf) {
        List<Rate> all = by(deliveries, d -> "all", asOf);
        return all.isEmpty() ? new Rate("all", 0, 0, 0, 0) : all.get(0);
    }

    /** OTIF per warehouse and month promised: warehouse → month → rate, both sorted. */
    public static Map<String, Map<YearMonth, Rate>> byWarehouseAndMonth(Iterable<Delivery> deliveries,
                                                                      LocalDate asOf) {
        Map<String, Map<YearMonth, long[]>> counts = new TreeMap<>();
        for (Delivery d : deliveries) {
            if (!d.settled(asOf)) {
                continue;
            }
            add(counts.computeIfAbsent(d.warehouse(), w -> new TreeMap<>())
                    .computeIfAbsent(YearMonth.from(d.promisedOn()), m -> new long[4]), !d.late(asOf), d.inFull());
        }
        Map<String, Map<YearMonth, Rate>> out = new LinkedHashMap<>();
        counts.forEach((w, months) -> {
            Map<YearMonth, Rate> rates = new LinkedHashMap<>();
            months.forEach((m, c) -> rates.put(m, new Rate(w + " " + m, c[0], c[1], c[2], c[3])));
            out.put(w, rates);
        });
        return out;
    }

    /** OTIF per product, counting each ordered product line of a settled delivery. */
    public static List<Rate> byProduct(Iterable<Delivery> deliveries, LocalDate asOf) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Delivery d : deliveries) {
            if (!d.settled(asOf)) {
                continue;
            }
            Set<String> skus = new HashSet<>(d.skus());
            skus.addAll(d.skusShort());
            skus.addAll(d.skusOutOfStock());
            for (String sku : skus) {
                boolean full = !d.skusShort().contains(sku) && !d.skusOutOfStock().contains(sku);
                add(counts.computeIfAbsent(sku, x -> new long[4]), !d.late(asOf), full);
            }
        }
        return rates(counts);
    }

    /** Products out of stock on customers' orders, the most orders first. */
    public static List<StockOut> stockOuts(Iterable<Delivery> deliveries) {
        Map<String, List<Delivery>> bySku = new TreeMap<>();
        for (Delivery d : deliveries) {
            for (String sku : d.skusOutOfStock()) {
                bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(d);
            }
        }
        List<StockOut> out = new ArrayList<>();
        bySku.forEach((sku, ds) -> out.add(new StockOut(sku, ds.size(),
                ds.stream().map(Delivery::customer).distinct().count(),
                ds.stream().map(Delivery::promisedOn).min(Comparator.naturalOrder()).orElseThrow(),
                ds.stream().map(Delivery::promisedOn).max(Comparator.naturalOrder()).orElseThrow())));
        out.sort(Comparator.comparingLong(StockOut::orders).reversed().thenComparing(StockOut::sku));
        return out;
    }

    private static void add(long[] c, boolean onTime, boolean inFull) {
        c[0]++;
        c[1] += onTime ? 1 : 0;
        c[2] += inFull ? 1 : 0;
        c[3] += onTime && inFull ? 1 : 0;
    }

    private static List<Rate> rates(Map<String, long[]> counts) {
        List<Rate> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new Rate(k, c[0], c[1], c[2], c[3])));
        return out;
    }
}
