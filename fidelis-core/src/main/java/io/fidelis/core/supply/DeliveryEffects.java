package io.fidelis.core.supply;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a late or short delivery does to a customer, estimated by regression rather than as a raw difference. The unit
 * is one delivered order; its day is the day it arrived. Each model has the regressors {@code late} (arrived after
 * the promised day) and {@code short} (a line short or out of stock), adjusted for the customer's prior purchase rate
 * ({@code log(1 + orders a year)} over the year before the delivery, or the time since the first order when shorter,
 * at least 30 days) and segment (dummies against the most common segment):
 * <ul>
 *   <li><b>next survey score</b>: OLS of the first score the customer gave within {@link Options#surveyDays} after
 *       the delivery and before their next delivery arrived (a score is answered to the delivery before it);</li>
 *   <li><b>complaint</b>: logistic regression of a complaint within {@link Options#complaintDays} after the delivery
 *       and before the customer's next delivery arrived (deliveries whose window has not ended by the as-of day are
 *       left out); the effect is an odds ratio;</li>
 *   <li><b>time to the next purchase</b>: OLS of {@code log(1 + days)} from the delivery to the customer's next order,
 *       among deliveries followed by an order before the as-of day; {@code exp(coefficient)} is the factor on
 *       (1 + days). Deliveries not yet followed by an order are left out (right-censoring is not modelled, which
 *       understates a delay when late deliveries also make customers leave).</li>
 * </ul>
 * Intervals are 95% and cluster-robust by customer (a customer's deliveries are not independent).
 */
public final class DeliveryEffects {
    static final String LATE = "late";
    static final String SHORT = "short";
    static final String PRIOR_RATE = "log(1 + prior orders a year)";

    private DeliveryEffects() {
    }

    /**
     * @param surveyDays    how long after a delivery a survey score still counts as its "next" score
     * @param complaintDays the window for a complaint after a delivery
     * @param minimumRows   fewer usable deliveries (or fewer than 5 late ones) and a model is not fitted
     */
    public record Options(int surveyDays, int complaintDays, int minimumRows) {
        public static Options defaults() {
            return new Options(60, 30, 50);
        }
    }

    /** A survey score a customer gave on a day. */
    public record Score(String customer, LocalDate day, double value) {
    }

    /**
     * The customers' order days, survey scores (CSAT) and complaint days, and their NPS answers (0–10).
     */
    public record Outcomes(Map<String, List<LocalDate>> orders, List<Score> scores,
                           Map<String, List<LocalDate>> complaints, List<Score> npsScores) {
        /** Without NPS answers. */
        public Outcomes(Map<String, List<LocalDate>> orders, List<Score> scores,
                        Map<String, List<LocalDate>> complaints) {
            this(orders, scores, complaints, List.of());
        }
    }

    /**
     * One effect in the scale of its model (score points; log odds; log factor), with its 95% interval, and the
     * same on the reader's scale (points; odds ratio; factor on the days).
     */
    public record Effect(String term, double estimate, double lower, double upper, double natural,
                         double naturalLower, double naturalUpper, boolean significant) {
    }

    /** A fitted model: its rows, how many of them were late and short, the two effects, and the whole fit. */
    public record Model(int rows, int lateRows, int shortRows, Effect late, Effect shortDelivery,
                        Regression.Fit fit) {
    }

    /**
     * The models: the next CSAT score, a complaint, the time to the next order, and the next NPS answer; a model is
     * {@code null} when there were too few rows to fit it.
     */
    public record Result(Model survey, Model complaint, Model nextPurchase, Model nps) {
    }

    public static Result estimate(List<Delivery> deliveries, Outcomes outcomes, LocalDate asOf, Options options) {
        Map<String, List<LocalDate>> orders = sorted(outcomes.orders());
        Map<String, List<LocalDate>> complaints = sorted(outcomes.complaints());
        Map<String, List<Score>> scores = byCustomer(outcomes.scores());
        Map<String, List<Score>> npsScores = byCustomer(outcomes.npsScores());
        Map<String, Long> segments = new TreeMap<>();
        for (Delivery d : deliveries) {
            segments.merge(segment(d), 1L, Long::sum);
        }
        String reference = segments.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey)
                .orElse("");
        List<String> others = segments.keySet().stream().filter(s -> !s.equals(reference)).toList();

        Map<String, List<LocalDate>> delivered = new HashMap<>();
        for (Delivery d : deliveries) {
            if (d.deliveredOn() != null) {
                delivered.computeIfAbsent(d.customer(), k -> new ArrayList<>()).add(d.deliveredOn());
            }
        }
        delivered.values().forEach(Collections::sort);
        Rows survey = new Rows(others);
        Rows nps = new Rows(others);
        Rows complaint = new Rows(others);
        Rows next = new Rows(others);
        for (Delivery d : deliveries) {
            LocalDate day = d.deliveredOn();
            if (day == null || day.isAfter(asOf)) {
                continue;
            }
            List<LocalDate> own = orders.getOrDefault(d.customer(), List.of());
            double prior = Math.log1p(priorRate(own, day));
            boolean late = d.late(asOf);
            boolean isShort = !d.inFull();
            LocalDate nextArrival = next(delivered.getOrDefault(d.customer(), List.of()), day);
            LocalDate until = nextArrival != null && nextArrival.isBefore(day.plusDays(options.surveyDays()))
                    ? nextArrival.minusDays(1) : day.plusDays(options.surveyDays());
            for (Score s : scores.getOrDefault(d.customer(), List.of())) {
                if (s.day().isAfter(day) && !s.day().isAfter(until)) {
                    survey.add(d, late, isShort, prior, s.value());
                    break;
                }
            }
            for (Score s : npsScores.getOrDefault(d.customer(), List.of())) {
                if (s.day().isAfter(day) && !s.day().isAfter(until)) {
                    nps.add(d, late, isShort, prior, s.value());
                    break;
                }
            }
            if (!day.plusDays(options.complaintDays()).isAfter(asOf)) {
                LocalDate end = day.plusDays(options.complaintDays());
                LocalDate nextDelivery = next(delivered.getOrDefault(d.customer(), List.of()), day);
                LocalDate complaintUntil = nextDelivery != null && nextDelivery.isBefore(end)
                        ? nextDelivery.minusDays(1) : end;
                boolean complained = complaints.getOrDefault(d.customer(), List.of()).stream()
                        .anyMatch(c -> c.isAfter(day) && !c.isAfter(complaintUntil));
                complaint.add(d, late, isShort, prior, complained ? 1 : 0);
            }
            for (LocalDate o : own) {
                if (o.isAfter(day)) {
                    next.add(d, late, isShort, prior, Math.log1p(ChronoUnit.DAYS.between(day, o)));
                    break;
                }
            }
        }
        return new Result(survey.fit(false, options), complaint.fit(true, options), next.fit(false, options),
                nps.fit(false, options));
    }

    private static Map<String, List<Score>> byCustomer(List<Score> all) {
        Map<String, List<Score>> out = new HashMap<>();
        for (Score s : all) {
            out.computeIfAbsent(s.customer(), k -> new ArrayList<>()).add(s);
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(Score::day)));
        return out;
    }

    /** Orders a year in the year before {@code day} (or since the first order, at least 30 days). */
    static double priorRate(List<LocalDate> orders, LocalDate day) {
        LocalDate from = day.minusDays(365);
        int count = 0;
        LocalDate first = null;
        for (LocalDate o : orders) {
            if (!o.isBefore(day)) {
                break;
            }
            first = first == null ? o : first;
            if (!o.isBefore(from)) {
                count++;
            }
        }
        if (first == null) {
            return 0;
        }
        long days = Math.max(30, Math.min(365, ChronoUnit.DAYS.between(first, day)));
        return count * 365.0 / days;
    }

    /** The first day in a sorted list after {@code day}, or {@code null}. */
    private static LocalDate next(List<LocalDate> sorted, LocalDate day) {
        for (LocalDate other : sorted) {
            if (other.isAfter(day)) {
                return other;
            }
        }
        return null;
    }

    private static String segment(Delivery d) {
        return d.segment() == null ? "(none)" : d.segment();
    }

    private static Map<String, List<LocalDate>> sorted(Map<String, List<LocalDate>> in) {
        Map<String, List<LocalDate>> out = new HashMap<>();
        in.forEach((k, v) -> {
            List<LocalDate> copy = new ArrayList<>(v);
            Collections.sort(copy);
            out.put(k, copy);
        });
        return out;
    }

    /** The rows of one model as they are collected. */
    private static final class Rows {
        private final List<String> segments;
        private final List<double[]> x = new ArrayList<>();
        private final List<Double> y = new ArrayList<>();
        private final List<String> clusters = new ArrayList<>();
        private int late;
        private int isShort;

        Rows(List<String> segments) {
            this.segments = segments;
        }

        void add(Delivery d, boolean late, boolean isShort, double prior, double outcome) {
            double[] row = new double[3 + segments.size()];
            row[0] = late ? 1 : 0;
            row[1] = isShort ? 1 : 0;
            row[2] = prior;
            int k = segments.indexOf(segment(d));
            if (k >= 0) {
                row[3 + k] = 1;
            }
            x.add(row);
            y.add(outcome);
            clusters.add(d.customer());
            this.late += late ? 1 : 0;
            this.isShort += isShort ? 1 : 0;
        }

        Model fit(boolean logistic, Options options) {
            if (x.size() < options.minimumRows() || late < 5) {
                return null;
            }
            // Columns that never vary (no short deliveries, a segment absent here) are left out.
            List<Integer> keep = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> all = new ArrayList<>(List.of(LATE, SHORT, PRIOR_RATE));
            segments.forEach(s -> all.add("segment: " + s));
            for (int j = 0; j < all.size(); j++) {
                boolean varies = false;
                for (double[] row : x) {
                    varies |= row[j] != x.get(0)[j];
                }
                if (varies) {
                    keep.add(j);
                    names.add(all.get(j));
                }
            }
            double[][] columns = new double[keep.size()][x.size()];
            for (int i = 0; i < x.size(); i++) {
                for (int c = 0; c < keep.size(); c++) {
                    columns[c][i] = x.get(i)[keep.get(c)];
                }
            }
            double[] outcome = y.stream().mapToDouble(Double::doubleValue).toArray();
            String[] termNames = names.toArray(String[]::new);
            Object[] groups = clusters.toArray();
            Regression.Fit fit;
            try {
                fit = logistic ? Regression.logit(columns, termNames, outcome, groups)
                        : Regression.ols(columns, termNames, outcome, groups);
            } catch (IllegalArgumentException | org.hipparchus.exception.MathRuntimeException e) {
                return null; // a singular design: nothing to estimate
            }
            // A logit that does not converge (an outcome separated by a regressor) has no finite estimate.
            if (!fit.converged() || fit.terms().stream().anyMatch(t -> !Double.isFinite(t.standardError()))) {
                return null;
            }
            return new Model(x.size(), late, isShort, effect(fit, LATE, logistic),
                    names.contains(SHORT) ? effect(fit, SHORT, logistic) : null, fit);
        }
    }

    private static Effect effect(Regression.Fit fit, String name, boolean logistic) {
        Regression.Term t = fit.term(name);
        return new Effect(name, t.estimate(), t.lower(), t.upper(), logistic ? Math.exp(t.estimate()) : t.estimate(),
                logistic ? Math.exp(t.lower()) : t.lower(), logistic ? Math.exp(t.upper()) : t.upper(),
                t.significant());
    }

    /**
     * The effect of a late delivery on the days to the next purchase as a factor on (1 + days): {@code exp} of the
     * estimate and of its bounds.
     */
    public static double[] factor(Effect e) {
        return new double[] {Math.exp(e.estimate()), Math.exp(e.lower()), Math.exp(e.upper())};
    }
}
