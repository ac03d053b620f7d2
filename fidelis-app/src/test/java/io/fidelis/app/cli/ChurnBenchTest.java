package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis bench churn} on a small generated table (the benchmark itself runs at a million subscribers; see
 * docs/benchmarks.md): it reports the three fits with their runs and ratios, and the fitted models find the planted
 * signal on held-out subscribers.
 */
class ChurnBenchTest {
    @Test
    void benchChurnReportsTheFitsAndAHeldOutAucNearThePlantedOne() {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            code = new CommandLine(new FidelisCommand()).execute("bench", "churn", "--subscribers", "4000",
                    "--holdout", "2000", "--runs", "2", "--json");
        } finally {
            System.setOut(out);
        }
        String text = o.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("baseline: unpenalised IRLS fit", "tuned: defaults, 5-fold CV", "fixed: alpha");
        String json = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        JsonNode j = JsonMapper.builder().build().readTree(json);
        assertThat(j.get("subscribers").asInt()).isEqualTo(4000);
        assertThat(j.get("designColumns").asInt()).isEqualTo(43);
        assertThat(j.get("tunedSeconds")).hasSize(2);
        assertThat(j.get("baselineSeconds")).hasSize(2);
        assertThat(j.get("tunedOverBaseline").asDouble()).isPositive();
        double planted = j.get("heldOutAucPlanted").asDouble();
        assertThat(planted).isBetween(0.8, 0.9);
        // the fits are real: within a few points of the best possible AUC, far above chance
        assertThat(j.get("heldOutAucTuned").asDouble()).isGreaterThan(planted - 0.03);
        assertThat(j.get("heldOutAucFixed").asDouble()).isGreaterThan(planted - 0.03);
        assertThat(j.get("fixedAlpha").asDouble()).isEqualTo(j.get("tunedAlpha").asDouble());
    }
}
