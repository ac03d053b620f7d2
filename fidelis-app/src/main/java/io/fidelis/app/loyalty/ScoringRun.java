package io.fidelis.app.loyalty;

import java.util.List;
import java.util.Map;

/** What a scoring run did: customers scored, the models (or why not), stages and changes. */
public record ScoringRun(long customers, String model, Map<String, Double> params, Double logLikelihood,
                         List<String> boundary, String notFitted, Map<String, Long> stages, long changes,
                         double seconds) {
}
