package io.fidelis.core.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IBM Telco customer churn data (7,043 customers, 1,869 churned; the copy and its source in
 * src/test/resources/churn/telco/README.md): stratified 5-fold cross-validation of the whole procedure, seed 1,
 * customerID excluded, target Churn = Yes. Logistic regression reaches a held-out ROC AUC of about 0.84–0.85 on this
 * data; the issue asks for at least 0.84. The measured figures are printed and recorded in the README.
 */
class ChurnModelTelcoTest {
    static ChurnData telco;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = ChurnModelTelcoTest.class.getResourceAsStream(
                "/churn/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv")) {
            telco = ChurnData.read(in, "WA_Fn-UseC_-Telco-Customer-Churn.csv");
        }
    }

    static ChurnModel.Options options() {
        return ChurnModel.Options.defaults("Churn").withId("customerID").withPositive("Yes").withFolds(5, 1);
    }

    @Test
    void theCopyHasEveryCustomerAndChurner() {
        assertThat(telco.rows()).isEqualTo(7043);
        assertThat(telco.names()).hasSize(21);
        long churners = java.util.stream.IntStream.range(0, telco.rows())
                .filter(i -> telco.value(i, "Churn").equals("Yes")).count();
        assertThat(churners).isEqualTo(1869);
    }

    @Test
    void crossValidatedAucReachesTheUsualLevelForLogisticRegression() {
        long start = System.nanoTime();
        ChurnModel.CrossValidation cv = ChurnModel.crossValidate(telco, options());
        double seconds = (System.nanoTime() - start) / 1e9;
        ChurnMetrics.Summary s = cv.metrics();
        System.out.printf(Locale.ROOT, "Telco 5-fold CV (seed 1): ROC AUC %.4f, PR AUC %.4f, top-decile lift %.3f,"
                + " Brier %.4f; %.1f s%n", s.rocAuc(), s.averagePrecision(), s.topDecileLift(), s.brier(), seconds);
        for (double[] c : cv.chosen()) {
            System.out.printf(Locale.ROOT, "  chosen alpha %.2f, lambda %.3g%n", c[0], c[1]);
        }
        for (ChurnMetrics.CalibrationBin b : s.calibration()) {
            System.out.printf(Locale.ROOT, "  [%.1f, %.1f) n=%d predicted %.3f observed %.3f%n", b.lower(), b.upper(),
                    b.count(), b.meanPredicted(), b.observedRate());
        }
        assertThat(s.n()).isEqualTo(7043);
        assertThat(s.positives()).isEqualTo(1869);
        assertThat(s.rocAuc()).isGreaterThanOrEqualTo(0.84);
        // A well-calibrated model: out-of-fold predictions average to the churn rate, and the Brier score is well
        // below that of always predicting the rate, 0.265 × 0.735 = 0.195.
        double mean = java.util.Arrays.stream(cv.predicted()).average().orElseThrow();
        assertThat(mean).isCloseTo(1869.0 / 7043, offset(0.01));
        assertThat(s.brier()).isLessThan(0.15);
        assertThat(s.topDecileLift()).isGreaterThan(2.0);
        // Reproducible: the same seed gives the same predictions.
        assertThat(ChurnModel.crossValidate(telco, options()).predicted()).containsExactly(cv.predicted());
    }

    @Test
    void theFittedModelExplainsCustomersInWords() {
        FittedChurnModel m = ChurnModel.fit(telco, options());
        assertThat(m.features()).doesNotContain("customerID", "Churn").contains("Contract", "tenure");
        assertThat(m.notes()).anyMatch(n -> n.startsWith("TotalCharges: 11 missing values replaced by the training"
                + " median"));
        // Month-to-month contracts are the reference level; longer contracts lower the risk.
        FittedChurnModel.Coefficient twoYear = m.coefficients().stream()
                .filter(c -> c.term().equals("Contract=Two year")).findFirst().orElseThrow();
        assertThat(twoYear.estimate()).isNegative();
        List<FittedChurnModel.Explanation> e = m.explain(telco);
        // 7590-VHVEG: month-to-month, one month of tenure, electronic check.
        assertThat(telco.value(0, "customerID")).isEqualTo("7590-VHVEG");
        assertThat(e.get(0).top(3)).extracting(FittedChurnModel.Factor::phrase)
                .anyMatch(p -> p.equals("Contract = Month-to-month raises churn risk")
                        || p.startsWith("tenure = 1 (below the average"));
        FittedChurnModel back = FittedChurnModel.fromJson(m.toJson());
        assertThat(back.probabilities(telco)).containsExactly(m.probabilities(telco));
    }
}
