package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis satisfaction-index} as a script uses it: the JSON contract on the ECSI mobi data against plspm 0.5.1
 * and SmartPLS 2.0.M3 (the reference files in {@code src/test/resources/data/plspm_0.5.1}, sources in the README
 * there), a model file, reproducible bootstrap intervals, missing answers, and errors that name the file, line and
 * column with the right exit status. No database, no Spring.
 */
class SatisfactionIndexCommandTest {
    /** The reference files' construct names → the command's. */
    private static final Map<String, String> CONSTRUCT = Map.of("Image", "IMAG", "Expectation", "EXPE", "Quality",
            "QUAL", "Value", "VAL", "Satisfaction", "SAT", "Complaints", "COMP", "Loyalty", "LOY");

    /** The built-in ECSI model written as a model file (EcsiModel.mobi()). */
    private static final String ECSI_JSON = """
            {"blocks": {"IMAG": ["IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"],
                        "EXPE": ["CUEX1", "CUEX2", "CUEX3"],
                        "QUAL": ["PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"],
                        "VAL": ["PERV1", "PERV2"],
                        "SAT": ["CUSA1", "CUSA2", "CUSA3"],
                        "COMP": ["CUSCO"],
                        "LOY": ["CUSL1", "CUSL2", "CUSL3"]},
             "paths": [["IMAG", "EXPE"], ["IMAG", "SAT"], ["IMAG", "LOY"], ["EXPE", "QUAL"], ["EXPE", "VAL"],
                       ["EXPE", "SAT"], ["QUAL", "VAL"], ["QUAL", "SAT"], ["VAL", "SAT"], ["SAT", "COMP"],
                       ["SAT", "LOY"], ["COMP", "LOY"]],
             "modes": {"IMAG": "A", "EXPE": "A", "QUAL": "A", "VAL": "A", "SAT": "A", "COMP": "A", "LOY": "A"}}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static Path mobi;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void data() throws IOException {
        mobi = dir.resolve("mobi.csv");
        try (InputStream in = SatisfactionIndexCommandTest.class.getResourceAsStream("/data/mobi.csv")) {
            Files.copy(in, mobi);
        }
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new FidelisCommand());
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            int code = cli.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Run index(Path input, String... more) {
        List<String> args = new ArrayList<>(List.of("satisfaction-index", "--input", input.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    static Run ok(Run r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }

    /** One reference CSV: the rows, quotes removed. */
    static List<String[]> reference(String name) throws IOException {
        try (InputStream in = SatisfactionIndexCommandTest.class.getResourceAsStream("/data/plspm_0.5.1/" + name)) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(line.replace("\"", "").strip().split(","));
                }
            }
            return rows.subList(1, rows.size());
        }
    }

    /** A copy of mobi.csv with one data cell (row 0-based, column by name) replaced. */
    static Path mobiWith(String name, int row, String column, String value) throws IOException {
        List<String> lines = Files.readAllLines(mobi);
        int c = List.of(lines.get(0).split(",")).indexOf(column);
        String[] f = lines.get(row + 1).split(",", -1);
        f[c] = value;
        lines.set(row + 1, String.join(",", f));
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }

    @Test
    void ecsiOnMobiReproducesPlspmAndSmartPls() {
        JsonNode j = ok(index(mobi, "--model", "ecsi", "--format", "json")).json();
        assertThat(j.get("respondents").asInt()).isEqualTo(250);
        assertThat(j.get("rowsUsed").asInt()).isEqualTo(250);
        assertThat(j.get("scheme").asString()).isEqualTo("path");
        assertThat(j.get("scaled").asBoolean()).isTrue();
        assertThat(j.get("converged").asBoolean()).isTrue();
        assertThat(j.get("iterations").asInt()).isEqualTo(5);
        // plspm 0.5.1 and SmartPLS 2.0.M3 (path weighting), the key numbers of fidelis-core's ecsi/README.md:
        // Quality→Satisfaction 0.51202394, Satisfaction→Loyalty 0.48547762, R² Satisfaction 0.68107829.
        JsonNode paths = j.get("paths");
        assertThat(paths.propertyNames()).hasSize(12);
        assertThat(paths.get("QUAL->SAT").asDouble()).isCloseTo(0.51202394, offset(1e-6));
        assertThat(paths.get("SAT->LOY").asDouble()).isCloseTo(0.48547762, offset(1e-6));
        assertThat(paths.get("IMAG->EXPE").asDouble()).isCloseTo(0.50491393, offset(1e-6));
        assertThat(paths.get("COMP->LOY").asDouble()).isCloseTo(0.06692607, offset(1e-6));
        assertThat(j.get("r2").get("SAT").asDouble()).isCloseTo(0.68107829, offset(1e-6));
        assertThat(j.get("r2").get("LOY").asDouble()).isCloseTo(0.45694445, offset(1e-6));
        assertThat(j.get("r2").propertyNames()).containsExactly("EXPE", "QUAL", "VAL", "SAT", "COMP", "LOY");
        // SmartPLS 2.0.M3 total effects (semPLS tests/SmartPLS/results/ecsi/pathWeighting): Quality→Complaints.
        assertThat(j.get("totalEffects").propertyNames()).hasSize(21);
        assertThat(j.get("totalEffects").get("QUAL->COMP").asDouble()).isCloseTo(0.32780354, offset(1e-6));
        // plspm 0.5.1 outer weight and loading of CUSL2 (plspm_path_outer.csv).
        JsonNode cusl2 = j.get("outer").get("LOY").get("CUSL2");
        assertThat(cusl2.get("weight").asDouble()).isCloseTo(0.11426953727236, offset(1e-6));
        assertThat(cusl2.get("loading").asDouble()).isCloseTo(0.202021720287163, offset(1e-6));
        assertThat(j.get("outer").propertyNames()).containsExactly("IMAG", "EXPE", "QUAL", "VAL", "SAT", "COMP",
                "LOY");
        // Variant A of mobi_index_0_100_variants.csv (plspm 0.5.1 weights ÷ item SD, normalised), fidelis-core.
        assertThat(j.get("index").get("SAT").asDouble()).isCloseTo(72.45411783, offset(1e-6));
        assertThat(j.get("index").get("LOY").asDouble()).isCloseTo(70.91385332, offset(1e-6));
        assertThat(j.get("index").get("COMP").asDouble()).isCloseTo(67.42222222, offset(1e-6));
        JsonNode quality = j.get("quality");
        assertThat(quality.get("QUAL").get("cronbachAlpha").asDouble()).isBetween(0.8, 0.95);
        assertThat(quality.get("COMP").get("ave").asDouble()).isEqualTo(1.0);
        assertThat(quality.get("gof").asDouble()).isBetween(0.4, 0.6);
        assertThat(quality.get("htmt").propertyNames()).hasSize(21).contains("IMAG~EXPE", "SAT~LOY");
        assertThat(j.get("ipma").get("target").asString()).isEqualTo("SAT");
        assertThat(j.get("ipma").get("constructs").propertyNames()).containsExactly("IMAG", "EXPE", "QUAL", "VAL");
        assertThat(j.get("ipma").get("constructs").get("QUAL").get("performance").asDouble())
                .isEqualTo(j.get("index").get("QUAL").asDouble());
        assertThat(j.has("bootstrap")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"path", "centroid", "factorial"})
    void everySchemeGivesPlspmsPathsAndRSquared(String scheme) throws IOException {
        JsonNode j = ok(index(mobi, "--model", "ecsi", "--scheme", scheme, "--format", "json")).json();
        assertThat(j.get("scheme").asString()).isEqualTo(scheme);
        List<String[]> paths = reference("plspm_" + scheme + "_paths.csv");
        assertThat(paths).hasSize(12);
        for (String[] p : paths) {
            String key = CONSTRUCT.get(p[0]) + "->" + CONSTRUCT.get(p[1]);
            assertThat(j.get("paths").get(key).asDouble()).as(scheme + " " + key)
                    .isCloseTo(Double.parseDouble(p[2]), offset(1e-6));
        }
        for (String[] c : reference("plspm_" + scheme + "_constructs.csv")) {
            double r2 = Double.parseDouble(c[1]);
            JsonNode mine = j.get("r2").get(CONSTRUCT.get(c[0]));
            assertThat(mine == null ? 0 : mine.asDouble()).as(scheme + " R² " + c[0]).isCloseTo(r2, offset(1e-6));
        }
    }

    @Test
    void aModelFileGivesTheSameNumbersAsTheBuiltInEcsi() throws IOException {
        Path model = dir.resolve("ecsi.json");
        Files.writeString(model, ECSI_JSON);
        JsonNode builtIn = ok(index(mobi, "--model", "ecsi", "--format", "json")).json();
        JsonNode file = ok(index(mobi, "--model", model.toString(), "--format", "json")).json();
        assertThat(file.get("model").asString()).isEqualTo(model.toString());
        for (String field : List.of("paths", "r2", "totalEffects", "outer", "index", "quality", "ipma")) {
            assertThat(file.get(field)).as(field).isEqualTo(builtIn.get(field));
        }
    }

    @Test
    void bootstrapWithASeedIsReproducibleAndItsIntervalsContainTheEstimates() {
        Run first = ok(index(mobi, "--model", "ecsi", "--format", "json", "--bootstrap", "200", "--seed", "7"));
        Run second = ok(index(mobi, "--model", "ecsi", "--format", "json", "--bootstrap", "200", "--seed", "7"));
        assertThat(second.out()).isEqualTo(first.out());
        JsonNode j = first.json();
        JsonNode b = j.get("bootstrap");
        assertThat(b.get("resamples").asInt()).isEqualTo(200);
        assertThat(b.get("seed").asLong()).isEqualTo(7);
        assertThat(b.get("failed").asInt()).isZero();
        assertThat(b.get("confidence").asDouble()).isEqualTo(0.95);
        assertThat(b.get("paths").propertyNames()).hasSize(12);
        for (String path : j.get("paths").propertyNames()) {
            double estimate = j.get("paths").get(path).asDouble();
            JsonNode i = b.get("paths").get(path);
            assertThat(estimate).as(path).isBetween(i.get("lower").asDouble(), i.get("upper").asDouble());
            assertThat(i.get("standardError").asDouble()).as(path).isBetween(0.01, 0.15);
        }
        for (String construct : j.get("r2").propertyNames()) {
            JsonNode i = b.get("r2").get(construct);
            assertThat(j.get("r2").get(construct).asDouble()).as("R² " + construct)
                    .isBetween(i.get("lower").asDouble(), i.get("upper").asDouble());
        }
        // Quality → Satisfaction is significant on these data, Expectation → Value is not.
        assertThat(b.get("paths").get("QUAL->SAT").get("lower").asDouble()).isPositive();
        assertThat(b.get("paths").get("EXPE->VAL").get("lower").asDouble()).isNegative();
        Run other = ok(index(mobi, "--model", "ecsi", "--format", "json", "--bootstrap", "200", "--seed", "8"));
        assertThat(other.json().get("bootstrap").get("paths")).isNotEqualTo(b.get("paths"));
        assertThat(other.json().get("paths")).isEqualTo(j.get("paths"));
    }

    @Test
    void theTableSummarisesPathsRSquaredIndexAndQuality() {
        Run r = ok(index(mobi, "--model", "ecsi", "--bootstrap", "100"));
        assertThat(r.out()).contains("250 respondents (250 used), path scheme")
                .containsPattern("QUAL -> SAT +0\\.5120  \\[0\\.\\d+, 0\\.\\d+\\] \\*")
                .containsPattern("SAT +0\\.681 +72\\.45 +0\\.779 +0\\.871 +0\\.693")
                .contains("GoF 0.4718").contains("IPMA").contains("95% interval (100 resamples, seed 1)");
    }

    @Test
    void acsiLeavesImageOutAndGzipIsRecognised() throws IOException {
        Path gz = dir.resolve("mobi.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(mobi, out);
        }
        JsonNode j = ok(index(gz, "--model", "ACSI", "--format", "json")).json();
        assertThat(j.get("model").asString()).isEqualTo("acsi");
        assertThat(j.get("outer").propertyNames()).containsExactly("EXPE", "QUAL", "VAL", "SAT", "COMP", "LOY");
        assertThat(j.get("paths").propertyNames()).hasSize(9).doesNotContain("IMAG->EXPE");
        assertThat(j.get("ipma").get("target").asString()).isEqualTo("SAT");
        assertThat(j.get("respondents").asInt()).isEqualTo(250);
    }

    @Test
    void withoutASatConstructTheIpmaTargetIsTheLastEndogenousConstruct() throws IOException {
        Path model = dir.resolve("renamed.json");
        Files.writeString(model, ECSI_JSON.replace("\"SAT\"", "\"SATISFACTION\"").replace("\"LOY\"", "\"LOYALTY\""));
        JsonNode j = ok(index(mobi, "--model", model.toString(), "--format", "json")).json();
        assertThat(j.get("ipma").get("target").asString()).isEqualTo("LOYALTY");
        assertThat(j.get("ipma").get("constructs").propertyNames())
                .containsExactly("IMAG", "EXPE", "QUAL", "VAL", "SATISFACTION", "COMP");
        assertThat(j.get("paths").get("QUAL->SATISFACTION").asDouble()).isCloseTo(0.51202394, offset(1e-6));
    }

    @Test
    void missingAnswersAreReplacedByTheMeanOrTheirRespondentLeftOut() throws IOException {
        Path gap = mobiWith("gap.csv", 10, "CUSA2", "");
        JsonNode full = ok(index(mobi, "--model", "ecsi", "--format", "json")).json();
        JsonNode mean = ok(index(gap, "--model", "ecsi", "--format", "json", "--missing", "mean")).json();
        assertThat(mean.get("respondents").asInt()).isEqualTo(250);
        assertThat(mean.get("rowsUsed").asInt()).isEqualTo(250);
        assertThat(mean.get("missing").asString()).isEqualTo("mean");
        assertThat(mean.get("imputed").asInt()).isEqualTo(1);
        assertThat(mean.get("paths").get("QUAL->SAT").asDouble())
                .isCloseTo(full.get("paths").get("QUAL->SAT").asDouble(), offset(0.01))
                .isNotEqualTo(full.get("paths").get("QUAL->SAT").asDouble());
        JsonNode casewise = ok(index(gap, "--model", "ecsi", "--format", "json", "--missing", "casewise")).json();
        assertThat(casewise.get("respondents").asInt()).isEqualTo(250);
        assertThat(casewise.get("rowsUsed").asInt()).isEqualTo(249);
        assertThat(casewise.get("imputed").asInt()).isZero();
        // An empty cell in a column the model does not use is no missing answer.
        Path extra = dir.resolve("extra.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(mobi));
        lines.set(0, lines.get(0) + ",note");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + (i == 5 ? ",\"called back, happy\"" : ","));
        }
        Files.write(extra, lines);
        assertThat(ok(index(extra, "--model", "ecsi", "--format", "json")).json().get("paths"))
                .isEqualTo(full.get("paths"));
    }

    @Test
    void anEmptyCellIsRefusedByDefaultNamingFileLineAndColumn() throws IOException {
        Path gap = mobiWith("gap-reject.csv", 10, "CUSA2", "");
        Run r = index(gap, "--model", "ecsi");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("gap-reject.csv:12: column CUSA2: empty").contains("--missing mean");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aNonNumberIsRefusedNamingFileLineColumnAndValue() throws IOException {
        Run r = index(mobiWith("word.csv", 0, "PERQ3", "seven"), "--model", "ecsi");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("word.csv:2: column PERQ3: not a number: 'seven'");
        for (String value : List.of("NaN", "Infinity", "7d", "0x1p3", "7,5")) {
            Run v = index(mobiWith("odd.csv", 3, "PERQ3", value.equals("7,5") ? "\"7,5\"" : value), "--model",
                    "ecsi");
            assertThat(v.exit()).as(value).isEqualTo(1);
            assertThat(v.err()).as(value).contains("odd.csv:5: column PERQ3: not a number: '" + value + "'");
        }
        Run off = index(mobiWith("eleven.csv", 0, "PERQ3", "11"), "--model", "ecsi");
        assertThat(off.exit()).isEqualTo(1);
        assertThat(off.err()).contains("eleven.csv:2: column PERQ3: 11 is outside the answer scale 1 to 10");
        assertThat(ok(index(mobiWith("eleven.csv", 0, "PERQ3", "11"), "--model", "ecsi", "--scale-max", "11"))
                .out()).contains("path scheme");
    }

    @Test
    void anAbsentColumnIsNamed() throws IOException {
        List<String> lines = Files.readAllLines(mobi);
        List<String> out = new ArrayList<>();
        int c = List.of(lines.get(0).split(",")).indexOf("CUSCO");
        for (String line : lines) {
            List<String> f = new ArrayList<>(List.of(line.split(",")));
            f.remove(c);
            out.add(String.join(",", f));
        }
        Path file = dir.resolve("no-cusco.csv");
        Files.write(file, out);
        Run r = index(file, "--model", "ecsi");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no-cusco.csv: no column for item CUSCO of the model");

        Run none = index(dir.resolve("nothing.csv"), "--model", "ecsi");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no such file").contains("nothing.csv");
    }

    @Test
    void aZeroVarianceItemIsNamed() throws IOException {
        List<String> lines = Files.readAllLines(mobi);
        int c = List.of(lines.get(0).split(",")).indexOf("CUSA2");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            f[c] = "5";
            lines.set(i, String.join(",", f));
        }
        Path file = dir.resolve("flat.csv");
        Files.write(file, lines);
        Run r = index(file, "--model", "ecsi");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("flat.csv").contains("item CUSA2 has zero variance: every answer is 5");
    }

    @Test
    void anInvalidModelFileOrACycleIsRefused() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"blocks\": {\"SAT\": [\"CUSA1\"]},\n \"paths\": [[\"SAT\" \"LOY\"]]}");
        Run r = index(mobi, "--model", broken.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("broken.json: model JSON, line 2, column");

        Path cycle = dir.resolve("cycle.json");
        Files.writeString(cycle, """
                {"blocks": {"QUAL": ["PERQ1", "PERQ2"], "SAT": ["CUSA1", "CUSA2"], "LOY": ["CUSL1", "CUSL3"]},
                 "paths": [["QUAL", "SAT"], ["SAT", "LOY"], ["LOY", "QUAL"]]}
                """);
        Run c = index(mobi, "--model", cycle.toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("cycle.json").contains("the inner model has a cycle: QUAL → SAT → LOY → QUAL");

        Path reserved = dir.resolve("reserved.json");
        Files.writeString(reserved, ECSI_JSON.replace("\"COMP\"", "\"gof\""));
        Run g = index(mobi, "--model", reserved.toString());
        assertThat(g.exit()).isEqualTo(1);
        assertThat(g.err()).contains("a construct cannot be named gof");

        Run unknown = index(mobi, "--model", "ecsi2");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no such model file: ecsi2 (--model is ecsi, acsi or a MODEL.json file)");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(index(mobi, "--model", "ecsi", "--scheme", "best").exit()).isEqualTo(2);
        assertThat(index(mobi, "--model", "ecsi", "--missing", "ignore").exit()).isEqualTo(2);
        assertThat(index(mobi, "--model", "ecsi", "--scaled", "yes").exit()).isEqualTo(2);
        assertThat(index(mobi).exit()).isEqualTo(2);
        Run scale = index(mobi, "--model", "ecsi", "--scale-min", "10", "--scale-max", "1");
        assertThat(scale.exit()).isEqualTo(2);
        assertThat(scale.err()).contains("--scale-min must be below --scale-max");
        Run one = index(mobi, "--model", "ecsi", "--bootstrap", "1");
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.err()).contains("--bootstrap is 0 (none) or at least 2");
    }
}
