package io.fidelis.app.loyalty;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading loyalty profiles within the caller's scope: one customer's (only if the caller may see the customer), the
 * stage distribution, the valuable customers at risk, the CLV distribution, and (for roles that see every customer)
 * the population figures.
 */
@Service
public class LoyaltyReadings {
    private final LoyaltyProfiles profiles;
    private final CustomerManagement customers;
    private final CurrentStaff current;

    LoyaltyReadings(LoyaltyProfiles profiles, CustomerManagement customers, CurrentStaff current) {
        this.profiles = profiles;
        this.customers = customers;
        this.current = current;
    }

    /** A customer's profile and stage changes; 404 (NotFoundException) when not the caller's to see. */
    public record CustomerLoyalty(CustomerRecord customer, Optional<LoyaltyProfile> profile,
                                  List<Map<String, Object>> changes) {
    }

    @Transactional(readOnly = true)
    public CustomerLoyalty of(String externalId) {
        CustomerRecord c = customers.find(externalId);
        List<Map<String, Object>> changes = profiles.changesOf(c.id(), 50).stream()
                .map(ch -> Map.<String, Object>of("at", ch.at().toString(), "fromStage", String.valueOf(ch.fromStage()),
                        "toStage", ch.toStage(), "fromOverlay", String.valueOf(ch.fromOverlay()), "toOverlay",
                        ch.toOverlay()))
                .toList();
        return new CustomerLoyalty(c, profiles.of(c.id()), changes);
    }

    /**
     * Every scored customer's current stage by internal id, for breakdowns computed by the system (survey results by
     * stage); not scoped, so callers aggregate before showing anything.
     */
    @Transactional(readOnly = true)
    public Map<Long, String> stages() {
        Map<Long, String> out = new java.util.HashMap<>();
        profiles.previous().forEach((id, p) -> out.put(id, p.stage()));
        return out;
    }

    /** Every scored customer's 12-month CLV by internal id (system use, for aggregates such as recovery economics). */
    @Transactional(readOnly = true)
    public Map<Long, Double> clvs() {
        return profiles.clvs();
    }

    /** Customers per stage and per overlay, at-risk list, CLV histogram, and population figures when unscoped. */
    public record Overview(Map<String, Long> stages, Map<String, Long> overlays, List<AtRiskCustomer> atRisk,
                           Histogram clv, String population) {
    }

    public record AtRiskCustomer(String externalId, String name, String stage, String overlay, double pAlive,
                                 double clv, double valueAtRisk, String accountManager) {
    }

    /** Equal-width bins from 0 to the 99th percentile, the last bin holding everything above. */
    public record Histogram(double[] edges, long[] counts) {
    }

    @Transactional(readOnly = true)
    public Overview overview(int atRiskLimit) {
        Optional<Long> scope = current.accountManagerScope();
        Map<String, Long> stages = new java.util.LinkedHashMap<>();
        Map<String, Long> overlays = new java.util.LinkedHashMap<>();
        for (String s : List.of("NEW", "SATISFIED", "BEHAVIOURAL", "EMOTIONAL", "SUSTAINABLE")) {
            stages.put(s, 0L);
        }
        for (String o : List.of("NONE", "AT_RISK", "LOST")) {
            overlays.put(o, 0L);
        }
        profiles.stageCounts(scope).forEach((key, n) -> {
            String[] parts = key.split("/");
            stages.merge(parts[0], n, Long::sum);
            overlays.merge(parts[1], n, Long::sum);
        });
        List<AtRiskCustomer> atRisk = profiles.atRisk(scope, atRiskLimit).stream()
                .map(a -> new AtRiskCustomer(a.externalId(), a.name(), a.stage(), a.overlay(), a.pAlive(), a.clv(),
                        a.valueAtRisk(), a.accountManager()))
                .toList();
        return new Overview(stages, overlays, atRisk, histogram(profiles.clvs(scope), 12),
                scope.isPresent() ? null : profiles.population().orElse(null));
    }

    static Histogram histogram(double[] values, int bins) {
        if (values.length == 0) {
            return new Histogram(new double[0], new long[0]);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double top = Math.max(sorted[(int) Math.floor(0.99 * (sorted.length - 1))], 1e-9);
        double low = Math.min(0, sorted[0]);
        double width = (top - low) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = low + i * width;
        }
        long[] counts = new long[bins];
        for (double v : values) {
            int b = (int) Math.floor((v - low) / width);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return new Histogram(edges, counts);
    }

    /** What relationship work needs of a customer's profile. */
    public record Brief(String stage, String overlay, Double pAlive, Double clv, int occasions) {
        /** The stage as the core enum; NEW for a stage this version does not know. */
        public io.fidelis.core.loyalty.LoyaltyStage loyaltyStage() {
            try {
                return io.fidelis.core.loyalty.LoyaltyStage.valueOf(stage);
            } catch (IllegalArgumentException | NullPointerException e) {
                return io.fidelis.core.loyalty.LoyaltyStage.NEW;
            }
        }
    }

    /** The profiles of these customers (system use: the caller has scoped the customers). */
    @Transactional(readOnly = true)
    public Map<Long, Brief> briefsOf(java.util.Collection<Long> customerIds) {
        return profiles.briefsOf(customerIds);
    }

    /** The CLV at a quantile (0.8: four in five customers are worth less), over every scored customer; 0 if none. */
    @Transactional(readOnly = true)
    public double clvQuantile(double q) {
        return quantile(profiles.clvsSorted(), q);
    }

    /** The value at a quantile of sorted values (as {@link #clvQuantile}); 0 for none. */
    public static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /**
     * The share (in %) of scored customers whose CLV is at most this one (the most valuable customer is at 100), 0
     * when none has a CLV: for one customer, without reading everyone's (system use).
     */
    @Transactional(readOnly = true)
    public double clvPercentile(double clv) {
        return profiles.clvPercentile(clv);
    }

    /** Every scored customer's CLV, sorted ascending, for percentiles (system use). */
    @Transactional(readOnly = true)
    public double[] clvsSorted() {
        return profiles.clvsSorted();
    }

    /**
     * A scored customer's summary as the repeat-buying model saw it (weeks), for scenarios on the fitted model.
     *
     * @param x             repeat purchase occasions
     * @param expectedSpend expected spend per purchase (Gamma-Gamma), or {@code null} where none could be given
     */
    public record ScoredSummary(long customerId, String stage, int x, double txWeeks, double tWeeks,
                                Double expectedSpend, double monetary) {
    }

    /** The population models of the last scoring run (BG/NBD, and Gamma-Gamma when it could be fitted). */
    public record Models(io.fidelis.core.clv.FittedBgNbd bgNbd, io.fidelis.core.clv.FittedGammaGamma gammaGamma,
                         java.time.Instant fittedAt) {
    }

    /** The last scoring run's models, if there was one with a fitted BG/NBD (system use). */
    @Transactional(readOnly = true)
    public Optional<Models> models() {
        return profiles.latestModels().map(s -> new Models(s.bgNbd(), s.gammaGamma(),
                profiles.lastFitted().orElse(null)));
    }

    /** Every scored customer's summary, by internal id (system use: scenarios aggregate before showing). */
    @Transactional(readOnly = true)
    public void eachScoredSummary(java.util.function.Consumer<ScoredSummary> sink) {
        profiles.eachSummary(sink);
    }

    /** Changes whenever the stored profiles or models change: for caches of what is computed from them. */
    @Transactional(readOnly = true)
    public String version() {
        return profiles.version();
    }
}
