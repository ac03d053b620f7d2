package io.fidelis.core.pls;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Survey answers for a PLS fit: named columns (items) of equal length, one row per respondent. A missing answer is
 * {@code NaN}; how it is handled is chosen in {@link PlsPm.Options#missingValues()}. Infinite values are rejected.
 * Columns the model does not use are ignored. Immutable (the arrays are copied in and out).
 */
public final class PlsData {
    private final List<String> names;
    private final double[][] columns;
    private final Map<String, Integer> index = new HashMap<>();

    private PlsData(List<String> names, double[][] columns) {
        this.names = List.copyOf(names);
        this.columns = columns;
        for (int j = 0; j < this.names.size(); j++) {
            if (index.put(this.names.get(j), j) != null) {
                throw new IllegalArgumentException("column " + this.names.get(j) + " is given twice");
            }
        }
    }

    /** From rows: {@code rows[respondent][item]}, items in the order of {@code names}. */
    public static PlsData ofRows(List<String> names, double[][] rows) {
        double[][] columns = new double[names.size()][rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != names.size()) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + rows[i].length + " values for "
                        + names.size() + " columns");
            }
            for (int j = 0; j < names.size(); j++) {
                columns[j][i] = check(rows[i][j], names.get(j), i);
            }
        }
        return new PlsData(names, columns);
    }

    /** From columns: {@code columns[item][respondent]}, items in the order of {@code names}. */
    public static PlsData ofColumns(List<String> names, double[][] columns) {
        if (columns.length != names.size()) {
            throw new IllegalArgumentException(columns.length + " columns for " + names.size() + " names");
        }
        double[][] copy = new double[columns.length][];
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != columns[0].length) {
                throw new IllegalArgumentException("column " + names.get(j) + " has " + columns[j].length
                        + " values, column " + names.get(0) + " has " + columns[0].length);
            }
            copy[j] = columns[j].clone();
            for (int i = 0; i < copy[j].length; i++) {
                check(copy[j][i], names.get(j), i);
            }
        }
        return new PlsData(names, copy);
    }

    private static double check(double v, String name, int row) {
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("item " + name + ", row " + (row + 1) + ": infinite value");
        }
        return v;
    }

    public List<String> names() {
        return names;
    }

    public int rows() {
        return columns.length == 0 ? 0 : columns[0].length;
    }

    /** A copy of one column. */
    public double[] column(String name) {
        return columnRef(name).clone();
    }

    /** The column itself, for reading only. */
    double[] columnRef(String name) {
        Integer j = index.get(name);
        if (j == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return columns[j];
    }

    boolean has(String name) {
        return index.containsKey(name);
    }
}
