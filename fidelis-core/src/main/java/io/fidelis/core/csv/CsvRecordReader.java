package io.fidelis.core.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the records of a CSV file (plain or gzip) in constant memory, mapping its columns onto the
 * {@link Field}s of an import and parsing each value. The header is checked before the first row is read:
 * a missing required column, an unknown column (when no mapping is given) or a mapping naming an absent
 * column make the whole file invalid ({@link CsvFormatException}).
 */
public final class CsvRecordReader implements Closeable {

    private final String fileName;
    private final List<Field> fields;
    private final FieldParser parser;
    private final CountingInputStream counting;
    private final long totalBytes;
    private final CSVParser csv;
    private final Iterator<CSVRecord> records;
    private final int[] columnOfField;
    private final int headerSize;
    private final List<String> header;
    private CSVRecord current;
    private final List<String> ignoredColumns;
    private long lastEndLine;
    private long line;
    private final Object[] values;
    private final List<RowError> errors = new ArrayList<>();

    private CsvRecordReader(String fileName, InputStream raw, long totalBytes, List<Field> fields,
                            Map<String, String> mapping, FieldParser parser) throws IOException, CsvFormatException {
        this.fileName = fileName;
        this.fields = List.copyOf(fields);
        this.parser = parser;
        this.totalBytes = totalBytes;
        this.counting = new CountingInputStream(new BufferedInputStream(raw, 1 << 16));
        InputStream data;
        try {
            data = Decompressing.ifGzip(counting);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // Found by fuzzing (PurchaseCsvFuzzTest): a gzip header with a wrong method or cut short.
            throw new CsvFormatException(List.of(new RowError(fileName, 1, null, "not a readable gzip file: "
                    + rootMessage(e))));
        }
        Reader reader = new InputStreamReader(data, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setIgnoreEmptyLines(false)
                .setAllowMissingColumnNames(true)
                .get();
        this.csv = CSVParser.builder().setReader(reader).setFormat(format).get();
        this.records = csv.iterator();
        this.values = new Object[fields.size()];
        this.columnOfField = new int[fields.size()];
        List<String> header = readHeader();
        this.headerSize = header.size();
        this.header = List.copyOf(header);
        this.ignoredColumns = resolveColumns(header, mapping);
    }

    /**
     * Opens a file. The caller closes the reader.
     *
     * @param file    the file; gzip is recognised by its content, whatever its name
     * @param fields  the fields the import understands, in the order values are returned
     * @param mapping field name to header name, for exports whose headers differ; empty for native headers
     * @param parser  how values are parsed (time zone, timestamp pattern)
     */
    public static CsvRecordReader open(Path file, List<Field> fields, Map<String, String> mapping, FieldParser parser)
            throws IOException, CsvFormatException {
        InputStream in = Files.newInputStream(file);
        try {
            return new CsvRecordReader(file.getFileName().toString(), in, Files.size(file), fields, mapping, parser);
        } catch (IOException | CsvFormatException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens a stream (an upload, for instance); {@code totalBytes} may be -1 when unknown. */
    public static CsvRecordReader open(String fileName, InputStream in, long totalBytes, List<Field> fields,
                                       Map<String, String> mapping, FieldParser parser)
            throws IOException, CsvFormatException {
        return new CsvRecordReader(fileName, in, totalBytes, fields, mapping, parser);
    }

    private List<String> readHeader() throws CsvFormatException {
        if (!hasNextRecord()) {
            throw new CsvFormatException(List.of(new RowError(fileName, 1, null, "the file is empty: no header")));
        }
        CSVRecord headerRecord = records.next();
        lastEndLine = csv.getCurrentLineNumber();
        List<String> header = new ArrayList<>(headerRecord.size());
        for (String h : headerRecord) {
            header.add(h.strip());
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        return header;
    }

    private List<String> resolveColumns(List<String> header, Map<String, String> mapping) throws CsvFormatException {
        List<RowError> problems = new ArrayList<>();
        Map<String, Integer> columnByName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String key = header.get(i).toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            if (columnByName.putIfAbsent(key, i) != null) {
                problems.add(new RowError(fileName, 1, header.get(i), "the column appears twice in the header"));
            }
        }
        Map<String, Field> fieldByName = new LinkedHashMap<>();
        for (Field f : fields) {
            fieldByName.put(f.name(), f);
        }
        for (String mapped : mapping.keySet()) {
            if (!fieldByName.containsKey(mapped)) {
                problems.add(new RowError(fileName, 1, mapped, "--map names an unknown field; known fields: "
                        + String.join(", ", fieldByName.keySet())));
            }
        }
        boolean[] used = new boolean[header.size()];
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            String wanted = mapping.getOrDefault(field.name(), field.name());
            Integer column = columnByName.get(wanted.toLowerCase(Locale.ROOT));
            if (column == null) {
                columnOfField[f] = -1;
                if (mapping.containsKey(field.name())) {
                    problems.add(new RowError(fileName, 1, field.name(), "mapped to column '" + wanted
                            + "', which is not in the header"));
                } else if (field.required()) {
                    problems.add(new RowError(fileName, 1, field.name(), "required column is missing"));
                }
            } else {
                columnOfField[f] = column;
                used[column] = true;
            }
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used[i]) {
                if (mapping.isEmpty()) {
                    problems.add(new RowError(fileName, 1, header.get(i), "unknown column; known columns: "
                            + String.join(", ", fieldByName.keySet())
                            + " (use --map field=Header to import another export)"));
                } else {
                    ignored.add(header.get(i));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CsvFormatException(problems);
        }
        return Collections.unmodifiableList(ignored);
    }

    private boolean hasNextRecord() throws CsvFormatException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new CsvFormatException(List.of(new RowError(fileName, lastEndLine + 1, null,
                    "unreadable CSV: " + rootMessage(e))));
        }
    }

    /**
     * Reads and parses the next row.
     *
     * @return false at the end of the file
     * @throws CsvFormatException when the CSV itself is broken (an unclosed quote, an unreadable gzip)
     */
    public boolean next() throws CsvFormatException {
        if (!hasNextRecord()) {
            return false;
        }
        CSVRecord record;
        do {
            try {
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new CsvFormatException(List.of(new RowError(fileName, lastEndLine + 1, null,
                        "unreadable CSV: " + rootMessage(e))));
            }
            line = lastEndLine + 1;
            lastEndLine = csv.getCurrentLineNumber();
            // Blank lines are records of one empty value here, so that line numbers stay exact; skip them.
        } while (record.size() == 1 && record.get(0).isEmpty() && headerSize != 1 && hasNextRecord());
        if (record.size() == 1 && record.get(0).isEmpty() && headerSize != 1) {
            return false;
        }
        current = record;
        errors.clear();
        if (record.size() != headerSize) {
            errors.add(new RowError(fileName, line, null, "has " + record.size() + " values but the header has "
                    + headerSize + " columns"));
            java.util.Arrays.fill(values, null);
            return true;
        }
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            int column = columnOfField[f];
            Object value = null;
            if (column >= 0) {
                try {
                    value = parser.parse(field, record.get(column));
                } catch (InvalidValueException e) {
                    errors.add(new RowError(fileName, line, field.name(), e.getMessage()));
                }
            }
            if (value == null && field.required() && column >= 0 && errors.stream()
                    .noneMatch(err -> field.name().equals(err.field()))) {
                errors.add(new RowError(fileName, line, field.name(), "required value is missing"));
            }
            values[f] = value;
        }
        return true;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The parsed value of field {@code index} in the current row; {@code null} if absent or invalid. */
    public Object value(int index) {
        return values[index];
    }

    /** The 1-based physical line on which the current row starts. */
    public long line() {
        return line;
    }

    /** The current row's problems; empty when the row is valid. */
    public List<RowError> errors() {
        return List.copyOf(errors);
    }

    public boolean rowValid() {
        return errors.isEmpty();
    }

    /** The file's header, as written (trimmed). */
    public List<String> header() {
        return header;
    }

    /** The current row's raw values, as in the file. */
    public List<String> rawValues() {
        return current == null ? List.of() : current.toList();
    }

    /** The raw value of field {@code index} in the current row, or {@code null} when the file has no such column. */
    public String rawValue(int index) {
        int column = columnOfField[index];
        return column < 0 || current == null || column >= current.size() ? null : current.get(column);
    }

    /** The column of the file holding field {@code index}, or -1 when absent. */
    public int columnOf(int index) {
        return columnOfField[index];
    }

    /** Columns present in the file but not used by the mapping. */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    public String fileName() {
        return fileName;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Bytes of the (possibly compressed) file consumed so far, for progress reporting. */
    public long bytesRead() {
        return counting.count;
    }

    /** The file's size in bytes, or -1 when unknown. */
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;
        private long marked;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }

        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            marked = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = marked;
        }
    }
}
