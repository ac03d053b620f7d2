package io.fidelis.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.core.churn.ChurnData;
import io.fidelis.core.churn.ChurnDataException;
import io.fidelis.core.churn.ChurnMetrics;
import io.fidelis.core.churn.ChurnModel;
import io.fidelis.core.churn.FittedChurnModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis churn}: the subscription churn model of {@link ChurnModel} on a customer CSV, without a database.
 * A stable contract for scripts:
 *
 * <pre>
 * fidelis churn fit --input FILE.csv --target Churn [--id customerID] [--exclude COL …] [--categorical COL …]
 *     [--positive Yes] [--folds 5] [--seed 1] [--format text|json] [--save MODEL.json]
 * fidelis churn score --model MODEL.json --input FILE.csv [--id customerID] [--output OUT.csv] [--factors 3]
 * </pre>
 *
 * <ul>
 * <li><b>fit</b> evaluates the whole procedure by stratified k-fold cross-validation (out-of-fold ROC AUC, PR AUC as
 * average precision, top-decile lift, Brier score and the 10-bin reliability curve), then fits the model to every
 * row and prints its coefficients with 95 % Wald intervals (from an unpenalised refit on the columns the penalty
 * kept). {@code --format json} prints one object: {@code rows}, {@code positives}, {@code target},
 * {@code positive}, {@code features}, {@code crossValidation} ({@code folds}, {@code seed}, {@code rocAuc},
 * {@code prAuc}, {@code topDecileLift}, {@code brier}, {@code calibration} [{@code lower}, {@code upper},
 * {@code count}, {@code meanPredicted}, {@code observedRate}]), {@code model} ({@code alpha}, {@code lambda},
 * {@code cvDeviance}, {@code intercept}, {@code coefficients} [{@code term}, {@code estimate}, {@code refit},
 * {@code standardError}, {@code lower}, {@code upper}, {@code note}], {@code notes}), {@code seconds}.
 * {@code --save} writes the model for {@code score}.</li>
 * <li><b>score</b> writes {@code id,probability,factor1,factor2,factor3}: the churn probability and the largest
 * contributions in words ("Contract = Month-to-month raises churn risk"); to {@code --output} or stdout.</li>
 * <li><b>Exit status.</b> 0: done; 1: the data or the model cannot be read, fitted or scored (no such file, an absent
 * column, a blank or third target value, a non-number in a numeric column, a broken model file), reported with the
 * file, line and field where there is one; 2: the command line is wrong.</li>
 * </ul>
 */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = {"Subscription churn: fit an explained, regularised logistic regression to a customer CSV, or"
                + " score customers with a saved model. No database.",
                "Exit status: 0 done; 1 the data or model cannot be read, fitted or scored; 2 a usage error."},
        subcommands = {ChurnCommand.Fit.class, ChurnCommand.Score.class})
class ChurnCommand implements Runnable {
    enum Format { TEXT, JSON }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** A problem to report as {@code error: message} with exit status 1. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    static ChurnData read(Path input) throws Failure {
        try {
            return ChurnData.read(input);
        } catch (NoSuchFileException e) {
            throw new Failure("no such file: " + e.getFile());
        } catch (ChurnDataException e) {
            throw new Failure(e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) { // a directory, no permission, a broken gzip stream
            throw new Failure("cannot read " + input + ": " + e.getMessage());
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Cross-validate and fit the churn model; print the metrics and the coefficients.",
                    "Every column other than the target, the id and --exclude is a feature: numeric when every"
                            + " value is a number, otherwise categorical."})
    static class Fit implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE.csv",
                description = "The customer CSV (plain or gzip) with a header.")
        Path input;

        @Option(names = "--target", required = true, paramLabel = "COLUMN",
                description = "The outcome column, with two values.")
        String target;

        @Option(names = "--positive", paramLabel = "VALUE",
                description = "The outcome value that means churned (default: Yes, 1 or true when present).")
        String positive;

        @Option(names = "--id", paramLabel = "COLUMN", description = "The customer id column (not a feature).")
        String id;

        @Option(names = "--exclude", arity = "1..*", paramLabel = "COLUMN",
                description = "Columns that are not features.")
        List<String> exclude = new ArrayList<>();

        @Option(names = "--categorical", arity = "1..*", paramLabel = "COLUMN",
                description = "Numeric-looking columns to treat as categories (codes such as a plan number).")
        List<String> categorical = new ArrayList<>();

