package io.fidelis.app.whatif;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.loyalty.LoyaltySettings;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.core.clv.FittedBgNbd;
import io.fidelis.core.clv.InsufficientDataException;
import io.fidelis.core.clv.ParameterUncertainty;
import io.fidelis.core.clv.RetentionWhatIf;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import org.springframework.stereotype.Service;

/**
 * Retention economics on the business's own model (issue 10): a retention improvement of some points, for every
 * scored customer or one segment or loyalty stage, against the baseline of the last scoring run's BG/NBD, with the
 * margin uplift's uncertainty band, the CLV net of the retention spend, the break-even spend, and the seeds' rules
 * of thumb to compare ({@link RetentionWhatIf} says exactly what a point is). Reads the stored profiles and models;
 * what it prepares from them is kept until they change, so moving a slider only reruns the scenario.
 */
@Service
public class SimulatingRetention {
    private final LoyaltyReadings loyalty;
    private final LoyaltySettings loyaltySettings;
    private final CustomerManagement customers;
    private final PurchaseRecording purchases;
    private final WhatIfSettings settings;
    private volatile Prepared prepared;

    SimulatingRetention(LoyaltyReadings loyalty, LoyaltySettings loyaltySettings, CustomerManagement customers,
                        PurchaseRecording purchases, WhatIfSettings settings) {
        this.loyalty = loyalty;
        this.loyaltySettings = loyaltySettings;
        this.customers = customers;
        this.purchases = purchases;
        this.settings = settings;
    }

    /**
     * A scenario; a {@code null} field takes its setting.
     *
     * @param retention points of annual dropout fewer, {@code >= 0}
     * @param segment   only the customers of this segment (the customer's own segment), or all
     * @param stage     only the customers in this loyalty stage (NEW, SATISFIED, …), or all
     */
    public record Scenario(Double retention, String segment, String stage, Integer horizonMonths,
                           Double acquisitionCost, Double costPerCustomerYear) {
    }

    /** The scenario as run (with the settings filled in), the model it ran on, and the result. */
    public record Report(double retention, String segment, String stage, int horizonMonths, double acquisitionCost,
                         double costPerCustomerYear, double discountRate, FittedBgNbd model, Instant fittedAt,
                         String profitMeasure, String noBand, RetentionWhatIf.Result result) {

        /** The stable JSON shape of {@code GET /api/v1/whatif} and {@code fidelis whatif --format json}. */
        public Map<String, Object> asMap() {
            RetentionWhatIf.Result r = result;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("retentionPoints", retention);
            out.put("definition", "the share of the customers in scope who are active today and expected to drop"
                    + " out within 12 months falls by retentionPoints percentage points: from today on every"
                    + " customer's dropout probability after a purchase (BG/NBD p) is multiplied by dropoutFactor;"
                    + " purchase rates and today's P(alive) are unchanged");
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("segment", segment);
            scope.put("stage", stage);
            scope.put("customers", r.customers());
            out.put("scope", scope);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "bgnbd");
            m.put("period", "week");
            m.put("params", ordered("r", model.r(), "alpha", model.alpha(), "a", model.a(), "b", model.b()));
            m.put("fittedAt", fittedAt == null ? null : fittedAt.toString());
            out.put("model", m);
            out.put("horizonMonths", horizonMonths);
            out.put("discountRate", discountRate);
            out.put("dropoutFactor", r.dropoutFactor());
            out.put("annualDropout", ordered("baseline", r.annualDropoutBaseline(), "scenario",
                    r.annualDropoutScenario()));
            out.put("activeNow", r.activeNow());
            out.put("baseline", outcome(r.baseline()));
            out.put("scenario", outcome(r.scenario()));
            Map<String, Object> uplift = new LinkedHashMap<>();
            uplift.put("share", num(r.marginUpliftShare()));
            uplift.put("lower", r.band() == null ? null : r.band().lower());
            uplift.put("upper", r.band() == null ? null : r.band().upper());
            uplift.put("draws", r.band() == null ? 0 : r.band().draws());
            uplift.put("drawsOnCustomers", r.band() == null ? 0 : r.band().customers());
            uplift.put("noBand", noBand);
            out.put("marginUplift", uplift);
            out.put("clvUplift", r.clvUplift());
            out.put("retentionSpend", r.retentionSpend());
            out.put("netUplift", r.netUplift());
            out.put("netUpliftShare", num(r.netUpliftShare()));
            out.put("breakEvenCostPerCustomerYear", num(r.breakEvenCostPerCustomerYear()));
            Map<String, Object> acquisition = new LinkedHashMap<>();
            acquisition.put("acquisitionCost", acquisitionCost);
            acquisition.put("costPerCustomerYear", costPerCustomerYear);
            acquisition.put("costRatio", num(r.costRatio()));
            acquisition.put("extraActiveAtEnd", r.extraActiveAtEnd());
            acquisition.put("costPerCustomerKept", num(r.costPerCustomerKept()));
            acquisition.put("keepToWinRatio", num(r.keepToWinRatio()));
            acquisition.put("rule", List.of(RetentionWhatIf.RULE_KEEP_TO_WIN_LOW, RetentionWhatIf.RULE_KEEP_TO_WIN_HIGH));
            out.put("acquisition", acquisition);
            out.put("profitRule", ordered("points", RetentionWhatIf.RULE_PROFIT_POINTS, "low",
                    RetentionWhatIf.RULE_PROFIT_LOW, "high", RetentionWhatIf.RULE_PROFIT_HIGH));
            Map<String, Object> pareto = new LinkedHashMap<>();
            pareto.put("topShareExpectedMargin", num(r.topShareExpected()));
            pareto.put("topSharePast", num(r.topSharePast()));
            pareto.put("pastMeasure", profitMeasure);
            pareto.put("rule", RetentionWhatIf.RULE_TOP_SHARE);
            out.put("pareto", pareto);
            Map<String, Object> path = new LinkedHashMap<>();
            List<Integer> months = new ArrayList<>();
            for (int k = 0; k <= horizonMonths; k++) {
                months.add(k);
            }
            path.put("months", months);
            path.put("activeBaseline", r.path().activeBaseline());
            path.put("activeScenario", r.path().activeScenario());
            path.put("marginBaseline", r.path().marginBaseline());
            path.put("marginScenario", r.path().marginScenario());
            out.put("path", path);
            prune(out);
            return out;
        }

