package io.fidelis.core.clv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.fidelis.core.summary.Transaction;

/** The CDNOW 1/10 sample from test resources (see {@code cdnow/README.md}). */
final class Cdnow {
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

    private Cdnow() {
    }

    /** One row of BTYD's calibration summary. */
    record Cbs(String id, int x, double tx, double T, int xStar, double mx) {
    }

    static List<Transaction> transactions() {
        List<Transaction> out = new ArrayList<>();
        for (String[] f : read("/cdnow/btyd_cdnowElog.csv")) {
            out.add(new Transaction(f[1], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE),
                    Double.parseDouble(f[4])));
        }
        return out;
    }

    static List<Cbs> cbs() {
        List<Cbs> out = new ArrayList<>();
        for (String[] f : read("/cdnow/btyd_cdnowSummary_cbs.csv")) {
            out.add(new Cbs(f[0].replace("\"", ""), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5])));
        }
        return out;
    }

    private static List<String[]> read(String resource) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Cdnow.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(line.split(","));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
