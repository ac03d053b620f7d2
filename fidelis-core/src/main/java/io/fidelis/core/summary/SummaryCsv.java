package io.fidelis.core.summary;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.core.csv.Decompressing;
import io.fidelis.core.csv.RowError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads customer summaries, columns {@code customer_id,x,t_x,T[,monetary]} already in periods (plain or gzip). */
public final class SummaryCsv {
    private SummaryCsv() {
    }

    public static List<CustomerSummary> read(Path file) throws IOException {
        String name = file.getFileName().toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             Reader reader = new InputStreamReader(Decompressing.ifGzip(raw), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).get())) {
            Map<String, Integer> header = csv.getHeaderMap();
            for (String required : List.of("customer_id", "x", "t_x", "T")) {
                if (!header.containsKey(required)) {
                    throw new InvalidTransactionException(new RowError(name, 1, required, "missing column; a summary"
                            + " file has customer_id,x,t_x,T[,monetary]"));
                }
            }
            boolean monetary = header.containsKey("monetary");
            List<CustomerSummary> out = new ArrayList<>();
            for (CSVRecord r : csv) {
                long line = r.getParser().getCurrentLineNumber();
                try {
                    out.add(new CustomerSummary(r.get("customer_id"), parseCount(r.get("x")),
                            Double.parseDouble(r.get("t_x")), Double.parseDouble(r.get("T")),
                            monetary && !r.get("monetary").isBlank() ? Double.parseDouble(r.get("monetary")) : 0));
                } catch (NumberFormatException e) {
                    throw new InvalidTransactionException(new RowError(name, line, "x/t_x/T/monetary",
                            "not a number: " + e.getMessage()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidTransactionException(new RowError(name, line, "customer_id", e.getMessage()));
                }
            }
            return out;
        }
    }

    private static int parseCount(String v) {
        double d = Double.parseDouble(v);
        if (d != Math.rint(d) || d < 0) {
            throw new NumberFormatException("x must be a whole number >= 0, got '" + v + "'");
        }
        return (int) d;
    }

}