        /** Leaves out what has no value (as the API's JSON does), so the CLI and the API print the same. */
        @SuppressWarnings("unchecked")
        private static void prune(Map<String, Object> map) {
            map.values().removeIf(java.util.Objects::isNull);
            map.values().forEach(v -> {
                if (v instanceof Map<?, ?> inner) {
                    prune((Map<String, Object>) inner);
                }
            });
        }

        private static Map<String, Object> outcome(RetentionWhatIf.Outcome o) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("purchases", o.purchases());
            out.put("margin", o.margin());
            out.put("clv", o.clv());
            out.put("activeAtEnd", o.activeAtEnd());
            out.put("customerYears", o.customerYears());
            return out;
        }

        private static Map<String, Object> ordered(Object... keysAndValues) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return out;
        }

        private static Double num(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    /** What the form offers: the settings, the segments of the scored customers, and the stages. */
    public record Choices(WhatIfSettings settings, List<String> segments, List<String> stages, boolean scored) {
    }

    public Choices choices() {
        Optional<Prepared> p = prepare();
        return new Choices(settings, p.map(Prepared::segments).orElse(List.of()), List.of("NEW", "SATISFIED",
                "BEHAVIOURAL", "EMOTIONAL", "SUSTAINABLE"), p.isPresent());
    }

    /**
     * Runs the scenario. Refused (422) before the first scoring run, for a scope without scored customers, and for
     * more points than the scope's annual dropout; malformed numbers are 400.
     */
    public Report simulate(Scenario s) {
        double retention = s.retention() == null ? settings.retention() : s.retention();
        int horizon = s.horizonMonths() == null ? settings.horizonMonths() : s.horizonMonths();
        double acquisition = s.acquisitionCost() == null ? settings.acquisitionCost() : s.acquisitionCost();
        double cost = s.costPerCustomerYear() == null ? settings.costPerCustomerYear() : s.costPerCustomerYear();
        if (!(retention >= 0 && retention < 100)) {
            throw new InvalidInputException("retention", "must be at least 0 and below 100 points");
        }
        if (horizon < 1 || horizon > 120) {
            throw new InvalidInputException("horizonMonths", "must be 1 to 120 months");
        }
        if (!(acquisition >= 0) || !(cost >= 0) || !Double.isFinite(acquisition) || !Double.isFinite(cost)) {
            throw new InvalidInputException("cost", "costs must be numbers of at least 0");
        }
        String segment = blank(s.segment());
        String stage = blank(s.stage());
        if (stage != null && !choices().stages().contains(stage)) {
            throw new InvalidInputException("stage", "unknown stage " + stage);
        }
        Prepared p = prepare().orElseThrow(() -> new BusinessRuleException(null,
                "no scoring run yet: score the customers first (fidelis score, or import purchases)"));
        RetentionWhatIf.Base base = p.scope(segment, stage);
        if (base.size() == 0) {
            throw new BusinessRuleException("segment", "no scored customers in this scope (segments: "
                    + String.join(", ", p.segments()) + ")");
        }
        RetentionWhatIf.Options options = new RetentionWhatIf.Options(retention, horizon,
                loyaltySettings.discountRate(), Period.WEEK, cost, acquisition, p.uncertainty() == null ? 0
                : settings.draws(), 1);
        RetentionWhatIf.Result result;
        try {
            result = RetentionWhatIf.run(p.model(), p.uncertainty(), base, options);
        } catch (RetentionWhatIf.InfeasibleException e) {
            throw new BusinessRuleException("retention", e.getMessage());
        }
        String noBand = p.uncertainty() == null ? p.noBand() : settings.draws() == 0 ? "no draws (fidelis.whatif.draws"
                + " is 0)" : null;
        return new Report(retention, segment, stage, horizon, acquisition, cost, loyaltySettings.discountRate(),
                p.model(), p.fittedAt(), p.measure(), noBand, result);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Everything the scenarios need from the stored profiles, kept while they stay the same. */
    private record Prepared(String version, FittedBgNbd model, Instant fittedAt, ParameterUncertainty uncertainty,
                            String noBand, String measure, String[] segment, String[] stage, int[] x, double[] tx,
                            double[] T, double[] margin, double[] past, List<String> segments) {
        RetentionWhatIf.Base scope(String onlySegment, String onlyStage) {
            int n = x.length;
            boolean[] in = new boolean[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                in[i] = (onlySegment == null || onlySegment.equals(segment[i]))
                        && (onlyStage == null || onlyStage.equals(stage[i]));
                count += in[i] ? 1 : 0;
            }
            int[] sx = new int[count];
            double[] stx = new double[count];
            double[] sT = new double[count];
            double[] sm = new double[count];
            double[] sp = new double[count];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (in[i]) {
                    sx[k] = x[i];
                    stx[k] = tx[i];
                    sT[k] = T[i];
                    sm[k] = margin[i];
                    sp[k] = past[i];
                    k++;
                }
            }
            return new RetentionWhatIf.Base(sx, stx, sT, sm, sp);
        }
    }

    private Optional<Prepared> prepare() {
        String version = loyalty.version();
        Prepared p = prepared;
        if (p != null && p.version().equals(version)) {
            return Optional.of(p);
        }
        synchronized (this) {
            p = prepared;
            if (p != null && p.version().equals(version)) {
                return Optional.of(p);
            }
            Optional<LoyaltyReadings.Models> models = loyalty.models();
            if (models.isEmpty()) {
                return Optional.empty();
            }
            p = build(version, models.get());
            prepared = p;
            return Optional.of(p);
        }
    }

    /**
     * Each customer's margin per purchase is their expected spend per purchase (Gamma-Gamma; the mean of the others
     * where there is none) times their margin share: their own where the cost of some of their lines is known,
     * otherwise the business's, otherwise {@code fidelis.loyalty.margin-ratio}. Past profit is margin when every
     * line's cost is known, revenue otherwise (as the Loyalty page's Pareto).
     */
    private Prepared build(String version, LoyaltyReadings.Models models) {
        List<LoyaltyReadings.ScoredSummary> rows = new ArrayList<>();
        loyalty.eachScoredSummary(rows::add);
        Map<Long, String> segments = new HashMap<>();
        customers.eachTraits(t -> segments.put(t.id(), t.segment()));
        Map<Long, double[]> basis = purchases.marginBasisByCustomer();
        double costedMargin = 0;
        double costedRevenue = 0;
        boolean allCosted = true;
        for (double[] b : basis.values()) {
            costedMargin += b[1];
            costedRevenue += b[2];
            allCosted &= Math.abs(b[0] - b[2]) <= 1e-9 * Math.max(1, Math.abs(b[0]));
        }
        double businessShare = costedRevenue > 0 ? costedMargin / costedRevenue : loyaltySettings.marginRatio();
        double spendSum = 0;
        int spendCount = 0;
        for (LoyaltyReadings.ScoredSummary r : rows) {
            if (r.expectedSpend() != null) {
                spendSum += r.expectedSpend();
                spendCount++;
            }
        }
        double meanSpend = spendCount > 0 ? spendSum / spendCount : 0;
        int n = rows.size();
        String[] segment = new String[n];
        String[] stage = new String[n];
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] margin = new double[n];
        double[] past = new double[n];
        List<CustomerSummary> summaries = new ArrayList<>(n);
        TreeSet<String> segmentNames = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            LoyaltyReadings.ScoredSummary r = rows.get(i);
            segment[i] = segments.get(r.customerId());
            if (segment[i] != null) {
                segmentNames.add(segment[i]);
            }
            stage[i] = r.stage();
            x[i] = r.x();
            tx[i] = r.txWeeks();
            T[i] = Math.max(r.tWeeks(), r.txWeeks());
            double[] b = basis.get(r.customerId());
            double share = b != null && b[2] > 0 ? b[1] / b[2] : businessShare;
            margin[i] = (r.expectedSpend() != null ? r.expectedSpend() : meanSpend) * share;
            past[i] = b == null ? 0 : allCosted ? b[1] : b[0];
            summaries.add(new CustomerSummary(Long.toString(r.customerId()), x[i], tx[i], T[i], r.monetary()));
        }
        ParameterUncertainty uncertainty = null;
        String noBand = null;
        try {
            uncertainty = ParameterUncertainty.of(models.bgNbd(), summaries).orElse(null);
            if (uncertainty == null) {
                noBand = "the model's information matrix is not positive definite (a parameter at a bound of the"
                        + " fit): no uncertainty band";
            }
        } catch (InsufficientDataException e) {
            noBand = e.getMessage();
        }
        return new Prepared(version, models.bgNbd(), models.fittedAt(), uncertainty, noBand,
                allCosted ? "margin" : "revenue", segment, stage, x, tx, T, margin, past,
                List.copyOf(segmentNames));
    }
}
