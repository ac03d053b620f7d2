package io.fidelis.core.churn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's input pipeline, learned from the training rows only and then fixed:
 * <ul>
 * <li><b>numeric</b> feature: one design column; a missing value is replaced by the training median;</li>
 * <li><b>categorical</b> feature: dummy (treatment) coding as R's default contrasts: its levels sorted (numerically
 * when every level is a number, otherwise by text), the first is the reference and gets no column, every other
 * level one 0/1 column. A blank cell is a level of its own when the training data have blanks. A label not seen in
 * training (or a blank when training had none) gets the training means of the feature's columns, so it contributes
 * nothing to the score: it is read as "no information" rather than as the reference level;</li>
 * <li>every design column is standardised with its training mean and population standard deviation (divisor n,
 * as glmnet) for the penalised fit; coefficients are reported per unit of the original column.</li>
 * </ul>
 * A feature that is constant in the training rows (or has no values) gets no column and is listed with its reason.
 */
final class Encoding {
    /** One design column: the level of a categorical feature (null for a numeric one), its training mean and SD. */
    record Column(String level, double mean, double sd) {
    }

    /**
     * One input feature.
     *
     * @param levels   categorical: every training level, the reference first; numeric: empty
     * @param columns  the design columns (numeric: one; categorical: one per level after the reference; none when
     *                 dropped)
     * @param median   numeric: the training median that replaces a missing value
     * @param missing  missing values in the training rows
     * @param dropped  why the feature has no column (constant, no values), or null
     */
    record Feature(String name, boolean categorical, double median, List<String> levels, List<Column> columns,
                   int missing, String dropped) {
        Feature {
            levels = List.copyOf(levels);
            columns = List.copyOf(columns);
        }
    }

    final List<Feature> features;
    final int p;
    final int[] offset;
    final double[] mean;
    final double[] sd;
    private final List<Map<String, Integer>> levelColumn = new ArrayList<>();

