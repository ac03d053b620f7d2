package io.fidelis.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.core.clv.Clv;
import io.fidelis.core.clv.ClvAnalysis;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.InvalidTransactionException;
import io.fidelis.core.summary.Period;
import io.fidelis.core.summary.TransactionColumns;
import io.fidelis.core.summary.TransactionCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis clv}: fit BG/NBD or Pareto/NBD and Gamma-Gamma to a CSV of transactions (or of summaries) and print
 * the parameters, and optionally score every customer. A stable contract for scripts; it needs no database.
 */
@Command(name = "clv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Churn and lifetime-value models from a CSV file, without a database.",
                "Transactions: one row per purchase (line), with the columns named below; rows without a customer",
                "are skipped. Summary: columns customer_id,x,t_x,T[,monetary], already in periods."})
class ClvCommand implements Callable<Integer> {
    enum InputFormat { TRANSACTIONS, SUMMARY }

    enum Format { JSON, TABLE }

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "The CSV file (plain or .gz).")
    Path input;

    @Option(names = "--input-format", defaultValue = "transactions", description = "transactions or summary.")
    InputFormat inputFormat;

    @Option(names = "--customer-column", defaultValue = "customer_id", description = "Default: ${DEFAULT-VALUE}.")
    String customerColumn;

    @Option(names = "--date-column", defaultValue = "date", description = "Default: ${DEFAULT-VALUE}.")
    String dateColumn;

    @Option(names = "--date-format", description = "The date's pattern when it is not ISO or yyyyMMdd, such as M/d/yyyy H:mm.")
    String dateFormat;

    @Option(names = "--amount-column", description = "The purchase value (default: amount, unless quantity and price columns are given).")
    String amountColumn;

    @Option(names = "--quantity-column", description = "With --price-column: value = quantity × price.")
    String quantityColumn;

    @Option(names = "--price-column", description = "With --quantity-column: value = quantity × price.")
    String priceColumn;

    @Option(names = "--observation-end", description = "The last day observed (YYYY-MM-DD); required with transactions.")
    LocalDate observationEnd;

    @Option(names = "--calibration-end", description = "Fit up to this day and compare the expected with the actual repeat purchases after it.")
    LocalDate calibrationEnd;

    @Option(names = "--period", defaultValue = "week", description = "week or day (default: ${DEFAULT-VALUE}).")
    Period period;

    @Option(names = "--model", defaultValue = "bgnbd", description = "bgnbd or pnbd (default: ${DEFAULT-VALUE}).")
    ClvAnalysis.Model model;

    @Option(names = "--horizon", description = "Periods ahead for expected purchases in the scores (default: 52 weeks or 365 days).")
    Double horizon;

    @Option(names = "--discount-rate", defaultValue = "0.10", description = "Annual discount rate for CLV (default: ${DEFAULT-VALUE}).")
    double discountRate;

    @Option(names = "--clv-months", defaultValue = "12", description = "CLV horizon in months (default: ${DEFAULT-VALUE}).")
    int clvMonths;

    @Option(names = "--margin-ratio", defaultValue = "1.0", description = "Margin as a share of spend, for CLV (default: ${DEFAULT-VALUE}, i.e. spend).")
    double marginRatio;

    @Option(names = "--scores", description = "Write customer_id,x,t_x,T,monetary,p_alive,expected_purchases,expected_spend,clv here.")
    Path scores;

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        double h = horizon != null ? horizon : period == Period.WEEK ? 52 : 365;
        Clv clv;
        try {
            clv = new Clv(discountRate, clvMonths, marginRatio, period);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        TransactionColumns transactions = null;
        List<CustomerSummary> summaries = null;
        long skipped = 0;
        try {
            if (inputFormat == InputFormat.SUMMARY) {
                if (calibrationEnd != null) {
                    err.println("error: --calibration-end needs transactions, not summaries");
                    return 2;
                }
                summaries = io.fidelis.core.summary.SummaryCsv.read(input);
            } else {
                String amount = amountColumn != null ? amountColumn : quantityColumn == null ? "amount" : null;
                TransactionCsv.Result read = TransactionCsv.read(input, new TransactionCsv.Columns(customerColumn,
                        dateColumn, amount, quantityColumn, priceColumn, dateFormat));
                transactions = read.transactions();
                skipped = read.skippedWithoutCustomer();
            }
        } catch (InvalidTransactionException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("error: no such file: " + input);
            return 1;
        }
        ClvAnalysis.Report report;
        try {
            report = summaries != null ? ClvAnalysis.run(summaries, model, period, h, clv)
                    : ClvAnalysis.run(transactions, new ClvAnalysis.Options(model, period, observationEnd,
                    calibrationEnd, h, clv));
        } catch (IllegalArgumentException e) { // including InsufficientDataException
            err.println("error: " + e.getMessage());
            return 1;
        }
        if (skipped > 0) {
            err.printf("%,d rows without a customer were skipped%n", skipped);
        }
        if (scores != null) {
            writeScores(report);
        }
        if (format == Format.JSON) {
            System.out.println(JsonMapper.builder().build().writeValueAsString(json(report)));
        } else {
            printTable(report);
        }
        return 0;
    }

    static Map<String, Object> json(ClvAnalysis.Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customers", r.customers());
        out.put("transactions", r.transactions());
        out.put("period", r.period().label());
        out.put("model", r.model().label());
        out.put("params", r.fit().params());
        out.put("logLikelihood", r.fit().logLikelihood());
        out.put("converged", r.fit().converged());
        out.put("boundary", r.fit().boundary());
        Map<String, Object> spend = new LinkedHashMap<>();
        spend.put("model", "gamma-gamma");
        if (r.spend().fitted() != null) {
            spend.put("customers", r.spend().fitted().customers());
            spend.put("params", Map.of("p", r.spend().fitted().p(), "q", r.spend().fitted().q(), "gamma",
                    r.spend().fitted().gamma()));
            spend.put("logLikelihood", r.spend().fitted().fit().logLikelihood());
        } else {
            spend.put("notFitted", r.spend().notFitted());
        }
        out.put("spend", spend);
        if (r.holdout() != null) {
            out.put("holdout", Map.of("actual", r.holdout().actual(), "expected", r.holdout().expected()));
        }
        return out;
    }

    private void printTable(ClvAnalysis.Report r) {
        System.out.printf("%,d customers, %,d transactions, time in %ss%n", r.customers(), r.transactions(),
                r.period().label());
        System.out.printf("%s: %s  log-likelihood %.3f  %s%s%n", r.model().label(), params(r.fit().params()),
                r.fit().logLikelihood(), r.fit().converged() ? "converged" : "NOT converged",
                r.fit().boundary().isEmpty() ? "" : "  at a bound: " + r.fit().boundary());
        if (r.spend().fitted() != null) {
            var s = r.spend().fitted();
            System.out.printf("gamma-gamma (%,d repeat buyers): p=%.4f q=%.4f gamma=%.4f  log-likelihood %.3f%n",
                    s.customers(), s.p(), s.q(), s.gamma(), s.fit().logLikelihood());
        } else {
            System.out.println("gamma-gamma: not fitted: " + r.spend().notFitted());
        }
        if (r.holdout() != null) {
            System.out.printf("holdout: %,d actual repeat purchases, %.1f expected%n", r.holdout().actual(),
                    r.holdout().expected());
        }
    }

    private static String params(Map<String, Double> p) {
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(k).append('=').append(String.format(Locale.ROOT, "%.6g", v)).append(' '));
        return b.toString().strip();
    }

    private void writeScores(ClvAnalysis.Report r) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(scores, StandardCharsets.UTF_8)) {
            w.write("customer_id,x,t_x,T,monetary,p_alive,expected_purchases,expected_spend,clv\n");
            StringBuilder line = new StringBuilder(128);
            for (ClvAnalysis.Score s : r.scores()) {
                CustomerSummary c = s.summary();
                line.setLength(0);
                line.append(csv(c.customerId())).append(',').append(c.x());
                for (double v : new double[] {c.tx(), c.T(), c.monetary(), s.pAlive(), s.expectedPurchases(),
                    s.expectedSpend(), s.clv()}) {
                    appendNumber(line.append(','), v);
                }
                w.append(line).append('\n');
            }
        }
    }

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000, 10_000_000_000L};

    /**
     * A number to six significant digits without trailing zeros (as {@code %.6g} would round it, but without the
     * cost of {@link String#format}, which dominated writing a million scores); empty for NaN.
     */
    static StringBuilder appendNumber(StringBuilder b, double d) {
        if (Double.isNaN(d)) {
            return b;
        }
        double a = Math.abs(d);
        if (a == 0) {
            return b.append('0');
        }
        if (!(a >= 1e-4 && a < 1e9)) {
            return b.append(String.format(Locale.ROOT, "%.6g", d));
        }
        int exponent = (int) Math.floor(Math.log10(a));
        int scale = 5 - exponent; // digits after the point
        long m = scale >= 0 ? Math.round(a * POWERS[scale]) : Math.round(a / POWERS[-scale]);
        if (m >= 1_000_000) { // rounded up to the next power of ten
            m = (m + 5) / 10;
            scale--;
        }
        if (d < 0) {
            b.append('-');
        }
        if (scale <= 0) {
            b.append(m);
            for (int i = 0; i < -scale; i++) {
                b.append('0');
            }
            return b;
        }
        long whole = m / POWERS[scale];
        long fraction = m % POWERS[scale];
        b.append(whole);
        if (fraction == 0) {
            return b;
        }
        int digits = scale;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        b.append('.');
        String f = Long.toString(fraction);
        for (int i = f.length(); i < digits; i++) {
            b.append('0');
        }
        return b.append(f);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
