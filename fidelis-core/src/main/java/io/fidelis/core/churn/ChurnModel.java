package io.fidelis.core.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * An explained churn model for subscription (contractual) customers: regularised logistic regression of a yes/no
 * outcome on a customer table.
 *
 * <ul>
 * <li><b>Pipeline</b> (learned from the training rows, inside the model; see {@link Encoding}): numeric columns are
 * standardised, a missing number is replaced by the training median; categorical columns are dummy coded against a
 * reference level (the first in sorted order, as R); a category not seen in training contributes nothing.</li>
 * <li><b>Fit</b>: elastic net (L1 and L2) by coordinate descent on the standardised columns, as glmnet
 * ({@link ElasticNet}). The mixing α and the strength λ are chosen by stratified k-fold cross-validation with a
 * fixed seed, minimising the held-out binomial deviance; for each α the λ sequence runs from the smallest λ that
 * zeroes every coefficient down over {@link Options#lambdaMinRatio()}, as glmnet. λ = 0 (see
 * {@link Options#fixed(double, double)}) is plain maximum likelihood by IRLS, as R's {@code glm}.</li>
 * <li><b>Intervals</b>: 95 % Wald intervals from an unpenalised IRLS refit on the columns the penalty kept
 * (aliased columns left out, as R's NA coefficients). They describe that refit and do not account for the
 * selection step; the coefficients used for scoring are the penalised ones.</li>
 * <li><b>Evaluation</b>: {@link #crossValidate} repeats the whole procedure (tuning included) in each training part
 * of an outer stratified k-fold split and predicts the held-out part, giving out-of-fold probabilities for ROC AUC,
 * average precision, top-decile lift, Brier score and the reliability curve ({@link ChurnMetrics}).</li>
 * </ul>
 */
public final class ChurnModel {
    /** The confidence level of the coefficient intervals. */
    public static final double CONFIDENCE = 0.95;

    private ChurnModel() {
    }

    /**
     * @param target         the outcome column
     * @param positive       the outcome value that counts as churned; null: {@code Yes}, {@code 1} or {@code true}
     *                       when the column has that value and one other
     * @param id             a customer id column, never a feature (null: none)
     * @param exclude        other columns that are not features
     * @param categorical    columns to treat as categorical even though every value is a number
     * @param folds          k of the stratified k-fold cross-validation (tuning and evaluation)
     * @param seed           the seed of the fold assignment
     * @param alphas         the L1 shares tried (0: ridge, 1: lasso); with a fixed λ, exactly one
     * @param lambdas        the number of λ values per α
     * @param lambdaMinRatio the smallest λ as a share of the largest
     * @param lambda         a fixed λ (no tuning), or NaN to choose it by cross-validation
     * @param tolerance      coordinate descent convergence (weighted squared change of a coefficient)
     */
    public record Options(String target, String positive, String id, Set<String> exclude, Set<String> categorical,
                          int folds, long seed, List<Double> alphas, int lambdas, double lambdaMinRatio,
                          double lambda, double tolerance) {
        public Options {
            Objects.requireNonNull(target, "target");
            exclude = Set.copyOf(exclude);
            categorical = Set.copyOf(categorical);
            alphas = List.copyOf(alphas);
            if (folds < 2) {
                throw new IllegalArgumentException("need at least 2 folds, got " + folds);
            }
            if (alphas.isEmpty() || alphas.stream().anyMatch(a -> !(a >= 0 && a <= 1))) {
                throw new IllegalArgumentException("every alpha must be in [0, 1], got " + alphas);
            }
            if (lambdas < 1 || !(lambdaMinRatio > 0 && lambdaMinRatio < 1) || !(tolerance > 0)) {
                throw new IllegalArgumentException("need lambdas ≥ 1, lambdaMinRatio in (0, 1) and tolerance > 0");
            }
            if (!Double.isNaN(lambda) && (!(lambda >= 0) || Double.isInfinite(lambda) || alphas.size() != 1)) {
                throw new IllegalArgumentException("a fixed lambda must be ≥ 0 with exactly one alpha, got "
                        + lambda + " with " + alphas);
            }
        }

        /**
         * 5 folds, seed 1, α ∈ {0, 0.5, 1}, 30 λ values down to 1e-4 of the largest, tolerance 1e-7 (glmnet's), λ chosen by
         * cross-validation.
         */
        public static Options defaults(String target) {
            return new Options(target, null, null, Set.of(), Set.of(), 5, 1, List.of(0.0, 0.5, 1.0), 30, 1e-4,
                    Double.NaN, 1e-7);
        }

        public Options withPositive(String positive) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        public Options withId(String id) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        public Options withExclude(Set<String> exclude) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        public Options withCategorical(Set<String> categorical) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        public Options withFolds(int folds, long seed) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        public Options withAlphas(List<Double> alphas) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, Double.NaN, tolerance);
        }

        public Options withLambdas(int lambdas, double lambdaMinRatio) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        public Options withTolerance(double tolerance) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, alphas, lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        /** No tuning: this α and λ (λ = 0: maximum likelihood, as R's glm). */
        public Options fixed(double alpha, double lambda) {
            return new Options(target, positive, id, exclude, categorical, folds, seed, List.of(alpha), lambdas,
                    lambdaMinRatio, lambda, tolerance);
        }

        boolean tuned() {
            return Double.isNaN(lambda);
        }
    }

    /**
     * How α and λ were chosen.
     *
     * @param cvDeviance the mean held-out deviance per customer at the chosen α and λ
     */
    public record Tuning(int folds, long seed, List<Double> alphas, int lambdas, double cvDeviance) {
        public Tuning {
            alphas = List.copyOf(alphas);
        }
    }

    /**
     * The out-of-fold evaluation of the whole fitting procedure.
     *
     * @param fold      each row's outer fold
     * @param actual    each row's outcome
     * @param predicted each row's probability from the model fitted without its fold
     * @param chosen    the α and λ chosen in each outer fold, {@code [alpha, lambda]}
     */
    public record CrossValidation(int folds, long seed, int[] fold, boolean[] actual, double[] predicted,
                                  ChurnMetrics.Summary metrics, List<double[]> chosen) {
    }

    /** The data prepared once: the features parsed with kinds fixed on all rows, and the outcome. */
    record Prepared(Features features, boolean[] actual, String positive, String negative) {
    }

    /**
     * Fits the model to every row.
     *
     * @throws ChurnDataException when a column named in the options is absent, the outcome is blank on a row or
     *                            does not have exactly two values (or the positive value is not one of them), there
     *                            are no features, or a class has fewer rows than folds
     */
    public static FittedChurnModel fit(ChurnData data, Options options) {
        Prepared prepared = prepare(data, options);
        int[] all = new int[data.rows()];
        Arrays.setAll(all, i -> i);
        return fit(prepared, all, options);
    }

    /**
     * Stratified k-fold cross-validation of the whole procedure (with its own tuning in each training part): the
     * out-of-fold probabilities and their metrics.
     */
    public static CrossValidation crossValidate(ChurnData data, Options options) {
        Prepared prepared = prepare(data, options);
        boolean[] actual = prepared.actual();
        int n = actual.length;
        int[] fold = Folds.stratified(actual, options.folds(), options.seed());
        double[] predicted = new double[n];
        List<double[]> chosen = new ArrayList<>();
        for (int k = 0; k < options.folds(); k++) {
            int kk = k;
            int[] train = java.util.stream.IntStream.range(0, n).filter(i -> fold[i] != kk).toArray();
            FittedChurnModel model = fit(prepared, train, options);
            chosen.add(new double[] {model.alpha(), model.lambda()});
            double[] x = new double[model.encoding().p];
            for (int i = 0; i < n; i++) {
                if (fold[i] == k) {
                    predicted[i] = model.probability(prepared.features(), i, x);
                }
            }
        }
        return new CrossValidation(options.folds(), options.seed(), fold, actual, predicted,
                ChurnMetrics.summary(actual, predicted), chosen);
    }

    static Prepared prepare(ChurnData data, Options options) {
        String source = data.source();
        if (!data.has(options.target())) {
            throw new ChurnDataException(source + ": no column " + options.target() + " (the target); the columns"
                    + " are " + String.join(", ", data.names()));
        }
        if (options.id() != null && !data.has(options.id())) {
            throw new ChurnDataException(source + ": no column " + options.id() + " (the id)");
        }
        for (String name : new TreeSet<>(options.exclude())) {
            if (!data.has(name)) {
                throw new ChurnDataException(source + ": no column " + name + " to exclude");
            }
        }
        for (String name : new TreeSet<>(options.categorical())) {
            if (!data.has(name)) {
                throw new ChurnDataException(source + ": no column " + name + " to treat as categorical");
            }
        }
        if (data.rows() == 0) {
            throw new ChurnDataException(source + ": no rows");
        }
        // The outcome.
        String[] target = data.columnRef(options.target());
        Set<String> values = new LinkedHashSet<>();
        int touched = 0;
        for (int i = 0; i < target.length; i++) {
            if (i == touched) {
                touched = Features.touch(target, i);
            }
            if (target[i].isEmpty()) {
                throw new ChurnDataException(data.where(i) + ": field '" + options.target() + "': the target is"
                        + " blank");
            }
            if (values.add(target[i]) && values.size() > 2) {
                throw new ChurnDataException(data.where(i) + ": field '" + options.target() + "': a third value '"
                        + target[i] + "' (the target has two values, " + String.join(" and ",
                        new ArrayList<>(values).subList(0, 2)) + ")");
            }
        }
        String positive = options.positive();
        if (positive == null) {
            for (String candidate : List.of("Yes", "yes", "1", "true", "TRUE", "Y")) {
                if (values.contains(candidate)) {
                    positive = candidate;
                    break;
                }
            }
            if (positive == null) {
                throw new ChurnDataException(source + ": say which value of " + options.target() + " is the churn"
                        + " outcome (its values are " + String.join(", ", values) + ")");
            }
        }
        if (!values.contains(positive)) {
            throw new ChurnDataException(source + ": the target " + options.target() + " never has the value "
                    + positive + " (its values are " + String.join(", ", values) + ")");
        }
        if (values.size() < 2) {
            throw new ChurnDataException(source + ": the target " + options.target() + " has one value only ("
                    + positive + "); nothing to learn");
        }
        String positiveLabel = positive;
        String negative = values.stream().filter(v -> !v.equals(positiveLabel)).findFirst().orElseThrow();
        boolean[] actual = new boolean[target.length];
        for (int i = 0; i < target.length; i++) {
            actual[i] = target[i].equals(positive);
        }
        // The features: every other column, in the file's order.
        List<String> names = new ArrayList<>();
        for (String name : data.names()) {
            if (!name.equals(options.target()) && !name.equals(options.id()) && !options.exclude().contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new ChurnDataException(source + ": no feature columns left besides the target, id and excluded"
                    + " columns");
        }
        // A column is numeric when every value is a number; it is parsed once, on both cores.
        boolean[] categorical = new boolean[names.size()];
        double[][] parsed = new double[names.size()][];
        java.util.stream.IntStream.range(0, names.size()).parallel().forEach(f -> {
            if (!options.categorical().contains(names.get(f))) {
                parsed[f] = Features.numbers(data.columnRef(names.get(f)));
            }
            categorical[f] = parsed[f] == null;
        });
        return new Prepared(Features.parse(data, names, categorical, parsed), actual, positive, negative);
    }

    /** Fits on the given rows of prepared data. */
    static FittedChurnModel fit(Prepared prepared, int[] rows, Options options) {
        Features features = prepared.features();
        Encoding encoding = Encoding.learn(features, rows);
        if (encoding.p == 0) {
            throw new ChurnDataException("no usable feature: every one is constant or empty in the training rows");
        }
        double[][] x = encoding.standardised(features, rows);
        double[] y = new double[rows.length];
        boolean[] actual = new boolean[rows.length];
        for (int k = 0; k < rows.length; k++) {
            actual[k] = prepared.actual()[rows[k]];
            y[k] = actual[k] ? 1 : 0;
        }
        double alpha;
        double lambda;
        double b0;
        double[] beta;
        Tuning tuning = null;
        Irls.Fit refit = null;
        if (!options.tuned() && options.lambda() == 0) {
            alpha = options.alphas().get(0);
            lambda = 0;
            int[] all = new int[encoding.p];
            Arrays.setAll(all, j -> j);
            refit = Irls.fit(x, y, all);
            beta = new double[encoding.p];
            for (int k = 0; k < refit.kept().length; k++) {
                beta[refit.kept()[k]] = refit.beta()[k];
            }
            b0 = refit.intercept();
        } else if (!options.tuned()) {
            alpha = options.alphas().get(0);
            lambda = options.lambda();
            double max = ElasticNet.lambdaMax(x, y, alpha);
            double[] seq = lambda >= max ? new double[] {lambda}
                    : appendLast(ElasticNet.sequence(max, lambda / max, 20), lambda);
            ElasticNet.Path path = ElasticNet.path(x, y, alpha, seq, options.tolerance(), 100_000, false, true,
                    encoding.dummies());
            b0 = path.intercepts()[seq.length - 1];
            beta = path.betas()[seq.length - 1];
        } else {
            List<Double> alphas = options.alphas();
            double[][] lambdas = new double[alphas.size()][];
            for (int a = 0; a < alphas.size(); a++) {
                lambdas[a] = ElasticNet.sequence(ElasticNet.lambdaMax(x, y, alphas.get(a)), options.lambdaMinRatio(),
                        options.lambdas());
            }
            double[][] cv = crossValidatedDeviance(features, rows, actual, options, lambdas);
            int bestA = 0;
            int bestL = 0;
            for (int a = 0; a < alphas.size(); a++) {
                for (int l = 0; l < lambdas[a].length; l++) {
                    if (cv[a][l] < cv[bestA][bestL]) {
                        bestA = a;
                        bestL = l;
                    }
                }
            }
            alpha = alphas.get(bestA);
            lambda = lambdas[bestA][bestL];
            double[] seq = Arrays.copyOf(lambdas[bestA], bestL + 1);
            ElasticNet.Path path = ElasticNet.path(x, y, alpha, seq, options.tolerance(), 100_000, true, true,
                    encoding.dummies());
            b0 = path.intercepts()[bestL];
            beta = path.betas()[bestL];
            tuning = new Tuning(options.folds(), options.seed(), alphas, options.lambdas(),
                    cv[bestA][bestL] / rows.length);
        }
        // Original scale.
        double[] coef = new double[encoding.p];
        double intercept = b0;
        for (int j = 0; j < encoding.p; j++) {
            coef[j] = beta[j] / encoding.sd[j];
            intercept -= coef[j] * encoding.mean[j];
        }
        if (refit == null) {
            int[] selected = java.util.stream.IntStream.range(0, encoding.p).filter(j -> beta[j] != 0).toArray();
            refit = Irls.fit(x, y, selected);
        }
        Set<Integer> copies = new java.util.HashSet<>();
        for (int j = 0; j < encoding.p; j++) {
            copies.add(j);
        }
        for (int j : ElasticNet.distinct(x)) {
            copies.remove(j);
        }
        List<FittedChurnModel.Coefficient> coefficients = coefficients(encoding, intercept, coef, refit, copies);
        int positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        List<String> notes = new ArrayList<>();
        for (Encoding.Feature f : encoding.features) {
            if (f.dropped() != null) {
                notes.add(f.name() + ": left out, " + f.dropped() + " in the training data");
            } else if (!f.categorical() && f.missing() > 0) {
                notes.add(f.name() + ": " + f.missing() + " missing value" + (f.missing() == 1 ? "" : "s")
                        + " replaced by the training median " + Encoding.number(f.median()));
            }
        }
        if (refit.aliased().length > 0) {
            List<String> aliased = new ArrayList<>();
            for (int j : refit.aliased()) {
                aliased.add(encoding.term(j));
            }
            notes.add("no interval for " + String.join(", ", aliased) + ": a linear combination of other columns"
                    + " (aliased, as R's NA)");
        }
        if (!refit.converged()) {
            notes.add("the unpenalised refit for the intervals did not converge (separation?); its intervals are"
                    + " unreliable");
        }
        return new FittedChurnModel(options.target(), prepared.positive(), prepared.negative(), rows.length,
                positives, encoding, intercept, coef, alpha, lambda, tuning, coefficients, refit.deviance(), notes);
    }

    /**
     * Held-out deviance summed over the folds, for each α and λ. The folds × α paths run in parallel (the common
     * fork-join pool); each is deterministic and the sums are taken in fold order, so the result does not depend on
     * the number of threads.
     */
    private static double[][] crossValidatedDeviance(Features features, int[] rows, boolean[] actual,
                                                     Options options, double[][] lambdas) {
        int[] fold = Folds.stratified(actual, options.folds(), options.seed());
        int folds = options.folds();
        int alphas = lambdas.length;
        record Part(Encoding encoding, double[][] x, double[] y, int[] testPos, double[][] test) {
        }
        Part[] parts = new Part[folds];
        java.util.stream.IntStream.range(0, folds).parallel().forEach(k -> {
            int[] trainPos = java.util.stream.IntStream.range(0, rows.length).filter(i -> fold[i] != k).toArray();
            int[] testPos = java.util.stream.IntStream.range(0, rows.length).filter(i -> fold[i] == k).toArray();
            int[] train = Arrays.stream(trainPos).map(i -> rows[i]).toArray();
            Encoding encoding = Encoding.learn(features, train);
            double[] y = new double[train.length];
            for (int i = 0; i < trainPos.length; i++) {
                y[i] = actual[trainPos[i]] ? 1 : 0;
            }
            double[][] test = new double[testPos.length][encoding.p];
            for (int t = 0; t < testPos.length; t++) {
                encoding.raw(features, rows[testPos[t]], test[t]);
            }
            parts[k] = new Part(encoding, encoding.standardised(features, train), y, testPos, test);
        });
        double[][][] deviance = new double[folds * alphas][][];
        java.util.stream.IntStream.range(0, folds * alphas).parallel().forEach(task -> {
            int k = task / alphas;
            int a = task % alphas;
            Part part = parts[k];
            Encoding encoding = part.encoding();
            // the folds × α paths keep both cores busy: one thread each
            ElasticNet.Path path = ElasticNet.path(part.x(), part.y(), options.alphas().get(a), lambdas[a],
                    options.tolerance(), 100_000, true, false, encoding.dummies());
            double[] d = new double[lambdas[a].length];
            for (int l = 0; l < lambdas[a].length; l++) {
                double[] beta = path.betas()[l];
                double intercept = path.intercepts()[l];
                double[] coef = new double[encoding.p];
                for (int j = 0; j < encoding.p; j++) {
                    coef[j] = beta[j] / encoding.sd[j];
                    intercept -= coef[j] * encoding.mean[j];
                }
                // Only the columns with a coefficient: adding 0 × x leaves η as it is.
                int[] nonzero = java.util.stream.IntStream.range(0, encoding.p).filter(j -> coef[j] != 0).toArray();
                for (int t = 0; t < part.testPos().length; t++) {
                    double eta = intercept;
                    double[] row = part.test()[t];
                    for (int j : nonzero) {
                        eta += coef[j] * row[j];
                    }
                    d[l] += 2 * Irls.logLoss(actual[part.testPos()[t]] ? 1 : 0, eta);
                }
            }
            deviance[task] = new double[][] {d};
        });
        double[][] cv = new double[alphas][];
        for (int a = 0; a < alphas; a++) {
            cv[a] = new double[lambdas[a].length];
            for (int k = 0; k < folds; k++) {
                double[] d = deviance[k * alphas + a][0];
                for (int l = 0; l < d.length; l++) {
                    cv[a][l] += d[l];
                }
            }
        }
        return cv;
    }

    private static double[] appendLast(double[] seq, double last) {
        seq[seq.length - 1] = last;
        return seq;
    }

    /** The coefficient table: the penalised estimates and the refit's Wald intervals, on the original scale. */
    private static List<FittedChurnModel.Coefficient> coefficients(Encoding encoding, double intercept, double[] coef,
                                                                   Irls.Fit refit, Set<Integer> copies) {
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
        int[] position = new int[encoding.p];
        Arrays.fill(position, -1);
        for (int k = 0; k < refit.kept().length; k++) {
            position[refit.kept()[k]] = k;
        }
        Set<Integer> aliased = new java.util.HashSet<>();
        for (int j : refit.aliased()) {
            aliased.add(j);
        }
        double[][] cov = refit.covariance();
        boolean intervals = cov != null && refit.converged();
        List<FittedChurnModel.Coefficient> out = new ArrayList<>();
        // Intercept: β₀ = γ₀ − Σ γₖ mₖ / sₖ, a linear combination of the refit's (γ₀, γ…).
        int q = refit.kept().length + 1;
        double[] a = new double[q];
        a[0] = 1;
        double refitIntercept = refit.intercept();
        for (int k = 0; k < refit.kept().length; k++) {
            int j = refit.kept()[k];
            a[k + 1] = -encoding.mean[j] / encoding.sd[j];
            refitIntercept += a[k + 1] * refit.beta()[k];
        }
        if (intervals) {
            double var = 0;
            for (int r = 0; r < q; r++) {
                for (int c = 0; c < q; c++) {
                    var += a[r] * cov[r][c] * a[c];
                }
            }
            double se = Math.sqrt(var);
            out.add(new FittedChurnModel.Coefficient("(Intercept)", null, null, intercept,
                    new FittedChurnModel.Interval(refitIntercept, se, refitIntercept - z * se,
                            refitIntercept + z * se), null));
        } else {
            out.add(new FittedChurnModel.Coefficient("(Intercept)", null, null, intercept, null,
                    "the refit did not converge"));
        }
        for (int j = 0; j < encoding.p; j++) {
            int f = encoding.featureOf(j);
            Encoding.Feature feature = encoding.features.get(f);
            String level = feature.categorical() ? feature.columns().get(j - encoding.offset[f]).level() : null;
            String term = encoding.term(j);
            if (position[j] >= 0 && intervals) {
                int k = position[j];
                double est = refit.beta()[k] / encoding.sd[j];
                double se = Math.sqrt(cov[k + 1][k + 1]) / encoding.sd[j];
                out.add(new FittedChurnModel.Coefficient(term, feature.name(), level, coef[j],
                        new FittedChurnModel.Interval(est, se, est - z * se, est + z * se), null));
            } else {
                String note = aliased.contains(j) ? "aliased: a linear combination of other columns"
                        : position[j] >= 0 ? "the refit did not converge"
                        : copies.contains(j) ? "a copy of an earlier column, which carries the effect"
                        : "not selected: the penalty set it to 0";
                out.add(new FittedChurnModel.Coefficient(term, feature.name(), level, coef[j], null, note));
            }
        }
        return out;
    }
}
