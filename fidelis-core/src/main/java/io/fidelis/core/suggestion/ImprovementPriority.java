package io.fidelis.core.suggestion;

import java.util.Comparator;
import java.util.List;

/**
 * Ranks improvement items by whom they would please. Each item has three components, each divided by the largest
 * value among the items ranked together so that it lies in [0, 1]:
 * <ul>
 *   <li><b>value</b>: the combined customer lifetime value of the distinct customers asking for it;</li>
 *   <li><b>recurrence</b>: how often the need comes up in the window, the distinct customers asking plus a quarter
 *       for each further suggestion (the same customer asking again counts, but less than a new customer);</li>
 *   <li><b>complaints</b>: the complaints in the window about the item's products or categories, which it might
 *       remove.</li>
 * </ul>
 * and the score is {@code 100 × (wValue × value + wRecurrence × recurrence + wComplaints × complaints)}, weights
 * summing to 1 (defaults 0.5, 0.3, 0.2). The components are kept so a page can say why an item ranks where it does.
 */
public final class ImprovementPriority {
    private ImprovementPriority() {
    }

    public record Options(double valueWeight, double recurrenceWeight, double complaintWeight) {
        public Options {
            if (valueWeight < 0 || recurrenceWeight < 0 || complaintWeight < 0
                    || Math.abs(valueWeight + recurrenceWeight + complaintWeight - 1) > 1e-9) {
                throw new IllegalArgumentException("the weights are non-negative and sum to 1");
            }
        }

        public static Options defaults() {
            return new Options(0.5, 0.3, 0.2);
        }
    }

    /** What is known of an item: the CLV of its customers, how many customers and suggestions, the complaints. */
    public record Item(long id, double clv, int customers, int suggestions, int complaints) {
        /** Distinct customers plus a quarter per further suggestion. */
        public double recurrence() {
            return customers + 0.25 * Math.max(0, suggestions - customers);
        }
    }

    /** An item's score (0 to 100) and its three components, each in [0, 1] before weighting. */
    public record Ranked(Item item, double score, double value, double recurrence, double complaints) {
    }

    /** The items, best first (ties by id). */
    public static List<Ranked> rank(List<Item> items, Options o) {
        double maxClv = items.stream().mapToDouble(i -> Math.max(0, i.clv())).max().orElse(0);
        double maxRecurrence = items.stream().mapToDouble(Item::recurrence).max().orElse(0);
        double maxComplaints = items.stream().mapToInt(Item::complaints).max().orElse(0);
        return items.stream().map(i -> {
            double v = maxClv > 0 ? Math.max(0, i.clv()) / maxClv : 0;
            double r = maxRecurrence > 0 ? i.recurrence() / maxRecurrence : 0;
            double c = maxComplaints > 0 ? i.complaints() / maxComplaints : 0;
            double score = 100 * (o.valueWeight() * v + o.recurrenceWeight() * r + o.complaintWeight() * c);
            return new Ranked(i, score, v, r, c);
        }).sorted(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparingLong(r -> r.item().id())).toList();
    }
}
