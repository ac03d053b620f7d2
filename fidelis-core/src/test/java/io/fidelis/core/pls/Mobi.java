package io.fidelis.core.pls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The ECSI mobi data and the reference results from test resources (see {@code ecsi/README.md}). */
final class Mobi {
    /** The reference files' construct names → {@link EcsiModel}'s. */
    static final Map<String, String> CONSTRUCT = Map.of("Image", "IMAG", "Expectation", "EXPE", "Quality", "QUAL",
            "Value", "VAL", "Satisfaction", "SAT", "Complaints", "COMP", "Loyalty", "LOY");

    private Mobi() {
    }

    /** One CSV file: the header and the rows, quotes removed. */
    record Table(List<String> header, List<String[]> rows) {
        double number(String[] row, String column) {
            return Double.parseDouble(row[header.indexOf(column)]);
        }
    }

    static PlsData data() {
        Table t = table("/ecsi/mobi.csv");
        double[][] rows = new double[t.rows().size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.stream(t.rows().get(r)).mapToDouble(Double::parseDouble).toArray();
        }
        return PlsData.ofRows(t.header(), rows);
    }

    static double[][] rows() {
        Table t = table("/ecsi/mobi.csv");
        double[][] rows = new double[t.rows().size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.stream(t.rows().get(r)).mapToDouble(Double::parseDouble).toArray();
        }
        return rows;
    }

    static List<String> names() {
        return table("/ecsi/mobi.csv").header();
    }

    static Table table(String resource) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Mobi.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            List<String> header = List.of(unquote(in.readLine().split(",")));
            List<String[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    rows.add(unquote(line.split(",")));
                }
            }
            return new Table(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] unquote(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].replace("\"", "");
        }
        return fields;
    }
}
