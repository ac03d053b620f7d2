package io.fidelis.core.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TfIdfTest {
    @Test
    void idfIsTheSmoothedScikitLearnDefault() {
        // Three documents; "sofa" in all three, "door" in one. idf = ln((1 + 3) / (1 + df)) + 1:
        // sofa ln(4/4) + 1 = 1; door ln(4/2) + 1 = 1.6931471805599454 (the formula of scikit-learn's
        // TfidfVectorizer(smooth_idf=True); values worked by hand, tolerance 1e-12).
        TfIdf f = TfIdf.fit(List.of(List.of("sofa", "door"), List.of("sofa"), List.of("sofa", "colour")));
        Map<String, Double> v = f.vector(List.of("sofa", "door", "door"));
        assertThat(v.get("sofa")).isCloseTo(1.0, within(1e-12));
        assertThat(v.get("door")).isCloseTo(2 * (Math.log(2) + 1), within(1e-12));
    }

    @Test
    void cosineIsOneForTheSameTextZeroForNothingSharedAndSymmetric() {
        TfIdf f = TfIdf.fit(List.of(List.of("a1", "b1"), List.of("c1")));
        Map<String, Double> ab = f.vector(List.of("a1", "b1"));
        Map<String, Double> c = f.vector(List.of("c1"));
        Map<String, Double> a = f.vector(List.of("a1"));
        assertThat(TfIdf.cosine(ab, ab)).isCloseTo(1.0, within(1e-12));
        assertThat(TfIdf.cosine(ab, c)).isZero();
        assertThat(TfIdf.cosine(ab, a)).isCloseTo(TfIdf.cosine(a, ab), within(1e-15)).isCloseTo(Math.sqrt(0.5),
                within(1e-12));
        assertThat(TfIdf.cosine(Map.of(), a)).isZero();
    }

    @Test
    void jaccardIsSharedOverAll() {
        assertThat(TfIdf.jaccard(List.of("a", "b", "c"), List.of("b", "c", "d"))).isCloseTo(0.5, within(1e-12));
        assertThat(TfIdf.jaccard(List.of(), List.of())).isZero();
    }
}
