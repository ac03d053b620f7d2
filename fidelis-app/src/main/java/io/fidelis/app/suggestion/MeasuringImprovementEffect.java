package io.fidelis.app.suggestion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.survey.SatisfactionOverview;
import io.fidelis.core.suggestion.DifferenceInDifferences;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Did a delivered improvement change the customers who asked for it? For a delivered item, over equal windows before
 * and after the delivery day ({@code effect-days}, or as many days as have passed since delivery when fewer), it
 * compares the suggesting customers with a comparison group: the customers who bought the item's products or
 * categories in the year before delivery and did not suggest it. Two outcomes, each a difference in differences
 * with a 95% Welch interval ({@link DifferenceInDifferences}): the repurchase rate (bought at least once in the
 * window), mean satisfaction (CSAT) and the mean answer to the NPS question (0–10), the last two among customers who
 * answered in both windows. Small groups are flagged, not
 * hidden; the estimate assumes both groups would have moved alike without the delivery.
 */
@Service
public class MeasuringImprovementEffect {
    private final SuggestionRepository repository;
    private final PurchaseRecording purchases;
    private final SatisfactionOverview satisfaction;
    private final SuggestionSettings settings;
    private final Clock clock = Clock.systemUTC();

    MeasuringImprovementEffect(SuggestionRepository repository, PurchaseRecording purchases,
                               SatisfactionOverview satisfaction, SuggestionSettings settings) {
        this.repository = repository;
        this.purchases = purchases;
        this.satisfaction = satisfaction;
        this.settings = settings;
    }

    /** The effect over {@code days} before and after delivery; empty estimates when there is nothing to compare. */
    public record Effect(int days, DifferenceInDifferences.Estimate repurchase,
                         DifferenceInDifferences.Estimate satisfaction,
                         DifferenceInDifferences.Estimate recommendation) {
    }

    /** The effect of a delivered item; empty when it is not delivered or was delivered today. */
    @Transactional(readOnly = true)
    public Optional<Effect> of(long itemId) {
        ImprovementItem item = repository.item(itemId).orElseThrow(() -> new NotFoundException("no item " + itemId));
        if (item.status() != ImprovementStatus.DELIVERED || item.deliveredAt() == null) {
            return Optional.empty();
        }
        Instant delivered = item.deliveredAt();
        long passed = Duration.between(delivered, Instant.now(clock)).toDays();
        int days = (int) Math.min(settings.effectDays(), passed);
        if (days < 1) {
            return Optional.empty();
        }
        Instant from = delivered.minus(Duration.ofDays(days));
        Instant to = delivered.plus(Duration.ofDays(days));
        List<Suggestion> suggestions = repository.ofItem(itemId);
        Set<Long> treated = new HashSet<>();
        Set<String> skus = new HashSet<>();
        Set<String> categories = new HashSet<>();
        for (Suggestion s : suggestions) {
            treated.add(s.customerId());
            if (s.sku() != null) {
                skus.add(s.sku());
            }
            if (s.category() != null) {
                categories.add(s.category());
            }
        }
        Set<Long> comparison = purchases.buyersOf(skus, categories, delivered.minus(Duration.ofDays(365)),
                delivered);
        comparison.removeAll(treated);
        Map<Long, List<Instant>> orders = purchases.ordersSince(from);
        DifferenceInDifferences.Estimate repurchase = DifferenceInDifferences.estimate(
                bought(treated, orders, from, delivered), bought(treated, orders, delivered, to),
                bought(comparison, orders, from, delivered), bought(comparison, orders, delivered, to), 0.95,
                settings.effectMinimum());
        return Optional.of(new Effect(days, repurchase, scores(satisfaction.csatScores(), treated, comparison, from,
                delivered, to), scores(satisfaction.npsScores(), treated, comparison, from, delivered, to)));
    }

    /** The difference in differences of the mean score, over the customers who answered in both windows. */
    private DifferenceInDifferences.Estimate scores(List<SatisfactionOverview.Score> scores, Set<Long> treated,
                                                    Set<Long> comparison, Instant from, Instant delivered,
                                                    Instant to) {
        Map<Long, double[]> before = new HashMap<>();
        Map<Long, double[]> after = new HashMap<>();
        for (SatisfactionOverview.Score s : scores) {
            if (!s.at().isBefore(from) && s.at().isBefore(delivered)) {
                add(before, s);
            } else if (!s.at().isBefore(delivered) && s.at().isBefore(to)) {
                add(after, s);
            }
        }
        double[][] t = means(treated, before, after);
        double[][] c = means(comparison, before, after);
        return DifferenceInDifferences.estimate(t[0], t[1], c[0], c[1], 0.95, settings.effectMinimum());
    }

    private static double[] bought(Set<Long> customers, Map<Long, List<Instant>> orders, Instant from, Instant to) {
        return customers.stream().sorted().mapToDouble(c -> orders.getOrDefault(c, List.of()).stream()
                .anyMatch(t -> !t.isBefore(from) && t.isBefore(to)) ? 1 : 0).toArray();
    }

    private static void add(Map<Long, double[]> sums, SatisfactionOverview.Score s) {
        double[] x = sums.computeIfAbsent(s.customerId(), k -> new double[2]);
        x[0] += s.value();
        x[1]++;
    }

    /** Mean scores before and after of the customers who answered in both windows. */
    private static double[][] means(Set<Long> customers, Map<Long, double[]> before, Map<Long, double[]> after) {
        List<double[]> pairs = new ArrayList<>();
        customers.stream().sorted().forEach(c -> {
            double[] b = before.get(c);
            double[] a = after.get(c);
            if (b != null && a != null) {
                pairs.add(new double[] {b[0] / b[1], a[0] / a[1]});
            }
        });
        return new double[][] {pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray()};
    }
}
