package io.fidelis.core.pls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the PLS model description parser ({@code fidelis satisfaction-index --model FILE.json}): any text gives a
 * model or an {@link IllegalArgumentException} that says where the problem is, never another exception. In a normal
 * build only the stored inputs run (regression mode); {@code JAZZER_FUZZ=1} fuzzes (see docs/benchmarks.md).
 */
class ModelJsonFuzzTest {

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyTextIsAModelOrARefusalWithItsPlace(String json) {
        try {
            PlsModel model = PlsModel.fromJson(json);
            assertThat(model.constructs()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
