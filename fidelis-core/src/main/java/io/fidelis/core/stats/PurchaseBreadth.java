package io.fidelis.core.stats;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How widely a customer buys (the seeds' "relevant" and "directional" purchases): the categories bought, the share
 * of spend outside the category of their first purchase (cross-category buying), and the share of spend on their
 * favourite brand (directional buying). Returns (negative values) reduce the spend they belong to.
 */
public final class PurchaseBreadth {
    private PurchaseBreadth() {
    }

    /** One purchase line: when, its category and brand (either may be unknown), its value. */
    public record Line(LocalDate date, String category, String brand, double value) {
    }

    /**
     * @param categories        distinct categories bought (positive value)
     * @param crossCategoryShare share of net spend outside the first purchase's category (NaN without categories)
     * @param topBrandShare     share of net spend on the brand with the most spend (NaN without brands)
     */
    public record Breadth(int categories, double crossCategoryShare, double topBrandShare) {
    }

    public static Breadth of(List<Line> lines) {
        Accumulator a = new Accumulator();
        lines.forEach(a::add);
        return a.result();
    }

    /** Adds lines one at a time (in any order), for streaming over a whole customer base. */
    public static final class Accumulator {
        private LocalDate firstDate;
        private String firstCategory;
        private final Map<String, Double> byCategory = new HashMap<>(4);
        private Map<String, Double> byBrand;
        private double categorised;
        private double branded;

        public void add(Line l) {
            if (l.value() > 0 && l.category() != null && (firstDate == null || l.date().isBefore(firstDate))) {
                firstDate = l.date();
                firstCategory = l.category();
            }
            if (l.category() != null) {
                byCategory.merge(l.category(), l.value(), Double::sum);
                categorised += l.value();
            }
            if (l.brand() != null) {
                if (byBrand == null) {
                    byBrand = new HashMap<>(4);
                }
                byBrand.merge(l.brand(), l.value(), Double::sum);
                branded += l.value();
            }
        }

        public Breadth result() {
            int categories = (int) byCategory.values().stream().filter(v -> v > 0).count();
            double cross = firstCategory == null || categorised <= 0 ? Double.NaN
                    : Math.max(0, Math.min(1, 1 - byCategory.getOrDefault(firstCategory, 0.0) / categorised));
            double top = byBrand == null || branded <= 0 ? Double.NaN
                    : Math.min(1, byBrand.values().stream().mapToDouble(Double::doubleValue).max().orElse(0) / branded);
            return new Breadth(categories, cross, top);
        }
    }
}
