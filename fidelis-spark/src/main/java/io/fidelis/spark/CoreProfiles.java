package io.fidelis.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.core.clv.BgNbd;
import io.fidelis.core.clv.ClvAnalysis;
import io.fidelis.core.clv.CustomerScoring;
import io.fidelis.core.clv.FittedGammaGamma;
import io.fidelis.core.clv.GammaGamma;
import io.fidelis.core.clv.InsufficientDataException;
import io.fidelis.core.clv.ParetoNbd;
import io.fidelis.core.clv.RepeatBuyingModel;
import io.fidelis.core.clv.SummaryCounts;
import io.fidelis.core.loyalty.LoyaltyStagePolicy;
import io.fidelis.core.stats.Rfm;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import io.fidelis.core.summary.TransactionColumns;

/**
 * The same profiles on one machine with fidelis-core alone, line by line: the reference the Spark job is tested
 * against and the baseline it is measured against. Summaries by {@link TransactionColumns} from the lines; recent
 * occasions as the summaries of the last 26 weeks' lines; the fits on {@link SummaryCounts#of(java.util.Collection)};
 * {@link CustomerScoring} on all customers at once (on every core); typical rates as the median of each segment's
 * sorted rates; RFM by {@link Rfm#score} over all customers. Add the lines, then {@link #run}. Not thread-safe.
 */
public final class CoreProfiles {
    private final ProfileJob.Options options;
    private final int endDay;
    private final TransactionColumns columns = new TransactionColumns();
    private final TransactionColumns recent = new TransactionColumns();
    private String[] segment = new String[1024];
    private double[] net = new double[1024];

    public CoreProfiles(ProfileJob.Options options) {
        this.options = options;
        this.endDay = Math.toIntExact(options.observationEnd().toEpochDay());
    }

    /** One line; lines after the observation end are ignored. */
    public void add(String customerId, String customerSegment, int day, double amount) {
        if (day > endDay) {
            return;
        }
        int c = columns.customer(customerId);
        if (c >= segment.length) {
            segment = Arrays.copyOf(segment, Math.max(c + 1, segment.length * 2));
            net = Arrays.copyOf(net, segment.length);
        }
        if (customerSegment != null && (segment[c] == null || customerSegment.compareTo(segment[c]) > 0)) {
            segment[c] = customerSegment;
        }
        net[c] += amount;
        columns.add(c, day, amount);
        if (day > endDay - ProfileRules.RECENT_DAYS) {
            recent.add(recent.customer(customerId), day, amount);
        }
    }

    /** The fits and every customer's profile, in the order of the customers' first line. */
    public record Result(SummaryCounts counts, RepeatBuyingModel model, FittedGammaGamma spend,
                         Map<String, Double> typicalRates, List<Profile> profiles) {
    }

    public Result run() {
        LocalDate end = options.observationEnd();
        List<CustomerSummary> summaries = columns.summaries(end, Period.WEEK);
        Map<String, Integer> recentOccasions = new HashMap<>();
        for (CustomerSummary s : recent.summaries(end, Period.DAY)) {
            recentOccasions.put(s.customerId(), s.x() + 1);
        }
        SummaryCounts counts = SummaryCounts.of(summaries);
        RepeatBuyingModel model = options.model() == ClvAnalysis.Model.BGNBD
                ? BgNbd.fit(counts, BgNbd.Options.defaults()) : ParetoNbd.fit(counts, ParetoNbd.Options.defaults());
        FittedGammaGamma spend;
        try {
            spend = GammaGamma.fit(counts, GammaGamma.Options.defaults());
        } catch (InsufficientDataException e) {
            spend = null;
        }
        CustomerScoring.Scores scores = CustomerScoring.score(summaries, model, spend, options.horizon(),
                options.clv());

        Map<String, List<Double>> rates = new HashMap<>();
        for (CustomerSummary s : summaries) {
            if (ProfileRules.countsForTypicalRate(s.x(), s.T())) {
                rates.computeIfAbsent(ProfileRules.segmentKey(segmentOf(s)), k -> new ArrayList<>())
                        .add(ProfileRules.ratePerYear(s.x(), s.T()));
            }
        }
        Map<String, Double> typical = new HashMap<>();
        rates.forEach((k, v) -> typical.put(k, ProfileRules.median(v.stream().mapToDouble(Double::doubleValue)
                .toArray())));

        List<Rfm.Input> rfmInput = new ArrayList<>(summaries.size());
        for (CustomerSummary s : summaries) {
            rfmInput.add(new Rfm.Input(s.customerId(), ProfileRules.recencyDays(s), s.x() + 1, netOf(s)));
        }
        List<Rfm.Score> rfm = Rfm.score(rfmInput);

        LoyaltyStagePolicy policy = new LoyaltyStagePolicy(options.policy());
        List<Profile> profiles = new ArrayList<>(summaries.size());
        for (int i = 0; i < summaries.size(); i++) {
            CustomerSummary s = summaries.get(i);
            String seg = segmentOf(s);
            Rfm.Score r = rfm.get(i);
            profiles.add(ProfileRules.profile(s, seg, recentOccasions.getOrDefault(s.customerId(), 0), netOf(s),
                    scores.pAlive()[i], scores.expectedPurchases()[i], scores.expectedSpend()[i], scores.clv()[i],
                    new int[] {r.recency(), r.frequency(), r.monetary()},
                    typical.getOrDefault(ProfileRules.segmentKey(seg), 0.0), policy));
        }
        return new Result(counts, model, spend, typical, profiles);
    }

    private String segmentOf(CustomerSummary s) {
        return segment[columns.customer(s.customerId())];
    }

    private double netOf(CustomerSummary s) {
        return net[columns.customer(s.customerId())];
    }
}
