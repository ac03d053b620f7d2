package io.fidelis.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.fidelis.core.pls.Bootstrap;
import io.fidelis.core.pls.ConstructQuality;
import io.fidelis.core.pls.EcsiModel;
import io.fidelis.core.pls.FittedPlsPm;
import io.fidelis.core.pls.IndexWeighting;
import io.fidelis.core.pls.Ipma;
import io.fidelis.core.pls.PlsModel;
import io.fidelis.core.pls.PlsPm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis satisfaction-index}: the ECSI/ACSI customer satisfaction index of a survey file by PLS path
 * modelling ({@link PlsPm}), without a database. A stable contract for scripts:
 *
 * <pre>
 * fidelis satisfaction-index --input FILE.csv[.gz] --model ecsi|acsi|MODEL.json
 *     [--scheme path|centroid|factorial] [--scaled true|false] [--bootstrap N] [--seed S]
 *     [--scale-min 1 --scale-max 10] [--missing reject|mean|casewise] [--format json|table]
 * </pre>
 *
 * <ul>
 * <li><b>Model.</b> {@code ecsi} is {@link EcsiModel#mobi()} (constructs IMAG, EXPE, QUAL, VAL, SAT, COMP, LOY with
 * the mobi items IMAG1–5, CUEX1–3, PERQ1–7, PERV1–2, CUSA1–3, CUSCO, CUSL1–3), {@code acsi} is {@link EcsiModel#acsi()}
 * (the same without IMAG); anything else is the path of a model file read by {@link PlsModel#fromJson(String)}:
 * {@code {"blocks": {"IMAG": ["imag1", …], …}, "paths": [["IMAG","EXPE"], …], "modes": {"IMAG": "A"}}}. The names
 * {@code gof} and {@code htmt} are reserved for the output and cannot name a construct.</li>
 * <li><b>Data.</b> A CSV file (plain or gzip, recognised by content) with a header; the columns named as the model's
 * items (exactly, case sensitive), in any order; other columns are ignored. An empty cell is a missing answer:
 * {@code --missing reject} (the default) refuses the file naming the first one, {@code mean} replaces it by the item's
 * mean, {@code casewise} leaves the respondent out. Every answer must be a number within
 * [{@code --scale-min}, {@code --scale-max}] (default 1–10), the scale of the 0–100 index.</li>
 * <li><b>Output.</b> {@code --format json} prints one JSON object on stdout: {@code respondents} (data rows),
 * {@code rowsUsed}, {@code model}, {@code scheme}, {@code scaled}, {@code missing}, {@code imputed},
 * {@code converged}, {@code iterations}, {@code paths} ({@code "FROM->TO"}), {@code r2} (endogenous constructs),
 * {@code totalEffects}, {@code outer} (construct → item → weight, loading), {@code index} (0–100, outer weights on
 * the items' own metric, {@link IndexWeighting#ITEM_METRIC}), {@code quality} (construct → cronbachAlpha,
 * compositeReliability, ave; and {@code gof}, {@code htmt} with {@code "A~B"} keys, null where undefined),
 * {@code ipma} (target and construct → importance, performance) and, with {@code --bootstrap N}, {@code bootstrap}
 * (resamples, seed, failed, confidence 0.95, percentile intervals lower, upper, standardError of the paths and R²).
 * The IPMA target is SAT for {@code ecsi} and {@code acsi}; for a model file the construct named SAT if there is
 * one, otherwise the last endogenous construct in the order the blocks are given. {@code --format table} (the
 * default) prints the same as a readable summary.</li>
 * <li><b>Exit status.</b> 0: fitted (a fit that did not converge is still printed, with {@code converged} false and
 * a warning on stderr); 1: the data or the model file cannot be read or fitted (no such file, an absent column, an
 * empty cell under {@code reject}, a non-number, an answer off the scale, an item with zero variance, an invalid
 * model or a cycle in it), with the file, line and column where there is one; 2: the command line is wrong.</li>
 * </ul>
 */
@Command(name = "satisfaction-index", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The ECSI/ACSI satisfaction index of a survey CSV by PLS path modelling, without a database.",
                "The CSV has a header naming the model's items; an empty cell is a missing answer.",
                "Exit status: 0 fitted; 1 the data or the model cannot be read or fitted; 2 a usage error."})
class SatisfactionIndexCommand implements Callable<Integer> {
    enum Missing {
        REJECT(PlsPm.MissingValues.REJECT), MEAN(PlsPm.MissingValues.MEAN_REPLACEMENT),
        CASEWISE(PlsPm.MissingValues.CASEWISE_DELETION);

        final PlsPm.MissingValues core;

        Missing(PlsPm.MissingValues core) {
            this.core = core;
        }
    }

    enum Format { JSON, TABLE }

    /** The confidence level of the bootstrap intervals. */
    static final double CONFIDENCE = 0.95;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "The survey CSV file (plain or gzip).")
    Path input;

    @Option(names = "--model", required = true, paramLabel = "ecsi|acsi|MODEL.json",
            description = "The built-in ECSI or ACSI model with the mobi item names, or a model file (see the README).")
    String model;

    @Option(names = "--scheme", defaultValue = "path", paramLabel = "path|centroid|factorial",
            description = "Inner weighting: path, centroid or factorial (default: ${DEFAULT-VALUE}).")
    PlsPm.InnerScheme scheme;

    @Option(names = "--scaled", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "true: standardise the items (plspm scaled=TRUE, SmartPLS); false: only centre them"
                    + " (default: ${DEFAULT-VALUE}).")
    boolean scaled;

    @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N",
            description = "Bootstrap resamples for percentile intervals (0: none; 5000 for reporting).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale-min", defaultValue = "1", paramLabel = "MIN",
            description = "Lowest answer (default: ${DEFAULT-VALUE}).")
    double scaleMin;

    @Option(names = "--scale-max", defaultValue = "10", paramLabel = "MAX",
            description = "Highest answer (default: ${DEFAULT-VALUE}).")
    double scaleMax;

    @Option(names = "--missing", defaultValue = "reject", paramLabel = "reject|mean|casewise",
            description = "Empty cells: reject, mean (replace by the item mean) or casewise (drop the respondent)"
                    + " (default: ${DEFAULT-VALUE}).")
    Missing missing;

    @Option(names = "--format", defaultValue = "table", paramLabel = "json|table",
            description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    /** A model with the name it goes by in the output and the construct its IPMA is for. */
    record Loaded(PlsModel model, String name, String ipmaTarget) {
    }

    /** Everything printed: the fit, its 0–100 index and IPMA, and the bootstrap (null without one). */
    record Report(String modelName, int respondents, Missing missing, FittedPlsPm fit, Map<String, Double> index,
                  Ipma ipma, Bootstrap.Result bootstrap, long seed) {
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        if (!(Double.isFinite(scaleMin) && Double.isFinite(scaleMax) && scaleMin < scaleMax)) {
            err.println("error: --scale-min must be below --scale-max, got " + SurveyCsv.number(scaleMin) + " and "
                    + SurveyCsv.number(scaleMax));
            return 2;
        }
        if (bootstrap < 0 || bootstrap == 1) {
            err.println("error: --bootstrap is 0 (none) or at least 2 resamples, got " + bootstrap);
            return 2;
        }
        Loaded loaded;
        SurveyCsv.Survey survey;
        try {
            loaded = load(model);
            survey = SurveyCsv.read(input, items(loaded.model()), missing != Missing.REJECT, scaleMin, scaleMax);
        } catch (SurveyCsv.Invalid e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 1;
        } catch (IOException e) { // a directory, no permission, a broken gzip stream
            err.println("error: cannot read " + input + ": " + e);
            return 1;
        }
        Report report;
        try {
            report = analyse(loaded, survey, PlsPm.Options.defaults().withScheme(scheme).withScaled(scaled)
                    .withMissingValues(missing.core), bootstrap, seed, scaleMin, scaleMax);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + input + ": " + e.getMessage());
            return 1;
        }
        FittedPlsPm fit = report.fit();
        if (!fit.converged()) {
            err.printf(Locale.ROOT, "warning: the outer weights did not converge in %d iterations;"
                    + " the estimates are not reliable%n", fit.iterations());
        }
        if (report.bootstrap() != null && report.bootstrap().failed() > 0) {
            err.printf(Locale.ROOT, "warning: %d of %d bootstrap resamples could not be fitted and were left out: %s%n",
                    report.bootstrap().failed(), report.bootstrap().resamples(), report.bootstrap().failures());
        }
        if (format == Format.JSON) {
            System.out.println(JsonMapper.builder().build().writeValueAsString(json(report)));
        } else {
            printTable(report);
        }
        return 0;
    }

    /** Fits the model, reads its index and IPMA, and bootstraps it when {@code resamples > 0}. */
    static Report analyse(Loaded loaded, SurveyCsv.Survey survey, PlsPm.Options options, int resamples, long seed,
                          double min, double max) {
        FittedPlsPm fit = PlsPm.fit(survey.data(), loaded.model(), options);
        Map<String, Double> index = fit.index(IndexWeighting.ITEM_METRIC, min, max);
        Ipma ipma = fit.ipma(loaded.ipmaTarget(), min, max);
        Bootstrap.Result boot = resamples > 0 ? Bootstrap.run(fit, new Bootstrap.Options(resamples, seed,
                Runtime.getRuntime().availableProcessors(), CONFIDENCE)) : null;
        Missing missing = switch (options.missingValues()) {
            case REJECT -> Missing.REJECT;
            case MEAN_REPLACEMENT -> Missing.MEAN;
            case CASEWISE_DELETION -> Missing.CASEWISE;
        };
        return new Report(loaded.name(), survey.respondents(), missing, fit, index, ipma, boot, seed);
    }

    /**
     * The built-in model {@code ecsi} or {@code acsi} (any case), or the model in the file of that name.
     *
     * @throws SurveyCsv.Invalid when the file is not a valid model
     */
    static Loaded load(String spec) throws SurveyCsv.Invalid {
        String name = spec.toLowerCase(Locale.ROOT);
        if (name.equals("ecsi")) {
            return new Loaded(EcsiModel.mobi(), "ecsi", EcsiModel.SATISFACTION);
        }
        if (name.equals("acsi")) {
            return new Loaded(EcsiModel.acsi(), "acsi", EcsiModel.SATISFACTION);
        }
        Path file = Path.of(spec);
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SurveyCsv.Invalid("no such model file: " + spec + " (--model is ecsi, acsi or a MODEL.json"
                    + " file)");
        } catch (CharacterCodingException e) {
            throw new SurveyCsv.Invalid(spec + ": the model file is not UTF-8 text");
        } catch (IOException e) {
            throw new SurveyCsv.Invalid("cannot read the model file " + spec + ": " + e);
        }
        PlsModel m;
        try {
            m = PlsModel.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new SurveyCsv.Invalid(spec + ": " + e.getMessage());
        }
        for (String reserved : List.of("gof", "htmt")) {
            if (m.constructs().contains(reserved)) {
                throw new SurveyCsv.Invalid(spec + ": a construct cannot be named " + reserved
                        + " (the name is a field of the output's \"quality\")");
            }
        }
        return new Loaded(m, spec, ipmaTarget(m));
    }

    /** SAT if the model has it, otherwise the last endogenous construct in block order. */
    static String ipmaTarget(PlsModel model) {
        if (model.constructs().contains(EcsiModel.SATISFACTION)) {
            return EcsiModel.SATISFACTION;
        }
        Set<String> endogenous = new LinkedHashSet<>();
        for (PlsModel.Path p : model.paths()) {
            endogenous.add(p.to());
        }
        String target = null;
        for (String c : model.constructs()) {
            if (endogenous.contains(c)) {
                target = c;
            }
        }
        return target;
    }

    /** The model's items, block by block. */
    static List<String> items(PlsModel model) {
        List<String> items = new ArrayList<>();
        for (String c : model.constructs()) {
            items.addAll(model.items(c));
        }
        return items;
    }

    static String key(PlsModel.Path p) {
        return p.from() + "->" + p.to();
    }

    /** JSON has no NaN: an undefined value is null. */
    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Map<String, Object> json(Report r) {
        FittedPlsPm fit = r.fit();
        PlsModel model = fit.model();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("respondents", r.respondents());
        out.put("rowsUsed", fit.respondents());
        out.put("model", r.modelName());
        out.put("scheme", fit.options().scheme().name().toLowerCase(Locale.ROOT));
        out.put("scaled", fit.options().scaled());
        out.put("missing", r.missing().name().toLowerCase(Locale.ROOT));
        out.put("imputed", fit.imputedValues());
        out.put("converged", fit.converged());
        out.put("iterations", fit.iterations());
        Map<String, Object> paths = new LinkedHashMap<>();
        fit.pathCoefficients().forEach((p, v) -> paths.put(key(p), num(v)));
        out.put("paths", paths);
        Map<String, Object> r2 = new LinkedHashMap<>();
        fit.rSquared().forEach((c, v) -> r2.put(c, num(v)));
        out.put("r2", r2);
        Map<String, Object> totals = new LinkedHashMap<>();
        fit.totalEffects().forEach((p, v) -> totals.put(key(p), num(v)));
        out.put("totalEffects", totals);
        Map<String, Double> weights = fit.outerWeights();
        Map<String, Double> loadings = fit.outerLoadings();
        Map<String, Object> outer = new LinkedHashMap<>();
        for (String c : model.constructs()) {
            Map<String, Object> block = new LinkedHashMap<>();
            for (String item : model.items(c)) {
                Map<String, Object> wl = new LinkedHashMap<>();
                wl.put("weight", num(weights.get(item)));
                wl.put("loading", num(loadings.get(item)));
                block.put(item, wl);
            }
            outer.put(c, block);
        }
        out.put("outer", outer);
        Map<String, Object> index = new LinkedHashMap<>();
        r.index().forEach((c, v) -> index.put(c, num(v)));
        out.put("index", index);
        Map<String, Object> quality = new LinkedHashMap<>();
        fit.quality().forEach((c, q) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cronbachAlpha", num(q.cronbachAlpha()));
            m.put("compositeReliability", num(q.compositeReliability()));
            m.put("ave", num(q.averageVarianceExtracted()));
            quality.put(c, m);
        });
        quality.put("gof", num(fit.goodnessOfFit()));
        Map<String, Object> htmt = new LinkedHashMap<>();
        fit.htmt().forEach((a, row) -> row.forEach((b, v) -> htmt.put(a + "~" + b, num(v))));
        quality.put("htmt", htmt);
        out.put("quality", quality);
        Map<String, Object> ipma = new LinkedHashMap<>();
        ipma.put("target", r.ipma().target());
        Map<String, Object> points = new LinkedHashMap<>();
        for (Ipma.ConstructPoint p : r.ipma().constructs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("importance", num(p.importance()));
            m.put("performance", num(p.performance()));
            points.put(p.construct(), m);
        }
        ipma.put("constructs", points);
        out.put("ipma", ipma);
        Bootstrap.Result b = r.bootstrap();
        if (b != null) {
            Map<String, Object> boot = new LinkedHashMap<>();
            boot.put("resamples", b.resamples());
            boot.put("seed", r.seed());
            boot.put("failed", b.failed());
            boot.put("confidence", CONFIDENCE);
            Map<String, Object> bp = new LinkedHashMap<>();
            b.paths().forEach((p, i) -> bp.put(key(p), interval(i)));
            boot.put("paths", bp);
            Map<String, Object> br = new LinkedHashMap<>();
            b.rSquared().forEach((c, i) -> br.put(c, interval(i)));
            boot.put("r2", br);
            out.put("bootstrap", boot);
        }
        return out;
    }

    private static Map<String, Object> interval(Bootstrap.Interval i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lower", num(i.lower()));
        m.put("upper", num(i.upper()));
        m.put("standardError", num(i.standardError()));
        return m;
    }

    private static void printTable(Report r) {
        FittedPlsPm fit = r.fit();
        PlsModel model = fit.model();
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Satisfaction index, model %s: %d respondents (%d used%s), %s scheme, %s items, %s%n",
                r.modelName(), r.respondents(), fit.respondents(),
                fit.imputedValues() > 0 ? ", " + fit.imputedValues() + " missing answers replaced by the item mean"
                        : "",
                fit.options().scheme().name().toLowerCase(Locale.ROOT),
                fit.options().scaled() ? "standardised" : "centred",
                fit.converged() ? "converged in " + fit.iterations() + " iterations"
                        : "NOT converged in " + fit.iterations() + " iterations");
        Bootstrap.Result b = r.bootstrap();
        int width = 6;
        for (PlsModel.Path p : model.paths()) {
            width = Math.max(width, p.from().length() + 4 + p.to().length());
        }
        String pathColumn = "%-" + width + "s";
        out.println();
        if (b == null) {
            out.printf(Locale.ROOT, pathColumn + "  %11s%n", "path", "coefficient");
        } else {
            out.printf(Locale.ROOT, pathColumn + "  %11s  %s%n", "path", "coefficient",
                    String.format(Locale.ROOT, "%.0f%% interval (%d resamples, seed %d%s)", 100 * CONFIDENCE,
                            b.resamples(), r.seed(), b.failed() > 0 ? ", " + b.failed() + " failed" : ""));
        }
        for (var e : fit.pathCoefficients().entrySet()) {
            String name = e.getKey().from() + " -> " + e.getKey().to();
            if (b == null) {
                out.printf(Locale.ROOT, pathColumn + "  %11.4f%n", name, e.getValue());
            } else {
                Bootstrap.Interval i = b.paths().get(e.getKey());
                out.printf(Locale.ROOT, pathColumn + "  %11.4f  [%.4f, %.4f]%s%n", name, e.getValue(), i.lower(),
                        i.upper(), i.contains(0) ? "" : " *");
            }
        }
        int cw = 9;
        for (String c : model.constructs()) {
            cw = Math.max(cw, c.length());
        }
        out.println();
        out.printf(Locale.ROOT, "%-" + cw + "s  %6s  %9s  %6s  %6s  %6s  %10s%n", "construct", "R²", "index",
                "alpha", "rho_C", "AVE", "importance");
        Map<String, Ipma.ConstructPoint> ipma = new LinkedHashMap<>();
        for (Ipma.ConstructPoint p : r.ipma().constructs()) {
            ipma.put(p.construct(), p);
        }
        for (String c : model.constructs()) {
            Double r2 = fit.rSquared().get(c);
            ConstructQuality q = fit.quality().get(c);
            Ipma.ConstructPoint p = ipma.get(c);
            out.printf(Locale.ROOT, "%-" + cw + "s  %6s  %9.2f  %6.3f  %6.3f  %6.3f  %10s%n", c,
                    r2 == null ? "-" : String.format(Locale.ROOT, "%.3f", r2), r.index().get(c), q.cronbachAlpha(),
                    q.compositeReliability(), q.averageVarianceExtracted(),
                    p == null ? "-" : String.format(Locale.ROOT, "%.3f", p.importance()));
        }
        out.printf(Locale.ROOT, "%nindex: 0–100 on the answer scale, outer weights on the items' metric;"
                + " importance: index points of %s per index point of the construct (IPMA; performance = index)%n",
                r.ipma().target());
        out.printf(Locale.ROOT, "GoF %.4f%n", fit.goodnessOfFit());
        List<String> high = new ArrayList<>();
        fit.htmt().forEach((a, row) -> row.forEach((c, v) -> {
            if (v > 0.85) {
                high.add(String.format(Locale.ROOT, "%s~%s %.3f", a, c, v));
            }
        }));
        out.println(high.isEmpty() ? "HTMT: every pair of constructs below 0.85"
                : "HTMT above 0.85 (constructs perhaps not distinct): " + String.join(", ", high));
        if (b != null) {
            out.println("* the interval excludes 0");
        }
    }
}
