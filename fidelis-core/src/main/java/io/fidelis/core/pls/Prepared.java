package io.fidelis.core.pls;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's items taken from the data in layout order, after the chosen missing-value handling, with their means,
 * population standard deviations (divisor N) and ranges. Checked: every item is a column, no zero variance.
 */
final class Prepared {
    final int n;
    final int p;
    /** values[i][r]: item i, respondent r (column-major). */
    final double[][] values;
    final double[] mean;
    final double[] sd;
    final double[] min;
    final double[] max;
    /** The data rows kept (all unless casewise deletion dropped some), 0-based. */
    final int[] rows;
    final int imputed;

    private Prepared(double[][] values, int[] rows, int imputed, Layout layout) {
        this.values = values;
        this.p = values.length;
        this.n = rows.length;
        this.rows = rows;
        this.imputed = imputed;
        this.mean = new double[p];
        this.sd = new double[p];
        this.min = new double[p];
        this.max = new double[p];
        if (n < 3) {
            throw new IllegalArgumentException("too few respondents to fit: " + n + " (need at least 3)");
        }
        for (int i = 0; i < p; i++) {
            double[] x = values[i];
            double min = x[0];
            double max = x[0];
            double sum = 0;
            for (double v : x) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (min == max) {
                throw zeroVariance(layout.items.get(i), min);
            }
            double m = sum / n;
            double ss = 0;
            for (double v : x) {
                ss += (v - m) * (v - m);
            }
            mean[i] = m;
            sd[i] = Math.sqrt(ss / n);
            this.min[i] = min;
            this.max[i] = max;
        }
    }

    static IllegalArgumentException zeroVariance(String item, double value) {
        String shown = value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
        return new IllegalArgumentException("item " + item + " has zero variance: every answer is " + shown);
    }

    static Prepared of(PlsData data, Layout layout, PlsPm.MissingValues missing) {
        List<String> absent = new ArrayList<>();
        for (String item : layout.items) {
            if (!data.has(item)) {
                absent.add(item + " (block " + layout.constructs.get(layout.blockOf[layout.items.indexOf(item)])
                        + ")");
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("the data have no column for item " + String.join(", ", absent)
                    + "; columns are " + data.names());
        }
        int n = data.rows();
        double[][] columns = new double[layout.p][];
        int missingCount = 0;
        int firstRow = -1;
        String firstItem = null;
        boolean[] incomplete = new boolean[n];
        for (int i = 0; i < layout.p; i++) {
            columns[i] = data.columnRef(layout.items.get(i));
            for (int r = 0; r < n; r++) {
                if (Double.isNaN(columns[i][r])) {
                    missingCount++;
                    incomplete[r] = true;
                    if (firstItem == null || r < firstRow) {
                        firstRow = r;
                        firstItem = layout.items.get(i);
                    }
                }
            }
        }
        int[] all = new int[n];
        for (int r = 0; r < n; r++) {
            all[r] = r;
        }
        if (missingCount == 0) {
            double[][] copy = new double[layout.p][];
            for (int i = 0; i < layout.p; i++) {
                copy[i] = columns[i].clone();
            }
            return new Prepared(copy, all, 0, layout);
        }
        switch (missing) {
            case CASEWISE_DELETION -> {
                int kept = 0;
                for (boolean b : incomplete) {
                    kept += b ? 0 : 1;
                }
                int[] rows = new int[kept];
                double[][] out = new double[layout.p][kept];
                for (int r = 0, m = 0; r < n; r++) {
                    if (!incomplete[r]) {
                        rows[m] = r;
                        for (int i = 0; i < layout.p; i++) {
                            out[i][m] = columns[i][r];
                        }
                        m++;
                    }
                }
                return new Prepared(out, rows, 0, layout);
            }
            case MEAN_REPLACEMENT -> {
                double[][] out = new double[layout.p][];
                for (int i = 0; i < layout.p; i++) {
                    double sum = 0;
                    int count = 0;
                    for (double v : columns[i]) {
                        if (!Double.isNaN(v)) {
                            sum += v;
                            count++;
                        }
                    }
                    if (count == 0) {
                        throw new IllegalArgumentException("item " + layout.items.get(i)
                                + " has no answers to replace its missing values by");
                    }
                    out[i] = columns[i].clone();
                    for (int r = 0; r < n; r++) {
                        if (Double.isNaN(out[i][r])) {
                            out[i][r] = sum / count;
                        }
                    }
                }
                return new Prepared(out, all, missingCount, layout);
            }
            default -> throw new IllegalArgumentException(missingCount + " missing answer"
                    + (missingCount == 1 ? "" : "s") + " (NaN) in the model's items, the first in row "
                    + (firstRow + 1) + ", item " + firstItem + ": choose MissingValues.MEAN_REPLACEMENT or"
                    + " CASEWISE_DELETION in PlsPm.Options");
        }
    }

    /** The item covariance matrix (divisor N) of the standardised items (the correlation matrix) or centred ones. */
    double[][] covariance(boolean scaled) {
        double[][] centred = new double[p][n];
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < n; r++) {
                centred[i][r] = values[i][r] - mean[i];
            }
        }
        double[][] s = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double v = 0;
                double[] a = centred[i];
                double[] b = centred[j];
                for (int r = 0; r < n; r++) {
                    v += a[r] * b[r];
                }
                v /= n;
                if (scaled) {
                    v = i == j ? 1 : v / (sd[i] * sd[j]);
                }
                s[i][j] = v;
                s[j][i] = v;
            }
        }
        return s;
    }

    /** The data as the algorithm sees them: standardised (population SD) or centred. */
    double metric(int i, int r, boolean scaled) {
        double v = values[i][r] - mean[i];
        return scaled ? v / sd[i] : v;
    }
}
