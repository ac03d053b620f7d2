package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis churn fit} and {@code score} as a script uses them, on a generated subscription file (plan,
 * tenure, monthly charge, support calls; churn more likely on the monthly plan, early in tenure and after many
 * calls): the JSON contract, a saved model scoring new customers (one with a plan never seen), and errors that name
 * the problem with exit status 1. No database, no Spring.
 */
class ChurnCommandTest {
    @TempDir
    static Path dir;
    static Path customers;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(out);
        }
    }

    @BeforeAll
    static void data() throws IOException {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("customer_id,plan,tenure,monthly_charge,support_calls,churned\n");
        String[] plans = {"monthly", "annual", "two-year"};
        for (int i = 0; i < 600; i++) {
            String plan = plans[random.nextInt(3)];
            int tenure = random.nextInt(72);
            double charge = 20 + random.nextInt(80);
            int calls = random.nextInt(6);
            double eta = -1 + (plan.equals("monthly") ? 1.5 : plan.equals("annual") ? 0 : -1) - 0.03 * tenure
                    + 0.01 * charge + 0.4 * calls;
            boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-eta));
            csv.append(String.format(Locale.ROOT, "C%04d,%s,%d,%s,%s,%s%n", i, plan, tenure,
                    i % 50 == 0 ? "" : Double.toString(charge), calls, churned ? "Yes" : "No"));
        }
        customers = dir.resolve("customers.csv");
        Files.writeString(customers, csv);
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

    @Test
    void fitPrintsTheCrossValidatedMetricsAndCoefficientsAsJson() {
        Path model = dir.resolve("model.json");
        Run r = run("churn", "fit", "--input", customers.toString(), "--target", "churned", "--id", "customer_id",
                "--folds", "5", "--seed", "7", "--format", "json", "--save", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("rows").asInt()).isEqualTo(600);
        assertThat(j.get("positive").asString()).isEqualTo("Yes");
        assertThat(j.get("features")).extracting(JsonNode::asString)
                .containsExactly("plan", "tenure", "monthly_charge", "support_calls");
        JsonNode cv = j.get("crossValidation");
        assertThat(cv.get("folds").asInt()).isEqualTo(5);
        assertThat(cv.get("seed").asLong()).isEqualTo(7);
        assertThat(cv.get("rocAuc").asDouble()).isBetween(0.7, 1.0);
        assertThat(cv.get("prAuc").asDouble()).isBetween(0.0, 1.0);
        assertThat(cv.get("topDecileLift").asDouble()).isGreaterThan(1.0);
        assertThat(cv.get("brier").asDouble()).isBetween(0.0, 0.25);
        assertThat(cv.get("calibration")).hasSize(10);
        int binned = 0;
        for (JsonNode b : cv.get("calibration")) {
            binned += b.get("count").asInt();
        }
        assertThat(binned).isEqualTo(600);
        JsonNode coefficients = j.get("model").get("coefficients");
        List<String> terms = new ArrayList<>();
        coefficients.forEach(c -> terms.add(c.get("term").asString()));
        // "annual" is the reference level (first in order); the others get a dummy each.
        assertThat(terms).containsExactly("(Intercept)", "plan=monthly", "plan=two-year", "tenure", "monthly_charge",
                "support_calls");
        JsonNode calls = coefficients.get(5);
        assertThat(calls.get("estimate").asDouble()).isPositive();
        assertThat(calls.get("lower").asDouble()).isLessThan(calls.get("refit").asDouble());
        assertThat(calls.get("upper").asDouble()).isGreaterThan(calls.get("refit").asDouble());
        assertThat(j.get("model").get("notes").get(0).asString())
                .startsWith("monthly_charge: 12 missing values replaced by the training median");
        assertThat(Files.exists(model)).isTrue();
    }

    @Test
    void scoreWritesProbabilitiesAndTheTopFactorsInWords() throws IOException {
        Path model = dir.resolve("score-model.json");
        assertThat(run("churn", "fit", "--input", customers.toString(), "--target", "churned", "--id",
                "customer_id", "--save", model.toString()).exit()).isZero();
        Path fresh = dir.resolve("fresh.csv");
        Files.writeString(fresh, """
                customer_id,plan,tenure,monthly_charge,support_calls
                N1,monthly,2,90,5
                N2,two-year,70,25,0
                N3,lifetime,30,50,1
                """);
        Path scores = dir.resolve("scores.csv");
        Run r = run("churn", "score", "--model", model.toString(), "--input", fresh.toString(), "--id",
                "customer_id", "--output", scores.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines.get(0)).isEqualTo("customer_id,probability,factor1,factor2,factor3");
        assertThat(lines).hasSize(4);
        double high = Double.parseDouble(lines.get(1).split(",")[1]);
        double low = Double.parseDouble(lines.get(2).split(",")[1]);
        assertThat(high).isGreaterThan(0.5).isGreaterThan(low);
        assertThat(lines.get(1)).contains("plan = monthly raises churn risk");
        // A plan never seen in training: scored, and not among the factors (it contributes nothing).
        assertThat(lines.get(3)).startsWith("N3,0.").doesNotContain("lifetime");
        // Without --output the scores go to stdout.
        Run stdout = run("churn", "score", "--model", model.toString(), "--input", fresh.toString());
        assertThat(stdout.exit()).isZero();
        assertThat(stdout.out()).startsWith("row,probability,factor1,factor2,factor3\n1,0.");
    }

    @Test
    void textFormatIsReadable() {
        Run r = run("churn", "fit", "--input", customers.toString(), "--target", "churned", "--id", "customer_id");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ROC AUC", "PR AUC", "top-decile lift", "Brier", "95% Wald interval",
                "plan=monthly");
    }

    @Test
    void badInputIsAClearErrorWithExitStatusOne() throws IOException {
        Run noTarget = run("churn", "fit", "--input", customers.toString(), "--target", "Churn");
        assertThat(noTarget.exit()).isEqualTo(1);
        assertThat(noTarget.err()).startsWith("error: " + customers + ": no column Churn (the target)")
                .doesNotContain("Exception");
        Run noFile = run("churn", "fit", "--input", dir.resolve("absent.csv").toString(), "--target", "churned");
        assertThat(noFile.exit()).isEqualTo(1);
        assertThat(noFile.err()).isEqualTo("error: no such file: " + dir.resolve("absent.csv") + "\n");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"fidelis-churn-model\",");
        Run badModel = run("churn", "score", "--model", broken.toString(), "--input", customers.toString());
        assertThat(badModel.exit()).isEqualTo(1);
        assertThat(badModel.err()).startsWith("error: " + broken + ": model JSON, line 1, column ");
        Path model = dir.resolve("error-model.json");
        assertThat(run("churn", "fit", "--input", customers.toString(), "--target", "churned", "--id",
                "customer_id", "--save", model.toString()).exit()).isZero();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "customer_id,plan,tenure,monthly_charge,support_calls\nA,monthly,3,50,1\n"
                + "B,annual,many,50,1\n");
        Run notNumber = run("churn", "score", "--model", model.toString(), "--input", bad.toString());
        assertThat(notNumber.exit()).isEqualTo(1);
        assertThat(notNumber.err()).isEqualTo("error: " + bad + ":3: field 'tenure': not a number: 'many' (the"
                + " column is numeric in the model)\n");
        Run usage = run("churn", "fit", "--input", customers.toString());
        assertThat(usage.exit()).isEqualTo(2);
    }
}
