package io.fidelis.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.fidelis.core.loyalty.LoyaltyAssessment;
import io.fidelis.core.loyalty.LoyaltySignals;
import io.fidelis.core.loyalty.LoyaltyStagePolicy;
import io.fidelis.core.stats.Rfm;
import io.fidelis.core.summary.CustomerSummary;

/**
 * One customer's profile from their summary, their scores and what is known of the population, with the conventions
 * of the server's scoring (weeks; the loyalty stage from the purchase signals alone): the repeat rate per year over
 * at least half a year, the segment's typical rate (the median rate of its repeat buyers observed 4 weeks or more),
 * the recent rate over the last 26 weeks against the long-run rate (known from a year of history), the usual interval
 * (a one-time buyer's from the segment's typical rate), RFM from days since the last occasion, occasions and net
 * value. Signals that only other capabilities know (surveys, complaints, referrals, product categories, how long a
 * customer has been emotionally loyal) are absent here: the stages reached from purchases alone go up to behavioural
 * loyalty. Used by the Spark job and by the single-machine reference alike.
 */
public final class ProfileRules {
    /** Weeks a year, as the server counts them. */
    static final double WEEKS_A_YEAR = 52.1775;
    /** The recent window of the rate drop: 26 weeks (182 days). */
    public static final int RECENT_DAYS = 182;

    private ProfileRules() {
    }

    /** Repeat occasions per year since the first purchase, over at least half a year. */
    public static double ratePerYear(int x, double T) {
        return x / (Math.max(T, 26) / WEEKS_A_YEAR);
    }

    /** Whether a customer counts towards the segment's typical rate: a repeat buyer observed at least 4 weeks. */
    public static boolean countsForTypicalRate(int x, double T) {
        return T >= 4 && x > 0;
    }

    /** The median of some rates (the mean of the middle two for an even number). */
    public static double median(double[] rates) {
        double[] v = rates.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The key of a segment in the typical rates: no segment is "". */
    public static String segmentKey(String segment) {
        return segment == null ? "" : segment;
    }

    /** Days since the last occasion, as RFM's recency. */
    public static double recencyDays(CustomerSummary s) {
        return (s.T() - s.tx()) * 7;
    }

    /**
     * What scoring a customer needs from the population: the typical rate of each segment, the RFM boundary values
     * (recency as minus the days, frequency, monetary) and the stage policy's settings. Serializable, for executors.
     */
    public record Population(Map<String, Double> typicalRates, double[] recencyBounds, double[] frequencyBounds,
                             double[] monetaryBounds, Settings policy) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Population {
            typicalRates = new HashMap<>(typicalRates);
        }

        double typical(String segment) {
            return typicalRates.getOrDefault(segmentKey(segment), 0.0);
        }
    }

    /** {@link LoyaltyStagePolicy.Settings}, serializable. */
    public record Settings(double atRiskPAlive, double lostPAlive, double lostIntervalMultiple, double rateDropRatio,
                           int sustainableMonths, int crossCategoryMinimum, double weightBehavioural,
                           double weightConscious, double weightEmotional) implements Serializable {
        private static final long serialVersionUID = 1L;

        public static Settings of(LoyaltyStagePolicy.Settings s) {
            return new Settings(s.atRiskPAlive(), s.lostPAlive(), s.lostIntervalMultiple(), s.rateDropRatio(),
                    s.sustainableMonths(), s.crossCategoryMinimum(), s.weightBehavioural(), s.weightConscious(),
                    s.weightEmotional());
        }

        public LoyaltyStagePolicy.Settings core() {
            return new LoyaltyStagePolicy.Settings(atRiskPAlive, lostPAlive, lostIntervalMultiple, rateDropRatio,
                    sustainableMonths, crossCategoryMinimum, weightBehavioural, weightConscious, weightEmotional);
        }
    }

    /**
     * @param recentOccasions purchase days in the last {@link #RECENT_DAYS} days up to the observation end
     * @param netValue        the net value of all the customer's lines up to the observation end (RFM's monetary)
     * @param rfm             the RFM scores (recency, frequency, monetary), 1..5 each
     */
    public static Profile profile(CustomerSummary s, String segment, int recentOccasions, double netValue,
                                  double pAlive, double expectedPurchases, double expectedSpend, double clv,
                                  int[] rfm, double typical, LoyaltyStagePolicy policy) {
        double rate = ratePerYear(s.x(), s.T());
        double longRunPerWeek = (s.x() + 1) / Math.max(s.T(), 1);
        double recentRatio = s.T() >= 52 ? recentOccasions / 26.0 / longRunPerWeek : Double.NaN;
        double usualInterval = s.x() > 0 ? s.tx() * 7 / s.x() : typical > 0 ? 365.25 / typical : Double.NaN;
        LoyaltySignals signals = new LoyaltySignals(s.x() + 1, Double.isNaN(pAlive) ? 1 : pAlive, rate, typical,
                recentRatio, recencyDays(s), usualInterval, 0, false, false, 0, false, 0, false, false, false);
        LoyaltyAssessment a = policy.assess(signals);
        Rfm.Segment rfmSegment = Rfm.Segment.of(rfm[0], rfm[1]);
        return new Profile(s.customerId(), segment, s.x() + 1, s.x(), s.tx(), s.T(), s.monetary(), netValue,
                recentOccasions, pAlive, expectedPurchases, expectedSpend, clv, "" + rfm[0] + rfm[1] + rfm[2],
                rfmSegment.name(), a.stage().name(), a.overlay().name(), a.index());
    }

    /** The RFM scores of a customer against the population's boundary values. */
    public static int[] rfm(CustomerSummary s, double netValue, Population p) {
        return new int[] {Rfm.quintileScore(-recencyDays(s), p.recencyBounds()),
                Rfm.quintileScore(s.x() + 1, p.frequencyBounds()),
                Rfm.quintileScore(netValue, p.monetaryBounds())};
    }
}
