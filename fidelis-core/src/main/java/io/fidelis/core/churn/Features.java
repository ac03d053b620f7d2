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
    /** Categorical columns: each row's label as an index into {@link #distinct}, for counting and encoding. */
    final int[][] codes;
    /** Categorical columns: the distinct labels in the order first seen. */
    final String[][] distinct;
    final int rows;

    private Features(List<String> names, boolean[] categorical, double[][] numbers, String[][] labels, int rows) {
        this.names = names;
        this.categorical = categorical;
        this.numbers = numbers;
        this.labels = labels;
        this.rows = rows;
        codes = new int[names.size()][];
        distinct = new String[names.size()][];
        java.util.stream.IntStream.range(0, names.size()).parallel().forEach(f -> {
            if (labels[f] == null) {
                return;
            }
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            List<String> order = new java.util.ArrayList<>();
            int[] code = new int[rows];
            String[] cells = labels[f];
            int touched = 0;
            for (int i = 0; i < rows; i++) {
                if (i == touched) {
                    touched = touch(cells, i);
                }
                Integer c = seen.get(cells[i]);
                if (c == null) {
                    c = order.size();
                    seen.put(cells[i], c);
                    order.add(cells[i]);
                }
                code[i] = c;
            }
            codes[f] = code;
            distinct[f] = order.toArray(String[]::new);
        });
    }

    static boolean isNumber(String s) {
        return plainDecimal(s) && Double.isFinite(parse(s));
    }

    /**
     * Whether the text matches {@link #NUMBER} (the same language, checked without the regular expression engine,
     * which took most of the time of reading a million rows; {@code FeaturesTest} compares the two).
     */
    static boolean plainDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The value of a text that {@link #plainDecimal} accepts, exactly as {@link Double#parseDouble}: short decimals
     * without exponent (at most 15 digits and at most 22 after the point) are an exact integer divided by an exact
     * power of ten, one correctly rounded division, which is the correctly rounded value; anything else goes to
     * {@code Double.parseDouble}.
     */
    static double parse(String s) {
        int n = s.length();
        if (n <= 16) {
            int i = 0;
            boolean negative = false;
            if (s.charAt(0) == '+' || s.charAt(0) == '-') {
                negative = s.charAt(0) == '-';
                i++;
            }
            long mantissa = 0;
            int digits = 0;
            int scale = -1;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c == '.' && scale < 0) {
                    scale = 0;
                } else if (c >= '0' && c <= '9') {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    if (scale >= 0) {
                        scale++;
                    }
                } else {
                    return Double.parseDouble(s);
                }
            }
            if (digits > 0 && digits <= 15) {
                double v = scale <= 0 ? (double) mantissa : mantissa / POWERS[scale];
                return negative ? -v : v;
            }
        }
        return Double.parseDouble(s);
    }

    private static final double[] POWERS = new double[23];

    static {
        POWERS[0] = 1;
        for (int k = 1; k < POWERS.length; k++) {
            POWERS[k] = POWERS[k - 1] * 10;
        }
    }

    /**
     * A column's values when every non-blank cell is a number ({@code NaN} where blank), otherwise null: the test of
     * {@link #numeric} and the parsing of {@link #parse} in one pass.
     */
    static double[] numbers(String[] cells) {
        double[] v = new double[cells.length];
        int touched = 0;
        for (int i = 0; i < cells.length; i++) {
            if (i == touched) {
                touched = touch(cells, i);
            }
            String c = cells[i];
            if (c.isEmpty()) {
                v[i] = Double.NaN;
            } else if (!plainDecimal(c) || !Double.isFinite(v[i] = parse(c))) {
                return null;
            }
        }
        return v;
    }

    /** Cells per block of {@link #touch}. */
    private static final int TOUCH = 256;

    /**
     * Reads the length of the next cells, from {@code from} on, in a loop without branches, so that the processor
     * fetches their text from memory side by side rather than one cell at a time while parsing (the cells of a
     * large table are scattered over the heap); returns where the block ends.
     */
    static int touch(String[] cells, int from) {
        int to = Math.min(cells.length, from + TOUCH);
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += cells[i].length();
        }
        touchSink = sum;
        return to;
    }

    @SuppressWarnings("unused")
    private static volatile int touchSink;

    /**
     * Parses the columns with the given kinds.
     *
     * @throws ChurnDataException when a column is absent, or a cell of a numeric column is not a number (naming
     *                            the file, line and field)
     */
    static Features parse(ChurnData data, List<String> names, boolean[] categorical) {
        return parse(data, names, categorical, new double[names.size()][]);
    }

    /**
     * Parses the columns with the given kinds, the numeric ones not already given in {@code parsed}; the columns on
     * both cores (the first problem in column order is reported, as when parsed one after another).
     */
    static Features parse(ChurnData data, List<String> names, boolean[] categorical, double[][] parsed) {
        int n = data.rows();
        for (String name : names) {
            if (!data.has(name)) {
                throw new ChurnDataException(data.source() + ": no column " + name + " (the model needs "
                        + String.join(", ", names) + ")");
            }
        }
        double[][] numbers = new double[names.size()][];
        String[][] labels = new String[names.size()][];
        ChurnDataException[] problems = new ChurnDataException[names.size()];
        java.util.stream.IntStream.range(0, names.size()).parallel().forEach(f -> {
            String name = names.get(f);
            String[] cells = data.columnRef(name);
            if (categorical[f]) {
                labels[f] = cells;
                return;
            }
            if (parsed[f] != null) {
                numbers[f] = parsed[f];
                return;
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                String c = cells[i];
                if (c.isEmpty()) {
                    v[i] = Double.NaN;
                } else if (!plainDecimal(c) || !Double.isFinite(v[i] = parse(c))) {
                    problems[f] = new ChurnDataException(data.where(i) + ": field '" + name + "': not a number: '"
                            + c + "' (the column is numeric in the model)");
                    return;
                }
            }
            numbers[f] = v;
        });
        for (ChurnDataException problem : problems) {
            if (problem != null) {
                throw problem;
            }
        }
        return new Features(List.copyOf(names), categorical.clone(), numbers, labels, n);
    }
}
