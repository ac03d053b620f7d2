package io.fidelis.app.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.core.csv.CsvScanner;
import io.fidelis.core.csv.Decompressing;
import io.fidelis.core.pls.PlsData;

/**
 * Survey answers for {@code fidelis satisfaction-index} (and {@code fidelis bench pls}) from a CSV file with a header,
 * plain or gzipped: the columns named as the model's items, in any order; other columns are ignored. An empty cell
 * is a missing answer ({@code NaN}); anything else must be a plain decimal number ({@code 7}, {@code 7.5},
 * {@code -1}, {@code 1e1}). Every problem is reported with the file, the line and the column.
 */
final class SurveyCsv {
    private SurveyCsv() {
    }

    /** A problem with the file's content, reported as {@code file:line: column X: reason}. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * The answers read.
     *
     * @param data    the model's items as columns, in the order asked for
     * @param missing the number of empty cells (missing answers) in them
     */
    record Survey(PlsData data, int missing) {
        int respondents() {
            return data.rows();
        }
    }

    /**
     * Reads the items' columns.
     *
     * @param items        the column names to read (the model's items), matched exactly
     * @param allowMissing false: the first empty cell is an error naming its line and column
     * @param min          the lowest valid answer, or NaN for no check
     * @param max          the highest valid answer, or NaN for no check
     * @throws Invalid                         when a column is absent, a cell is not a number or outside the scale, a
     *                                         cell is empty and missing answers are not allowed, a row has another
     *                                         number of fields than the header, or the quoting is malformed
     * @throws java.nio.file.NoSuchFileException when there is no such file
     */
    static Survey read(Path file, List<String> items, boolean allowMissing, double min, double max)
            throws IOException, Invalid {
        try (CsvScanner csv = new CsvScanner(Decompressing.ifGzip(new BufferedInputStream(Files.newInputStream(file),
                1 << 16)))) {
            if (!csv.next()) {
                throw new Invalid(file + ": the file is empty (expected a header naming the items)");
            }
            int width = csv.fields();
            Map<String, Integer> header = new HashMap<>();
            List<String> names = new ArrayList<>();
            for (int f = 0; f < width; f++) {
                String name = csv.string(f);
                names.add(name);
                Integer before = header.put(name, f);
                if (before != null && items.contains(name)) {
                    throw new Invalid(file + ":1: column " + name + " is in the header twice (fields " + (before + 1)
                            + " and " + (f + 1) + ")");
                }
            }
            List<String> absent = new ArrayList<>();
            int[] field = new int[items.size()];
            for (int i = 0; i < items.size(); i++) {
                Integer f = header.get(items.get(i));
                if (f == null) {
                    absent.add(items.get(i));
                } else {
                    field[i] = f;
                }
            }
            if (!absent.isEmpty()) {
                throw new Invalid(file + ": no column for item" + (absent.size() == 1 ? " " : "s ")
                        + String.join(", ", absent) + " of the model; the header has " + String.join(",", names));
            }
            double[][] columns = new double[items.size()][256];
            int rows = 0;
            int missing = 0;
            while (csv.next()) {
                if (csv.emptyLine()) {
                    continue;
                }
                if (csv.fields() != width) {
                    throw new Invalid(file + ":" + csv.line() + ": " + csv.fields() + " fields, the header has "
                            + width);
                }
                if (rows == columns[0].length) {
                    for (int i = 0; i < columns.length; i++) {
                        columns[i] = Arrays.copyOf(columns[i], rows * 2);
                    }
                }
                for (int i = 0; i < field.length; i++) {
                    int f = field[i];
                    double v;
                    if (csv.blank(f)) {
                        if (!allowMissing) {
                            throw new Invalid(file + ":" + csv.line() + ": column " + items.get(i)
                                    + ": empty (a missing answer); choose --missing mean or --missing casewise to"
                                    + " allow missing answers");
                        }
                        v = Double.NaN;
                        missing++;
                    } else {
                        if (!plainNumber(csv, f)) {
                            throw new Invalid(file + ":" + csv.line() + ": column " + items.get(i)
                                    + ": not a number: '" + csv.string(f) + "'");
                        }
                        v = csv.decimal(f);
                        if (v < min || v > max) {
                            throw new Invalid(file + ":" + csv.line() + ": column " + items.get(i) + ": "
                                    + csv.string(f) + " is outside the answer scale " + number(min) + " to "
                                    + number(max) + " (--scale-min, --scale-max)");
                        }
                    }
                    columns[i][rows] = v;
                }
                rows++;
            }
            for (int i = 0; i < columns.length; i++) {
                columns[i] = Arrays.copyOf(columns[i], rows);
            }
            return new Survey(PlsData.ofColumns(items, columns), missing);
        } catch (CsvScanner.Malformed e) {
            throw new Invalid(file + ":" + e.line() + ": " + e.getMessage());
        }
    }

    /** Whether a field is {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?}: no NaN, Infinity, hex or 7d. */
    private static boolean plainNumber(CsvScanner csv, int field) {
        byte[] b = csv.bytes();
        int i = csv.fieldOffset(field);
        int end = i + csv.fieldLength(field);
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
            digits++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == end;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
