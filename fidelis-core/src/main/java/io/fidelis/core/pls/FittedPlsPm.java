package io.fidelis.core.pls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.core.pls.PlsModel.Path;

/**
 * A fitted PLS path model: outer weights and loadings, path coefficients, R², total effects, construct scores,
 * quality measures, the 0–100 indices and the importance-performance map. Immutable; maps iterate in model order.
 *
 * <p>Weights are reported as plspm 0.5.1 reports them: standardised (for standardised items) when the fit was
 * {@linkplain PlsPm.Options#scaled() scaled}, in the items' own metric otherwise; either way each construct score
 * Σ w·x (over standardised or centred items) has variance 1. Loadings are always correlations.
 */
public final class FittedPlsPm {
    private final Layout layout;
    private final PlsPm.Options options;
    private final Prepared prepared;
    private final double[][] s;
    private final Estimation.Estimate estimate;
    private final Estimation.Inner inner;
    /** cross[i][b] = corr(item i, score b). */
    private final double[][] cross;

    FittedPlsPm(Layout layout, PlsPm.Options options, Prepared prepared, double[][] s, Estimation.Estimate estimate) {
        this.layout = layout;
        this.options = options;
        this.prepared = prepared;
        this.s = s;
        this.estimate = estimate;
        this.inner = Estimation.inner(estimate.correlation(), layout);
        this.cross = crossLoadings(s, estimate, layout);
    }

    static double[][] crossLoadings(double[][] s, Estimation.Estimate estimate, Layout layout) {
        double[][] out = new double[layout.p][layout.k];
        for (int i = 0; i < layout.p; i++) {
            double f = 1 / Math.sqrt(s[i][i]);
            for (int b = 0; b < layout.k; b++) {
                out[i][b] = estimate.itemScore()[i][b] * f;
            }
        }
        return out;
    }

    public PlsModel model() {
        return layout.model;
    }

    public PlsPm.Options options() {
        return options;
    }

    /** Whether the outer weights converged within {@link PlsPm.Options#maxIterations()}. */
    public boolean converged() {
        return estimate.converged();
    }

    /** The number of outer-weight updates made (plspm's {@code iter}). */
    public int iterations() {
        return estimate.iterations();
    }

    /** The respondents the fit used (fewer than the data's rows after casewise deletion). */
    public int respondents() {
        return prepared.n;
    }

    /** The 0-based data rows the fit used, in order: the rows of {@link #scores(String)}. */
    public int[] rowsUsed() {
        return prepared.rows.clone();
    }

    /** The number of missing answers replaced by the item mean. */
    public int imputedValues() {
        return prepared.imputed;
    }

    /** The path coefficients (OLS of each endogenous score on its predecessors' scores), in model order. */
    public Map<Path, Double> pathCoefficients() {
        Map<Path, Double> out = new LinkedHashMap<>();
        for (Path p : layout.model.paths()) {
            out.put(p, inner.coef()[layout.construct(p.from())][layout.construct(p.to())]);
        }
        return Collections.unmodifiableMap(out);
    }

    public double pathCoefficient(String from, String to) {
        Double v = pathCoefficients().get(new Path(from, to));
        if (v == null) {
            throw new IllegalArgumentException("the model has no path " + new Path(from, to));
        }
        return v;
    }

