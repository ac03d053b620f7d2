package io.fidelis.core.clv;

import java.util.List;
import java.util.Map;

/**
 * How a maximum-likelihood fit ended: the parameters by name, the total log-likelihood, whether the optimiser
 * converged, and the parameters that ran to a bound of the search (for example {@code a → 0}: no detectable
 * dropout). A fit on a bound is still the best the data allow and is reported as such, never as an error.
 */
public record Fit(Map<String, Double> params, double logLikelihood, boolean converged, List<String> boundary,
                  int evaluations) {
    public Fit {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        boundary = List.copyOf(boundary);
    }
}
