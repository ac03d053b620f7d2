package io.fidelis.core.churn;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The model's input columns of a data set, parsed once with fixed kinds: a numeric column as numbers ({@code NaN}
 * where missing), a categorical column as its labels ({@code ""} where missing). Package-private.
 */
final class Features {
    /** A plain decimal: {@code 7}, {@code -1.5}, {@code .5}, {@code 1e3}; no hex, no {@code NaN}, no suffixes. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    final List<String> names;
    final boolean[] categorical;
    final double[][] numbers;
    final String[][] labels;
    final int rows;

    private Features(List<String> names, boolean[] categorical, double[][] numbers, String[][] labels, int rows) {
        this.names = names;
        this.categorical = categorical;
        this.numbers = numbers;
        this.labels = labels;
        this.rows = rows;
    }

    /** Whether every non-blank cell of the column is a number (a column of blanks only counts as numeric). */
    static boolean numeric(String[] cells) {
        for (String c : cells) {
            if (!c.isEmpty() && !isNumber(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean isNumber(String s) {
        if (!NUMBER.matcher(s).matches()) {
            return false;
        }
        return Double.isFinite(Double.parseDouble(s));
    }

    /**
     * Parses the columns with the given kinds.
     *
     * @throws ChurnDataException when a column is absent, or a cell of a numeric column is not a number (naming
     *                            the file, line and field)
     */
    static Features parse(ChurnData data, List<String> names, boolean[] categorical) {
        int n = data.rows();
        double[][] numbers = new double[names.size()][];
        String[][] labels = new String[names.size()][];
        for (int f = 0; f < names.size(); f++) {
            String name = names.get(f);
            if (!data.has(name)) {
                throw new ChurnDataException(data.source() + ": no column " + name + " (the model needs "
                        + String.join(", ", names) + ")");
            }
            String[] cells = data.columnRef(name);
            if (categorical[f]) {
                labels[f] = cells;
                continue;
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                String c = cells[i];
                if (c.isEmpty()) {
                    v[i] = Double.NaN;
                } else if (isNumber(c)) {
                    v[i] = Double.parseDouble(c);
                } else {
                    throw new ChurnDataException(data.where(i) + ": field '" + name + "': not a number: '" + c
                            + "' (the column is numeric in the model)");
                }
            }
            numbers[f] = v;
        }
        return new Features(List.copyOf(names), categorical.clone(), numbers, labels, n);
    }
}