    /** R² of each endogenous construct. */
    public Map<String, Double> rSquared() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int b : layout.endogenous) {
            out.put(layout.constructs.get(b), inner.r2()[b]);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The total effect (direct plus indirect: the sum over all directed routes of the products of the path
     * coefficients) of every construct on every construct it reaches.
     */
    public Map<Path, Double> totalEffects() {
        Map<Path, Double> out = new LinkedHashMap<>();
        boolean[][] reach = reach(layout);
        for (int a = 0; a < layout.k; a++) {
            for (int b = 0; b < layout.k; b++) {
                if (reach[a][b]) {
                    out.put(new Path(layout.constructs.get(a), layout.constructs.get(b)), inner.total()[a][b]);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The total effect of one construct on another; 0 when no directed route joins them. */
    public double totalEffect(String from, String to) {
        return inner.total()[layout.construct(from)][layout.construct(to)];
    }

    static boolean[][] reach(Layout layout) {
        boolean[][] reach = new boolean[layout.k][layout.k];
        for (int a = 0; a < layout.k; a++) {
            for (int b : layout.successors[a]) {
                reach[a][b] = true;
            }
        }
        for (int m = 0; m < layout.k; m++) { // Warshall
            for (int a = 0; a < layout.k; a++) {
                if (reach[a][m]) {
                    for (int b = 0; b < layout.k; b++) {
                        reach[a][b] |= reach[m][b];
                    }
                }
            }
        }
        return reach;
    }

    /** The outer weights by item (standardised when scaled, in the item metric otherwise; see the class comment). */
    public Map<String, Double> outerWeights() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < layout.p; i++) {
            out.put(layout.items.get(i), estimate.weights()[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The outer loadings: the correlation of each item with its own construct's score. */
    public Map<String, Double> outerLoadings() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < layout.p; i++) {
            out.put(layout.items.get(i), cross[i][layout.blockOf[i]]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The correlation of every item with every construct score: item → construct → correlation. */
    public Map<String, Map<String, Double>> crossLoadings() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < layout.p; i++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int b = 0; b < layout.k; b++) {
                row.put(layout.constructs.get(b), cross[i][b]);
            }
            out.put(layout.items.get(i), Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The construct score correlations. */
    public double scoreCorrelation(String a, String b) {
        return estimate.correlation()[layout.construct(a)][layout.construct(b)];
    }

    /**
     * The construct scores of the respondents in {@link #rowsUsed()}: Σ w·x over the standardised (scaled) or
     * centred items, mean 0 and variance 1 (divisor N), as plspm's {@code scores}.
     */
    public double[] scores(String construct) {
        int b = layout.construct(construct);
        double[] out = new double[prepared.n];
        boolean scaled = options.scaled();
        for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
            double w = estimate.weights()[i];
            for (int r = 0; r < prepared.n; r++) {
                out[r] += w * prepared.metric(i, r, scaled);
            }
        }
        return out;
    }

    /**
     * Reliability and validity of each block: Cronbach's alpha, composite reliability and AVE. See
     * {@link ConstructQuality}.
     */
    public Map<String, ConstructQuality> quality() {
        Map<String, ConstructQuality> out = new LinkedHashMap<>();
        for (int b = 0; b < layout.k; b++) {
            int from = layout.start[b];
            int to = layout.start[b + 1];
            int q = to - from;
            double trace = 0;
            double sum = 0;
            double lambda = 0;
            double lambda2 = 0;
            for (int i = from; i < to; i++) {
                trace += s[i][i];
                for (int j = from; j < to; j++) {
                    sum += s[i][j];
                }
                double l = cross[i][b];
                lambda += l;
                lambda2 += l * l;
            }
            double alpha = q == 1 ? 1 : q / (q - 1.0) * (1 - trace / sum);
            double rho = lambda * lambda / (lambda * lambda + (q - lambda2));
            out.put(layout.constructs.get(b), new ConstructQuality(q, alpha, rho, lambda2 / q));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The heterotrait-monotrait ratio of correlations (Henseler, Ringle &amp; Sarstedt 2015, JAMS 43:115–135) of two
     * constructs: the mean correlation between their items over the geometric mean of the mean correlations within
     * each block. A single-item block's within-block correlation is taken as 1. NaN when a block's mean
     * within-block correlation is not positive (the ratio is undefined). Values above 0.85–0.90 suggest the two
     * constructs are not distinct.
     */
    public double htmt(String a, String b) {
        int x = layout.construct(a);
        int y = layout.construct(b);
        if (x == y) {
            throw new IllegalArgumentException("HTMT is between two different constructs, got " + a + " twice");
        }
        double hetero = 0;
        for (int i = layout.start[x]; i < layout.start[x + 1]; i++) {
            for (int j = layout.start[y]; j < layout.start[y + 1]; j++) {
                hetero += correlation(i, j);
            }
        }
        hetero /= (layout.start[x + 1] - layout.start[x]) * (layout.start[y + 1] - layout.start[y]);
        double mono = monotrait(x) * monotrait(y);
        return mono > 0 ? hetero / Math.sqrt(mono) : Double.NaN;
    }

    /** {@link #htmt(String, String)} for every pair of constructs, the first before the second in model order. */
    public Map<String, Map<String, Double>> htmt() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int a = 0; a < layout.k; a++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int b = a + 1; b < layout.k; b++) {
                row.put(layout.constructs.get(b), htmt(layout.constructs.get(a), layout.constructs.get(b)));
            }
            out.put(layout.constructs.get(a), Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableMap(out);
    }

    private double correlation(int i, int j) {
        return s[i][j] / Math.sqrt(s[i][i] * s[j][j]);
    }

    private double monotrait(int b) {
        int from = layout.start[b];
        int to = layout.start[b + 1];
        if (to - from == 1) {
            return 1;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                sum += correlation(i, j);
            }
        }
        return sum / ((to - from) * (to - from - 1) / 2.0);
    }

    /**
     * The goodness of fit as plspm 0.5.1 computes it (Tenenhaus et al. 2004): √(mean communality × mean R²), the
     * communalities (squared loadings) averaged over the items of the blocks with more than one item (over all items
     * when every block has one), R² over the endogenous constructs.
     */
    public double goodnessOfFit() {
        double communality = 0;
        int count = 0;
        boolean anyMultiItem = layout.p > layout.k;
        for (int b = 0; b < layout.k; b++) {
            if (layout.start[b + 1] - layout.start[b] > 1 || !anyMultiItem) {
                for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
                    communality += cross[i][b] * cross[i][b];
                    count++;
                }
            }
        }
        double r2 = 0;
        for (int b : layout.endogenous) {
            r2 += inner.r2()[b];
        }
        return Math.sqrt(communality / count * r2 / layout.endogenous.length);
    }

    /** {@link #index(IndexWeighting, double, double)} on a 1–10 answer scale. */
    public Map<String, Double> index(IndexWeighting weighting) {
        return index(weighting, 1, 10);
    }

    /**
     * The 0–100 index of each construct, the ACSI/ECSI form Σ w̃ᵢ (x̄ᵢ − min)/(max − min) · 100 with the item means
     * x̄ᵢ and weights w̃ chosen by {@code weighting}, normalised to sum to 1: the mean of
     * {@link #respondentIndex(String, IndexWeighting, double, double)}.
     *
     * @param min the lowest possible answer (1 on a 1–10 scale); every answer must lie in [min, max]
     * @param max the highest possible answer
     * @throws IllegalStateException when a block's weights do not sum to a positive value (an item with a strongly
     *                               negative weight, which usually means it is coded the other way round)
     */
    public Map<String, Double> index(IndexWeighting weighting, double min, double max) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int b = 0; b < layout.k; b++) {
            double[] w = indexWeights(b, weighting, min, max);
            double v = 0;
            for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
                v += w[i - layout.start[b]] * (prepared.mean[i] - min) / (max - min) * 100;
            }
            out.put(layout.constructs.get(b), v);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Each respondent's 0–100 index of a construct (plspm's {@code rescale()} for {@link IndexWeighting#PLSPM}). */
    public double[] respondentIndex(String construct, IndexWeighting weighting, double min, double max) {
        int b = layout.construct(construct);
        double[] w = indexWeights(b, weighting, min, max);
        double[] out = new double[prepared.n];
        for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
            double wi = w[i - layout.start[b]] / (max - min) * 100;
            double[] x = prepared.values[i];
            for (int r = 0; r < prepared.n; r++) {
                out[r] += wi * (x[r] - min);
            }
        }
        return out;
    }

    /** The normalised index weights of block b. */
    private double[] indexWeights(int b, IndexWeighting weighting, double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("the answer scale needs min < max, got " + min + " and " + max);
        }
        int from = layout.start[b];
        int to = layout.start[b + 1];
        double[] w = new double[to - from];
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (prepared.min[i] < min || prepared.max[i] > max) {
                throw new IllegalArgumentException("item " + layout.items.get(i) + " has answers from "
                        + prepared.min[i] + " to " + prepared.max[i] + ", outside the scale " + min + " to " + max);
            }
            w[i - from] = switch (weighting) {
                case ITEM_METRIC -> itemMetricWeight(i);
                case PLSPM -> estimate.weights()[i];
                case EQUAL -> 1;
            };
            sum += w[i - from];
        }
        if (!(sum > 0)) {
            throw new IllegalStateException("the weights of block " + layout.constructs.get(b) + " sum to " + sum
                    + ", so its 0–100 index is undefined; is an item coded the other way round?");
        }
        for (int m = 0; m < w.length; m++) {
            w[m] /= sum;
        }
        return w;
    }

    /** The weight of item i on its raw answers: score = Σ u·(x − x̄). */
    private double itemMetricWeight(int i) {
        return options.scaled() ? estimate.weights()[i] / prepared.sd[i] : estimate.weights()[i];
    }

    /** {@link #ipma(String, double, double)} on a 1–10 answer scale. */
    public Ipma ipma(String target) {
        return ipma(target, 1, 10);
    }

    /**
     * The importance-performance map for a target construct (Ringle &amp; Sarstedt 2016, "Gain more insight from
     * your PLS-SEM results: the importance-performance map analysis", IMDS 116:1865–1886), on the
     * {@link IndexWeighting#ITEM_METRIC} 0–100 scale.
     *
     * <p>Performance is the 0–100 index. Importance is the unstandardised total effect on the target's 0–100
     * score: because every 0–100 score is a linear function of the standardised score (sd_b = 100 / ((max − min)
     * Σ u), with u the item-metric weights), it is the standardised total effect × sd_target / sd_construct — the
     * points the target gains when the construct gains one point. An item's importance is its normalised item-metric
     * weight × its construct's importance (a one-point gain in the item raises the construct by w̃ points); its
     * performance is the item mean on 0–100. Items of the target itself are left out.
     */
    public Ipma ipma(String target, double min, double max) {
        int t = layout.construct(target);
        boolean[][] reach = reach(layout);
        Map<String, Double> performance = index(IndexWeighting.ITEM_METRIC, min, max);
        double sdTarget = rescaledSd(t, min, max);
        List<Ipma.ConstructPoint> constructs = new ArrayList<>();
        List<Ipma.ItemPoint> items = new ArrayList<>();
        for (int b = 0; b < layout.k; b++) {
            if (!reach[b][t]) {
                continue;
            }
            String name = layout.constructs.get(b);
            double total = inner.total()[b][t];
            double importance = total * sdTarget / rescaledSd(b, min, max);
            constructs.add(new Ipma.ConstructPoint(name, importance, total, performance.get(name)));
            double[] w = indexWeights(b, IndexWeighting.ITEM_METRIC, min, max);
            for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
                items.add(new Ipma.ItemPoint(layout.items.get(i), name, w[i - layout.start[b]] * importance,
                        (prepared.mean[i] - min) / (max - min) * 100));
            }
        }
        if (constructs.isEmpty()) {
            throw new IllegalArgumentException("no construct has an effect on " + target);
        }
        return new Ipma(target, performance.get(target), constructs, items);
    }

    /** The standard deviation of a construct's 0–100 item-metric score. */
    private double rescaledSd(int b, double min, double max) {
        double sum = 0;
        for (int i = layout.start[b]; i < layout.start[b + 1]; i++) {
            sum += itemMetricWeight(i);
        }
        return 100 / ((max - min) * sum);
    }

    Estimation.Estimate estimate() {
        return estimate;
    }

    Estimation.Inner inner() {
        return inner;
    }

    double[][] cross() {
        return cross;
    }

    Layout layout() {
        return layout;
    }

    Prepared prepared() {
        return prepared;
    }
}