    Encoding(List<Feature> features) {
        this.features = List.copyOf(features);
        offset = new int[features.size() + 1];
        for (int f = 0; f < features.size(); f++) {
            offset[f + 1] = offset[f] + features.get(f).columns().size();
        }
        p = offset[features.size()];
        mean = new double[p];
        sd = new double[p];
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            Map<String, Integer> columns = new HashMap<>();
            for (int c = 0; c < feature.columns().size(); c++) {
                Column column = feature.columns().get(c);
                mean[offset[f] + c] = column.mean();
                sd[offset[f] + c] = column.sd();
                if (feature.categorical()) {
                    columns.put(column.level(), offset[f] + c);
                }
            }
            if (feature.categorical()) {
                columns.put(feature.levels().isEmpty() ? null : feature.levels().get(0), -1);
            }
            levelColumn.add(columns);
        }
    }

    /** Learns the pipeline from the given rows (the features on both cores). */
    static Encoding learn(Features data, int[] rows) {
        Feature[] features = new Feature[data.names.size()];
        java.util.stream.IntStream.range(0, features.length).parallel()
                .forEach(f -> features[f] = learn(data, f, rows));
        return new Encoding(List.of(features));
    }

    private static Feature learn(Features data, int f, int[] rows) {
        int n = rows.length;
        String name = data.names.get(f);
        if (data.categorical[f]) {
            // Counted by the labels' codes (one array index a row, not a hash lookup).
            int[] byCode = new int[data.distinct[f].length];
            int[] code = data.codes[f];
            for (int i : rows) {
                byCode[code[i]]++;
            }
            Map<String, int[]> counts = new LinkedHashMap<>();
            int missing = 0;
            for (int c = 0; c < byCode.length; c++) {
                if (byCode[c] > 0) {
                    counts.put(data.distinct[f][c], new int[] {byCode[c]});
                    if (data.distinct[f][c].isEmpty()) {
                        missing = byCode[c];
                    }
                }
            }
            List<String> levels = new ArrayList<>(counts.keySet());
            levels.sort(levelOrder(levels));
            if (levels.size() < 2) {
                return new Feature(name, true, Double.NaN, levels, List.of(), missing,
                        levels.isEmpty() ? "no values" : "one level only (" + display(levels.get(0)) + ")");
            }
            List<Column> columns = new ArrayList<>();
            for (String level : levels.subList(1, levels.size())) {
                double m = (double) counts.get(level)[0] / n;
                columns.add(new Column(level, m, Math.sqrt(m * (1 - m))));
            }
            return new Feature(name, true, Double.NaN, levels, columns, missing, null);
        } else {
            double[] v = new double[n];
            int k = 0;
            for (int i : rows) {
                double x = data.numbers[f][i];
                if (!Double.isNaN(x)) {
                    v[k++] = x;
                }
            }
            int missing = n - k;
            if (k == 0) {
                return new Feature(name, false, Double.NaN, List.of(), List.of(), missing, "no values");
            }
            double median = median(v, k);
            double sum = 0;
            for (int i : rows) {
                double x = data.numbers[f][i];
                sum += Double.isNaN(x) ? median : x;
            }
            double m = sum / n;
            double ss = 0;
            for (int i : rows) {
                double x = data.numbers[f][i];
                double d = (Double.isNaN(x) ? median : x) - m;
                ss += d * d;
            }
            double s = Math.sqrt(ss / n);
            if (!(s > 1e-12 * Math.max(1, Math.abs(m)))) {
                return new Feature(name, false, median, List.of(), List.of(), missing,
                        "constant (" + number(m) + ")");
            }
            return new Feature(name, false, median, List.of(), List.of(new Column(null, m, s)), missing,
                    null);
        }
    }

    /**
     * The median of {@code v[0..k)} (reordering them), as the middle of the sorted values, or the mean of the two
     * middle ones: by selection (Hoare's quickselect with a three-way partition), linear time instead of a sort.
     */
    static double median(double[] v, int k) {
        int mid = k / 2;
        double upper = select(v, k, mid);
        if (k % 2 == 1) {
            return upper;
        }
        double lower = select(v, mid, mid - 1); // the largest of the lower half
        return (lower + upper) / 2;
    }

    /**
     * The {@code target}-th smallest of {@code a[0..to)}; afterwards the values before index {@code target} are no
     * larger than it and those after it no smaller.
     */
    static double select(double[] a, int to, int target) {
        int lo = 0;
        int hi = to - 1;
        while (lo < hi) {
            double x = a[lo];
            double y = a[(lo + hi) >>> 1];
            double z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                double e = a[i];
                if (e < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = e;
                } else if (e > pivot) {
                    a[i] = a[gt];
                    a[gt--] = e;
                } else {
                    i++;
                }
            }
            if (target < lt) {
                hi = lt - 1;
            } else if (target > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[target];
    }

    /** Levels as numbers when they all are, otherwise as text; the blank level last. */
    private static Comparator<String> levelOrder(List<String> levels) {
        boolean numeric = levels.stream().allMatch(l -> l.isEmpty() || Features.isNumber(l));
        Comparator<String> byValue = numeric
                ? Comparator.comparing((String l) -> new BigDecimal(l)).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        return Comparator.comparing(String::isEmpty).thenComparing(byValue);
    }

    /**
     * The design values of a row on the original scale (0/1 dummies, numbers), written into {@code x}.
     *
     * @return whether the row had a label unseen in training or a missing number (for counting), in bit 0 and 1
     */
    int raw(Features data, int row, double[] x) {
        int flags = 0;
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            int from = offset[f];
            int to = offset[f + 1];
            if (from == to) {
                continue;
            }
            if (feature.categorical()) {
                Integer column = levelColumn.get(f).get(data.labels[f][row]);
                if (column == null) {
                    flags |= 1;
                    System.arraycopy(mean, from, x, from, to - from);
                } else {
                    Arrays.fill(x, from, to, 0.0);
                    if (column >= 0) {
                        x[column] = 1.0;
                    }
                }
            } else {
                double v = data.numbers[f][row];
                if (Double.isNaN(v)) {
                    flags |= 2;
                    v = feature.median();
                }
                x[from] = v;
            }
        }
        return flags;
    }

    /** Whether a feature knows this label (categorical features only). */
    boolean knows(int feature, String label) {
        return levelColumn.get(feature).containsKey(label);
    }

    /**
     * The standardised design of the rows, column-major: {@code x[column][row]}; the same values as {@link #raw}.
     * The features on both cores.
     */
    double[][] standardised(Features data, int[] rows) {
        int n = rows.length;
        double[][] x = new double[p][];
        java.util.stream.IntStream.range(0, features.size()).parallel().forEach(f -> {
            Feature feature = features.get(f);
            int from = offset[f];
            int to = offset[f + 1];
            if (from == to) {
                return;
            }
            if (feature.categorical()) {
                // Each label's design column (−1: the reference level, −2: not seen in training).
                String[] labels = data.distinct[f];
                int[] columnOf = new int[labels.length];
                for (int c = 0; c < labels.length; c++) {
                    Integer column = levelColumn.get(f).get(labels[c]);
                    columnOf[c] = column == null ? -2 : column;
                }
                int[] code = data.codes[f];
                for (int j = from; j < to; j++) {
                    double[] col = new double[n];
                    double one = (1.0 - mean[j]) / sd[j];
                    double zero = (0.0 - mean[j]) / sd[j];
                    double unseen = (mean[j] - mean[j]) / sd[j];
                    for (int k = 0; k < n; k++) {
                        int c = columnOf[code[rows[k]]];
                        col[k] = c == j ? one : c == -2 ? unseen : zero;
                    }
                    x[j] = col;
                }
            } else {
                double[] values = data.numbers[f];
                double median = feature.median();
                double[] col = new double[n];
                for (int k = 0; k < n; k++) {
                    double v = values[rows[k]];
                    col[k] = ((Double.isNaN(v) ? median : v) - mean[from]) / sd[from];
                }
                x[from] = col;
            }
        });
        return x;
    }

    /** The design columns {@code [from, to)} of each categorical feature with columns: its dummies. */
    int[][] dummies() {
        List<int[]> ranges = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            if (features.get(f).categorical() && offset[f + 1] > offset[f]) {
                ranges.add(new int[] {offset[f], offset[f + 1]});
            }
        }
        return ranges.toArray(int[][]::new);
    }

    /** The name of a design column: {@code tenure}, {@code Contract=One year}. */
    String term(int column) {
        int f = featureOf(column);
        Feature feature = features.get(f);
        return feature.categorical() ? feature.name() + "=" + display(feature.columns().get(column - offset[f])
                .level()) : feature.name();
    }

    int featureOf(int column) {
        for (int f = 0; f < features.size(); f++) {
            if (column < offset[f + 1]) {
                return f;
            }
        }
        throw new IndexOutOfBoundsException(column);
    }

    /** A level as shown to people: the blank level is {@code (blank)}. */
    static String display(String level) {
        return level.isEmpty() ? "(blank)" : level;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
