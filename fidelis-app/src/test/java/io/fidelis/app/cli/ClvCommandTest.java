package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis clv} as a script uses it: the JSON contract on the CDNOW sample (values checked against CLVTools
 * 0.12.1 and Fader &amp; Hardie, see fidelis-core's model tests), the scores file, summary input, and errors that
 * name the line. No database, no Spring.
 */
class ClvCommandTest {
    @TempDir
    static Path dir;
    static Path cdnow;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void data() throws IOException {
        cdnow = dir.resolve("cdnow.csv");
        try (InputStream in = ClvCommandTest.class.getResourceAsStream("/data/cdnow_elog.csv")) {
            Files.copy(in, cdnow);
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

    static List<String> cdnowArgs(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("clv", "--input", cdnow.toString(), "--customer-column",
                "sampleid", "--date-column", "date", "--amount-column", "sales", "--observation-end", "1998-06-30"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void jsonContractOnCdnow() {
        Run r = run(cdnowArgs("--calibration-end", "1997-09-30", "--format", "json").toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JsonMapper.builder().build().readTree(r.out());
        assertThat(j.get("customers").asInt()).isEqualTo(2357);
        assertThat(j.get("transactions").asInt()).isEqualTo(6919);
        assertThat(j.get("period").asString()).isEqualTo("week");
        assertThat(j.get("model").asString()).isEqualTo("bgnbd");
        Percentage rel = Percentage.withPercentage(0.1);
        // CLVTools 0.12.1: r=0.2425945, α=4.4136019, a=0.7929199, b=2.4258881, LL=−9582.429.
        assertThat(j.get("params").get("r").asDouble()).isCloseTo(0.2425945, rel);
        assertThat(j.get("params").get("alpha").asDouble()).isCloseTo(4.4136019, rel);
        assertThat(j.get("params").get("a").asDouble()).isCloseTo(0.7929199, rel);
        assertThat(j.get("params").get("b").asDouble()).isCloseTo(2.4258881, rel);
        assertThat(j.get("logLikelihood").asDouble()).isCloseTo(-9582.429, offset(0.01));
        assertThat(j.get("converged").asBoolean()).isTrue();
        assertThat(j.get("boundary").isArray()).isTrue();
        assertThat(j.get("boundary")).isEmpty();
        // Fader & Hardie (2013): p=6.25, q=3.74, γ=15.44 on 946 repeat buyers, LL=−4055.9177.
        JsonNode spend = j.get("spend");
        assertThat(spend.get("model").asString()).isEqualTo("gamma-gamma");
        assertThat(spend.get("customers").asInt()).isEqualTo(946);
        assertThat(spend.get("params").get("p").asDouble()).isCloseTo(6.25, Percentage.withPercentage(0.2));
        assertThat(spend.get("logLikelihood").asDouble()).isCloseTo(-4055.9177, offset(0.01));
        // BTYD: 1,882 repeat purchases in the holdout; FHL's BG/NBD predicts about 1,653.
        assertThat(j.get("holdout").get("actual").asInt()).isEqualTo(1882);
        assertThat(j.get("holdout").get("expected").asDouble()).isCloseTo(1653, offset(3.0));
    }

    @Test
    void paretoNbdParamsAreNamedRAlphaSBeta() {
        Run r = run(cdnowArgs("--calibration-end", "1997-09-30", "--model", "pnbd", "--format", "json")
                .toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JsonMapper.builder().build().readTree(r.out());
        assertThat(j.get("params").propertyNames()).containsExactly("r", "alpha", "s", "beta");
        // CLVTools 0.12.1: s = 0.60625.
        assertThat(j.get("params").get("s").asDouble()).isCloseTo(0.60625, Percentage.withPercentage(0.1));
    }

    @Test
    void scoresFileAndSummaryInputRoundTrip() throws IOException {
        Path scores = dir.resolve("scores.csv");
        Run r = run(cdnowArgs("--calibration-end", "1997-09-30", "--scores", scores.toString()).toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("bgnbd: r=0.24").contains("holdout: 1,882 actual");
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines.get(0)).isEqualTo("customer_id,x,t_x,T,monetary,p_alive,expected_purchases,expected_spend,clv");
        assertThat(lines).hasSize(2358);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double pAlive = Double.parseDouble(f[5]);
            assertThat(pAlive).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(f[8])).isGreaterThanOrEqualTo(0.0);
        }
        // The scores' first columns are a summary file: fitting from it gives the same parameters.
        Run again = run("clv", "--input", scores.toString(), "--input-format", "summary", "--format", "json");
        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode j = JsonMapper.builder().build().readTree(again.out());
        assertThat(j.get("customers").asInt()).isEqualTo(2357);
        assertThat(j.get("params").get("r").asDouble()).isCloseTo(0.2425945, Percentage.withPercentage(0.1));
    }

    @Test
    void errorsNameTheFileLineAndFieldAndExitNonZero() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "customer_id,date,amount\nA,2024-01-02,10\nB,2024-13-45,5\n");
        Run r = run("clv", "--input", bad.toString(), "--observation-end", "2024-12-31");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bad.csv:3").contains("date").contains("2024-13-45");

        Run missing = run("clv", "--input", bad.toString(), "--observation-end", "2024-12-31", "--amount-column",
                "value");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("value").contains("no such column");

        Path oneTimers = dir.resolve("once.csv");
        StringBuilder b = new StringBuilder("customer_id,date,amount\n");
        for (int i = 0; i < 30; i++) {
            b.append("C").append(i).append(",2024-01-").append(String.format("%02d", 1 + i % 28)).append(",10\n");
        }
        Files.writeString(oneTimers, b.toString());
        Run none = run("clv", "--input", oneTimers.toString(), "--observation-end", "2024-12-31");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no customer bought again");

        Run noFile = run("clv", "--input", dir.resolve("nothing.csv").toString(), "--observation-end", "2024-12-31");
        assertThat(noFile.exit()).isEqualTo(1);
        assertThat(noFile.err()).contains("no such file");
    }

    @Test
    void scoresAreWrittenToSixSignificantDigitsLikePrintf() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextDouble() - 0.2) * Math.pow(10, random.nextInt(16) - 6);
            String ours = ClvCommand.appendNumber(new StringBuilder(), v).toString();
            double printf = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v));
            // The same rounded value, or one unit in the sixth digit away where the scaling rounds a tie otherwise.
            assertThat(Double.parseDouble(ours)).as("%s", v).isCloseTo(printf,
                    org.assertj.core.data.Offset.offset(Math.abs(printf) * 1.01e-5));
        }
        assertThat(ClvCommand.appendNumber(new StringBuilder(), 0.999_999_7).toString()).isEqualTo("1");
        assertThat(ClvCommand.appendNumber(new StringBuilder(), -1234.5).toString()).isEqualTo("-1234.5");
        assertThat(ClvCommand.appendNumber(new StringBuilder(), 123_456_789).toString()).isEqualTo("123457000");
        assertThat(ClvCommand.appendNumber(new StringBuilder(), 0.000_123_456_78).toString()).isEqualTo("0.000123457");
        assertThat(ClvCommand.appendNumber(new StringBuilder(), Double.NaN).toString()).isEmpty();
    }
}