        @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
                description = "Stratified cross-validation folds (default: ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
                description = "Seed of the fold assignment (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
                description = "text or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = "--save", paramLabel = "MODEL.json", description = "Write the fitted model for score.")
        Path save;

        @Override
        public Integer call() throws IOException {
            PrintStream err = System.err;
            if (folds < 2) {
                err.println("error: --folds must be at least 2, got " + folds);
                return 2;
            }
            ChurnModel.Options options = ChurnModel.Options.defaults(target).withPositive(positive).withId(id)
                    .withExclude(new LinkedHashSet<>(exclude)).withCategorical(new LinkedHashSet<>(categorical))
                    .withFolds(folds, seed);
            long start = System.nanoTime();
            ChurnModel.CrossValidation cv;
            FittedChurnModel model;
            try {
                ChurnData data = read(input);
                cv = ChurnModel.crossValidate(data, options);
                model = ChurnModel.fit(data, options);
            } catch (Failure | ChurnDataException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (save != null) {
                try {
                    Files.writeString(save, model.toJson());
                } catch (IOException e) {
                    err.println("error: cannot write " + save + ": " + e.getMessage());
                    return 1;
                }
            }
            if (format == Format.JSON) {
                System.out.println(JsonMapper.builder().build().writeValueAsString(json(model, cv, seconds)));
            } else {
                printText(model, cv, seconds);
            }
            return 0;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Score customers with a saved model: id, churn probability and the top factors in words.")
    static class Score implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json",
                description = "A model written by churn fit --save.")
        Path modelFile;

        @Option(names = "--input", required = true, paramLabel = "FILE.csv",
                description = "The customers (plain or gzip) with the model's feature columns.")
        Path input;

        @Option(names = "--id", paramLabel = "COLUMN", description = "The customer id column (default: the row"
                + " number).")
        String id;

        @Option(names = "--output", paramLabel = "OUT.csv", description = "Where to write (default: stdout).")
        Path output;

        @Option(names = "--factors", defaultValue = "3", paramLabel = "N",
                description = "Factors per customer (default: ${DEFAULT-VALUE}).")
        int factors;

        @Override
        public Integer call() throws IOException {
            PrintStream err = System.err;
            if (factors < 0) {
                err.println("error: --factors must be 0 or more, got " + factors);
                return 2;
            }
            FittedChurnModel model;
            List<FittedChurnModel.Explanation> explanations;
            ChurnData data;
            try {
                model = load(modelFile);
                data = read(input);
                if (id != null && !data.has(id)) {
                    throw new Failure(input + ": no column " + id + " (the id)");
                }
                explanations = model.explain(data);
            } catch (Failure | ChurnDataException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            try (Writer out = output == null
                    ? new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : new BufferedWriter(Files.newBufferedWriter(output))) {
                List<String> header = new ArrayList<>(List.of(id == null ? "row" : id, "probability"));
                for (int k = 1; k <= factors; k++) {
                    header.add("factor" + k);
                }
                writeRow(out, header);
                for (int i = 0; i < data.rows(); i++) {
                    FittedChurnModel.Explanation e = explanations.get(i);
                    List<String> row = new ArrayList<>();
                    row.add(id == null ? Integer.toString(i + 1) : data.value(i, id));
                    row.add(String.format(Locale.ROOT, "%.6f", e.probability()));
                    List<FittedChurnModel.Factor> top = e.top(factors);
                    for (int k = 0; k < factors; k++) {
                        row.add(k < top.size() ? top.get(k).phrase() : "");
                    }
                    writeRow(out, row);
                }
                out.flush();
            } catch (IOException e) {
                err.println("error: cannot write " + (output == null ? "the scores" : output) + ": " + e.getMessage());
                return 1;
            }
            if (output != null) {
                err.printf(Locale.ROOT, "scored %d customers into %s%n", data.rows(), output);
            }
            return 0;
        }
    }

    static FittedChurnModel load(Path file) throws Failure {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Failure("no such model file: " + file);
        } catch (CharacterCodingException e) {
            throw new Failure(file + ": the model file is not UTF-8 text");
        } catch (IOException e) {
            throw new Failure("cannot read the model file " + file + ": " + e.getMessage());
        }
        try {
            return FittedChurnModel.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new Failure(file + ": " + e.getMessage());
        }
    }

