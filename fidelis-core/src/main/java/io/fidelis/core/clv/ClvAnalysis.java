package io.fidelis.core.clv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import io.fidelis.core.summary.Transaction;
import io.fidelis.core.summary.TransactionColumns;

/**
 * The analyst's whole run: summarise, fit a repeat-buying model (BG/NBD or Pareto/NBD) and the Gamma-Gamma spend
 * model, compare with a holdout period when asked, and score every customer (P(alive), expected purchases over the
 * horizon, expected spend, CLV).
 */
public final class ClvAnalysis {
    private ClvAnalysis() {
    }

    public enum Model {
        BGNBD, PNBD;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param calibrationEnd when set, fit on data up to it and compare with the holdout up to {@code observationEnd}
     * @param horizon        periods ahead for the expected purchases of the scores
     */
    public record Options(Model model, Period period, LocalDate observationEnd, LocalDate calibrationEnd,
                          double horizon, Clv clv) {
    }

    /** The spend model's fit, or why there is none. */
    public record Spend(FittedGammaGamma fitted, String notFitted) {
    }

    /** Actual and expected repeat occasions in the holdout. */
    public record Holdout(long actual, double expected) {
    }

    /** One customer's scores. */
    public record Score(CustomerSummary summary, double pAlive, double expectedPurchases, double expectedSpend,
                        double clv) {
    }

    /**
     * The fits, and the scores on demand.
     *
     * @param fitted    the fitted repeat-buying model
     * @param summaries the customers, as fitted
     */
    public record Report(long customers, long transactions, Model model, Period period, Fit fit, Spend spend,
                         Holdout holdout, RepeatBuyingModel fitted, List<CustomerSummary> summaries, double horizon,
                         Clv clv) {
        /** Every customer's scores (computed on each call: a run that only needs the fits does not pay for them). */
        public List<Score> scores() {
            CustomerScoring.Scores all = CustomerScoring.score(summaries, fitted, spend.fitted(), horizon, clv);
            List<Score> scores = new ArrayList<>(summaries.size());
            for (int i = 0; i < summaries.size(); i++) {
                scores.add(new Score(summaries.get(i), all.pAlive()[i], all.expectedPurchases()[i],
                        all.expectedSpend()[i], all.clv()[i]));
            }
            return scores;
        }
    }


    public static Report run(List<Transaction> transactions, Options o) {
        return run(TransactionColumns.of(transactions), o);
    }

    /** The run from transactions held column by column (as {@code TransactionCsv} reads them). */
    public static Report run(TransactionColumns transactions, Options o) {
        if (o.observationEnd() == null) {
            throw new IllegalArgumentException("an observation end is needed with transactions");
        }
        LocalDate fitEnd = o.calibrationEnd() != null ? o.calibrationEnd() : o.observationEnd();
        if (o.calibrationEnd() != null && !o.calibrationEnd().isBefore(o.observationEnd())) {
            throw new IllegalArgumentException("the calibration end (" + o.calibrationEnd() + ") must come before the"
                    + " observation end (" + o.observationEnd() + ")");
        }
        List<CustomerSummary> summaries = transactions.summaries(fitEnd, o.period());
        Map<String, Integer> actual = o.calibrationEnd() == null ? null
                : transactions.holdoutOccasions(o.calibrationEnd(), o.observationEnd());
        return analyse(summaries, transactions.size(), actual, o);
    }

    /** The same run from summaries (no holdout). */
    public static Report run(List<CustomerSummary> summaries, Model model, Period period, double horizon, Clv clv) {
        return analyse(summaries, 0, null, new Options(model, period, null, null, horizon, clv));
    }

    private static Report analyse(List<CustomerSummary> summaries, long transactions, Map<String, Integer> actual,
                                  Options o) {
        RepeatBuyingModel model = o.model() == Model.BGNBD ? BgNbd.fit(summaries, BgNbd.Options.defaults())
                : ParetoNbd.fit(summaries, ParetoNbd.Options.defaults());
        Fit fit = model.fit();
        Spend spend;
        try {
            spend = new Spend(GammaGamma.fit(summaries, GammaGamma.Options.defaults()), null);
        } catch (InsufficientDataException e) {
            spend = new Spend(null, e.getMessage());
        }
        Holdout holdout = null;
        if (actual != null) {
            double days = java.time.temporal.ChronoUnit.DAYS.between(o.calibrationEnd(), o.observationEnd());
            double expected = CustomerScoring.expectedTotal(summaries, model, o.period().of((long) days));
            long actualSum = 0;
            for (CustomerSummary s : summaries) {
                actualSum += actual.getOrDefault(s.customerId(), 0);
            }
            holdout = new Holdout(actualSum, expected);
        }
        return new Report(summaries.size(), transactions, o.model(), o.period(), fit, spend, holdout, model, summaries,
                o.horizon(), o.clv());
    }
}
