package io.fidelis.core.churn;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.core.csv.CsvScanner;
import io.fidelis.core.csv.Decompressing;

/**
 * A table of named columns, one row per customer, as read from a CSV file with a header. Cells are kept as text with
 * the surrounding spaces removed; an empty or blank cell is a missing value ({@code ""}). Whether a column is numeric
 * or categorical is decided by the model ({@link ChurnModel}): a column is numeric when every non-blank cell is a
 * number. Each row remembers its line in the source, so every later problem can name the file, line and field.
 * Immutable.
 */
public final class ChurnData {
    private final String source;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final String[][] columns;
    private final long[] lines;

    private ChurnData(String source, List<String> names, String[][] columns, long[] lines) {
        this.source = source;
        this.names = List.copyOf(names);
        this.columns = columns;
        this.lines = lines;
        for (int j = 0; j < this.names.size(); j++) {
            String name = this.names.get(j);
            if (name.isEmpty()) {
                throw new ChurnDataException(source + ":1: column " + (j + 1) + " has no name");
            }
            Integer before = index.put(name, j);
            if (before != null) {
                throw new ChurnDataException(source + ":1: column " + name + " is in the header twice (columns "
                        + (before + 1) + " and " + (j + 1) + ")");
            }
        }
    }

    /**
     * From rows in memory (for tests and callers that have the values already): the header is line 1 and row
     * {@code i} is line {@code i + 2}. A {@code null} cell is a missing value.
     */
    public static ChurnData of(List<String> names, List<String[]> rows) {
        String[][] columns = new String[names.size()][rows.size()];
        long[] lines = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            if (row.length != names.size()) {
                throw new ChurnDataException("data:" + (i + 2) + ": " + row.length + " fields, the header has "
                        + names.size());
            }
            for (int j = 0; j < row.length; j++) {
                columns[j][i] = row[j] == null ? "" : row[j].strip();
            }
            lines[i] = i + 2;
        }
        return new ChurnData("data", names, columns, lines);
    }

    /** Reads a CSV file with a header (plain or gzip, recognised by content; UTF-8). */
    public static ChurnData read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads CSV with a header from a stream (plain or gzip). Empty lines are skipped.
     *
     * @param source the name used in messages, usually the file name
     * @throws ChurnDataException when the file is empty, a header name is blank or given twice, a row has another
     *                            number of fields than the header, or the quoting is malformed
     */
    public static ChurnData read(InputStream in, String source) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        try (CsvScanner csv = new CsvScanner(Decompressing.ifGzip(buffered))) {
            if (!csv.next()) {
                throw new ChurnDataException(source + ": the file is empty (expected a header naming the columns)");
            }
            int width = csv.fields();
            List<String> names = new ArrayList<>(width);
            for (int f = 0; f < width; f++) {
                names.add(csv.string(f));
            }
            List<List<String>> cells = new ArrayList<>(width);
            for (int f = 0; f < width; f++) {
                cells.add(new ArrayList<>());
            }
            List<Long> lineList = new ArrayList<>();
            while (csv.next()) {
                if (csv.emptyLine()) {
                    continue;
                }
                if (csv.fields() != width) {
                    throw new ChurnDataException(source + ":" + csv.line() + ": " + csv.fields() + " fields, the"
                            + " header has " + width);
                }
                for (int f = 0; f < width; f++) {
                    cells.get(f).add(csv.string(f));
                }
                lineList.add(csv.line());
            }
            String[][] columns = new String[width][];
            for (int f = 0; f < width; f++) {
                columns[f] = cells.get(f).toArray(String[]::new);
            }
            long[] lines = new long[lineList.size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = lineList.get(i);
            }
            return new ChurnData(source, names, columns, lines);
        } catch (CsvScanner.Malformed e) {
            throw new ChurnDataException(source + ":" + e.line() + ": " + e.getMessage());
        }
    }

    /** Where the data came from: the file name, or {@code data}. */
    public String source() {
        return source;
    }

    public List<String> names() {
        return names;
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    public int rows() {
        return lines.length;
    }

    /** One cell, {@code ""} when missing. */
    public String value(int row, String column) {
        return columnRef(column)[row];
    }

    /** The source line of a row (the header is line 1). */
    public long line(int row) {
        return lines[row];
    }

    /** {@code file:line} of a row, for messages. */
    public String where(int row) {
        return source + ":" + lines[row];
    }

    /** A column's cells, for reading only. */
    String[] columnRef(String name) {
        Integer j = index.get(name);
        if (j == null) {
            throw new ChurnDataException(source + ": no column " + name);
        }
        return columns[j];
    }
}