    private static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write('\n');
    }

    /** JSON has no NaN: an undefined value is null. */
    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Map<String, Object> json(FittedChurnModel model, ChurnModel.CrossValidation cv, double seconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", model.rows());
        out.put("positives", model.positives());
        out.put("target", model.target());
        out.put("positive", model.positive());
        out.put("features", model.features());
        ChurnMetrics.Summary s = cv.metrics();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("folds", cv.folds());
        c.put("seed", cv.seed());
        c.put("rocAuc", num(s.rocAuc()));
        c.put("prAuc", num(s.averagePrecision()));
        c.put("topDecileLift", num(s.topDecileLift()));
        c.put("brier", num(s.brier()));
        List<Object> bins = new ArrayList<>();
        for (ChurnMetrics.CalibrationBin b : s.calibration()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lower", b.lower());
            m.put("upper", b.upper());
            m.put("count", b.count());
            m.put("meanPredicted", num(b.meanPredicted()));
            m.put("observedRate", num(b.observedRate()));
            bins.add(m);
        }
        c.put("calibration", bins);
        out.put("crossValidation", c);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", model.alpha());
        m.put("lambda", model.lambda());
        m.put("cvDeviance", model.tuning() == null ? null : num(model.tuning().cvDeviance()));
        m.put("intercept", model.intercept());
        m.put("confidence", ChurnModel.CONFIDENCE);
        List<Object> coefficients = new ArrayList<>();
        for (FittedChurnModel.Coefficient k : model.coefficients()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("term", k.term());
            o.put("estimate", num(k.estimate()));
            FittedChurnModel.Interval i = k.interval();
            o.put("refit", i == null ? null : num(i.estimate()));
            o.put("standardError", i == null ? null : num(i.standardError()));
            o.put("lower", i == null ? null : num(i.lower()));
            o.put("upper", i == null ? null : num(i.upper()));
            o.put("note", k.note());
            coefficients.add(o);
        }
        m.put("coefficients", coefficients);
        m.put("notes", model.notes());
        out.put("model", m);
        out.put("seconds", Math.round(seconds * 100) / 100.0);
        return out;
    }

    private static void printText(FittedChurnModel model, ChurnModel.CrossValidation cv, double seconds) {
        PrintStream out = System.out;
        ChurnMetrics.Summary s = cv.metrics();
        out.printf(Locale.ROOT, "Churn model: %d customers, %d with %s = %s (%.1f%%), %d features%n", model.rows(),
                model.positives(), model.target(), model.positive(), 100.0 * model.positives() / model.rows(),
                model.features().size());
        out.printf(Locale.ROOT, "%nStratified %d-fold cross-validation (seed %d), out of fold:%n", cv.folds(),
                cv.seed());
        out.printf(Locale.ROOT, "  ROC AUC %.4f   PR AUC %.4f   top-decile lift %.2f   Brier %.4f%n", s.rocAuc(),
                s.averagePrecision(), s.topDecileLift(), s.brier());
        out.println("  calibration  predicted  observed  customers");
        for (ChurnMetrics.CalibrationBin b : s.calibration()) {
            out.printf(Locale.ROOT, "  %.1f–%.1f      %s     %s  %9d%n", b.lower(), b.upper(),
                    b.count() == 0 ? "    -" : String.format(Locale.ROOT, "%.3f", b.meanPredicted()),
                    b.count() == 0 ? "    -" : String.format(Locale.ROOT, "%.3f", b.observedRate()), b.count());
        }
        out.printf(Locale.ROOT, "%nModel on every row: alpha %.2f (L1 share), lambda %.4g%n", model.alpha(),
                model.lambda());
        int width = 12;
        for (FittedChurnModel.Coefficient k : model.coefficients()) {
            width = Math.max(width, k.term().length());
        }
        String term = "%-" + width + "s";
        out.printf(Locale.ROOT, term + "  %10s  %10s  %s%n", "term", "estimate", "refit", "95% Wald interval");
        for (FittedChurnModel.Coefficient k : model.coefficients()) {
            FittedChurnModel.Interval i = k.interval();
            out.printf(Locale.ROOT, term + "  %10.4f  %10s  %s%n", k.term(), k.estimate(),
                    i == null ? "" : String.format(Locale.ROOT, "%.4f", i.estimate()),
                    i == null ? k.note() : String.format(Locale.ROOT, "[%.4f, %.4f]", i.lower(), i.upper()));
        }
        for (String note : model.notes()) {
            out.println("note: " + note);
        }
        out.printf(Locale.ROOT, "%n%.2f s%n", seconds);
    }
}
