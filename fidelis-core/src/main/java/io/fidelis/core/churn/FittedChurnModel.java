package io.fidelis.core.churn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A fitted churn model ({@link ChurnModel#fit}): the pipeline learned from the training data, the penalised
 * coefficients, the coefficient intervals and what the fit chose. It scores and explains customers of any table that
 * has the feature columns (the target is not needed). Immutable; saved and loaded with {@link #toJson()} and
 * {@link #fromJson(String)}.
 *
 * <p><b>Explanations.</b> The log-odds of a customer is {@code average + Σ contributions}: {@code average} is the
 * log-odds of a customer at the training means of every design column, and the contribution of an input feature is
 * Σ βⱼ (xⱼ − meanⱼ) over its design columns (its dummies, or its one numeric column). A contribution above 0 raises
 * the churn risk compared with the average customer, below 0 lowers it; an unseen category contributes exactly 0.
 */
public final class FittedChurnModel {
    /**
     * A Wald interval from the unpenalised refit.
     *
     * @param estimate the refit's estimate (original scale)
     */
    public record Interval(double estimate, double standardError, double lower, double upper) {
    }

    /**
     * A coefficient per unit of its design column, on the original scale.
     *
     * @param term     {@code (Intercept)}, {@code tenure} or {@code Contract=One year}
     * @param feature  the input column (null for the intercept)
     * @param level    the dummy's level (null for the intercept and numeric columns)
     * @param estimate the penalised estimate used for scoring
     * @param interval the refit's 95 % Wald interval, or null (see {@code note})
     * @param note     why there is no interval, or null
     */
    public record Coefficient(String term, String feature, String level, double estimate, Interval interval,
                              String note) {
    }

    /**
     * One feature's part in a customer's score.
     *
     * @param value        the customer's value as given ({@code ""} when missing)
     * @param contribution on the log-odds scale, compared with the average customer
     * @param phrase       in plain words, for example "Contract = Month-to-month raises churn risk"
     */
    public record Factor(String feature, String value, double contribution, String phrase) {
    }

    /**
     * A customer's score.
     *
     * @param averageLogOdds the log-odds at the training means
     * @param factors        every feature, the largest contribution (either sign) first
     */
    public record Explanation(double probability, double averageLogOdds, List<Factor> factors) {
        public Explanation {
            factors = List.copyOf(factors);
        }

        /** The {@code k} factors with the largest contributions, either sign (zero contributions left out). */
        public List<Factor> top(int k) {
            return factors.stream().filter(f -> f.contribution() != 0).limit(k).toList();
        }
    }

    private final String target;
    private final String positive;
    private final String negative;
    private final int rows;
    private final int positives;
    private final Encoding encoding;
    private final double intercept;
    private final double[] coef;
    private final double alpha;
    private final double lambda;
    private final ChurnModel.Tuning tuning;
    private final List<Coefficient> coefficients;
    private final double refitDeviance;
    private final List<String> notes;

    FittedChurnModel(String target, String positive, String negative, int rows, int positives, Encoding encoding,
                     double intercept, double[] coef, double alpha, double lambda, ChurnModel.Tuning tuning,
                     List<Coefficient> coefficients, double refitDeviance, List<String> notes) {
        this.target = target;
        this.positive = positive;
        this.negative = negative;
        this.rows = rows;
        this.positives = positives;
        this.encoding = encoding;
        this.intercept = intercept;
        this.coef = coef.clone();
        this.alpha = alpha;
        this.lambda = lambda;
        this.tuning = tuning;
        this.coefficients = List.copyOf(coefficients);
        this.refitDeviance = refitDeviance;
        this.notes = List.copyOf(notes);
    }

    public String target() {
        return target;
    }

    /** The outcome value modelled (churned). */
    public String positive() {
        return positive;
    }

    public String negative() {
        return negative;
    }

    /** Training rows. */
    public int rows() {
        return rows;
    }

    /** Training rows with the positive outcome. */
    public int positives() {
        return positives;
    }

    public double alpha() {
        return alpha;
    }

    public double lambda() {
        return lambda;
    }

    /** How α and λ were chosen, or null when they were fixed. */
    public ChurnModel.Tuning tuning() {
        return tuning;
    }

    /** The intercept on the original scale. */
    public double intercept() {
        return intercept;
    }

    /** The intercept first, then every design column in the order of the features. */
    public List<Coefficient> coefficients() {
        return coefficients;
    }

    /** The residual deviance of the unpenalised refit (on the columns the penalty kept). */
    public double refitDeviance() {
        return refitDeviance;
    }

    /** Imputations, features left out, aliased columns. */
    public List<String> notes() {
        return notes;
    }

    /** The input features in order. */
    public List<String> features() {
        return encoding.features.stream().map(Encoding.Feature::name).toList();
    }

    Encoding encoding() {
        return encoding;
    }

    /** The churn probability of every row of a table with the feature columns. */
    public double[] probabilities(ChurnData data) {
        Features features = parse(data);
        double[] out = new double[data.rows()];
        double[] x = new double[encoding.p];
        for (int i = 0; i < out.length; i++) {
            out[i] = probability(features, i, x);
        }
        return out;
    }

    /** The explanation of every row of a table with the feature columns. */
    public List<Explanation> explain(ChurnData data) {
        Features features = parse(data);
        List<Explanation> out = new ArrayList<>(data.rows());
        for (int i = 0; i < data.rows(); i++) {
            out.add(explain(features, i));
        }
        return out;
    }

    double probability(Features features, int row, double[] x) {
        encoding.raw(features, row, x);
        double eta = intercept;
        for (int j = 0; j < encoding.p; j++) {
            eta += coef[j] * x[j];
        }
        return 1 / (1 + Math.exp(-eta));
    }

    private Features parse(ChurnData data) {
        List<String> names = features();
        boolean[] categorical = new boolean[names.size()];
        for (int f = 0; f < names.size(); f++) {
            categorical[f] = encoding.features.get(f).categorical();
        }
        return Features.parse(data, names, categorical);
    }

    private Explanation explain(Features features, int row) {
        double[] x = new double[encoding.p];
        encoding.raw(features, row, x);
        double average = intercept;
        for (int j = 0; j < encoding.p; j++) {
            average += coef[j] * encoding.mean[j];
        }
        double eta = average;
        List<Factor> factors = new ArrayList<>();
        for (int f = 0; f < encoding.features.size(); f++) {
            Encoding.Feature feature = encoding.features.get(f);
            double c = 0;
            for (int j = encoding.offset[f]; j < encoding.offset[f + 1]; j++) {
                c += coef[j] * (x[j] - encoding.mean[j]);
            }
            eta += c;
            String value = feature.categorical() ? features.labels[f][row]
                    : Double.isNaN(features.numbers[f][row]) ? "" : Encoding.number(features.numbers[f][row]);
            factors.add(new Factor(feature.name(), value, c, phrase(f, feature, value, c)));
        }
        factors.sort(Comparator.comparingDouble((Factor fa) -> -Math.abs(fa.contribution())));
        return new Explanation(1 / (1 + Math.exp(-eta)), average, factors);
    }

    private String phrase(int f, Encoding.Feature feature, String value, double c) {
        String effect = c > 0 ? "raises churn risk" : c < 0 ? "lowers churn risk" : "has no effect";
        if (feature.dropped() != null) {
            return feature.name() + " is not used (" + feature.dropped() + " in the training data)";
        }
        if (feature.categorical()) {
            if (!encoding.knows(f, value)) {
                return feature.name() + " = " + Encoding.display(value) + " was not seen in training and has no"
                        + " effect";
            }
            return feature.name() + " = " + Encoding.display(value) + " " + effect;
        }
        double mean = feature.columns().get(0).mean();
        if (value.isEmpty()) {
            return feature.name() + " is missing (taken as the median " + Encoding.number(feature.median()) + ") "
                    + effect;
        }
        double v = Double.parseDouble(value);
        String relation = v > mean ? "above" : v < mean ? "below" : "at";
        return String.format(Locale.ROOT, "%s = %s (%s the average %s) %s", feature.name(), value, relation,
                Encoding.number(mean), effect);
    }

    /** The model as JSON: everything needed to score, explain and report it (see {@link ChurnModelJson}). */
    public String toJson() {
        return ChurnModelJson.write(this, encoding, coef);
    }

    /**
     * Reads a model written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a model, with the line and column or the field
     */
    public static FittedChurnModel fromJson(String json) {
        return ChurnModelJson.read(json);
    }
}
