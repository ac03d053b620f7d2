package io.fidelis.app.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.core.churn.FittedChurnModel;

/**
 * The latest subscription churn model as the UI and the API report it: its cross-validated evaluation (ROC AUC,
 * PR AUC, lift in the top decile, Brier score, the reliability curve) and its coefficients with 95 % intervals.
 *
 * @param evaluation the stored evaluation: n, positives, rocAuc, prAuc, topDecileLift, brier, calibration
 */
public record ChurnModelReport(Instant fittedAt, int subscribers, int churned, double alpha, double lambda,
                               Map<String, Object> evaluation, List<Coefficient> coefficients, List<String> notes) {
    public ChurnModelReport {
        evaluation = Map.copyOf(evaluation);
        coefficients = List.copyOf(coefficients);
        notes = List.copyOf(notes);
    }

    /**
     * A coefficient per unit of its column, with the unpenalised refit's 95 % Wald interval (null bounds when there
     * is none; {@code note} says why).
     */
    public record Coefficient(String term, double estimate, Double lower, Double upper, String note) {
    }

    @SuppressWarnings("unchecked")
    static ChurnModelReport of(Instant fittedAt, int subscribers, int churned, FittedChurnModel model,
                               Map<?, ?> evaluation) {
        List<Coefficient> coefficients = new ArrayList<>();
        for (FittedChurnModel.Coefficient c : model.coefficients()) {
            coefficients.add(new Coefficient(c.term(), c.estimate(), c.interval() == null ? null
                    : c.interval().lower(), c.interval() == null ? null : c.interval().upper(), c.note()));
        }
        return new ChurnModelReport(fittedAt, subscribers, churned, model.alpha(), model.lambda(),
                (Map<String, Object>) evaluation, coefficients, model.notes());
    }
}
