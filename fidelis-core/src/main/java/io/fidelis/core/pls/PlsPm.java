package io.fidelis.core.pls;

import java.util.Objects;

/**
 * PLS path modelling (partial least squares, Lohmöller's / Wold's algorithm) of a customer satisfaction index such
 * as the ECSI or ACSI: estimates construct scores as weighted sums of their items, the outer weights and loadings,
 * and the inner path coefficients between constructs. Follows plspm 0.5.1 (Sanchez, Trinchera &amp; Russolillo) and
 * Tenenhaus, Esposito Vinzi, Chatelin &amp; Lauro (2005), "PLS path modeling", CSDA 48:159–205; on the ECSI mobi
 * data it reproduces plspm 0.5.1 and SmartPLS 2.0.M3 under the path, centroid and factorial schemes (see the tests
 * and {@code src/test/resources/ecsi/README.md}).
 *
 * <p>Only Mode A (reflective) blocks. Items are standardised with the population standard deviation (divisor N, as
 * plspm) when {@link Options#scaled()}, otherwise only centred; either way the construct scores are scaled to
 * variance 1 (divisor N).
 */
public final class PlsPm {
    private PlsPm() {
    }

    /** How the inner proxy of a construct weights its neighbours' scores. */
    public enum InnerScheme {
        /**
         * Path weighting (Lohmöller): predecessors by their coefficients in the regression of the construct on all
         * its predecessors, successors by their correlation with it. The usual choice.
         */
        PATH,
        /** The sign of the correlation with each neighbour (Wold). */
        CENTROID,
        /** The correlation with each neighbour (Lohmöller). */
        FACTORIAL
    }

    /** What to do with missing answers ({@code NaN}) in the model's items. */
    public enum MissingValues {
        /** Refuse data with missing answers, naming the first: the caller must choose one of the others. */
        REJECT,
        /** Replace each missing answer by the mean of the item's given answers. */
        MEAN_REPLACEMENT,
        /** Leave out every respondent with a missing answer in any of the model's items. */
        CASEWISE_DELETION
    }

    /**
     * @param scheme        the inner weighting scheme
     * @param scaled        true: standardise the items (population SD) and report standardised outer weights, as
     *                      plspm {@code scaled=TRUE} and SmartPLS; false: only centre them and report weights in the
     *                      items' own metric, as plspm {@code scaled=FALSE}
     * @param missingValues the handling of missing answers; the default {@link MissingValues#REJECT} makes data with
     *                      a missing answer an error until a handling is chosen
     * @param tolerance     the iterations stop when the sum of squared changes in the outer weights is below this
     * @param maxIterations when the iterations stop without converging; the fit then reports
     *                      {@code converged() == false} rather than failing
     */
    public record Options(InnerScheme scheme, boolean scaled, MissingValues missingValues, double tolerance,
                          int maxIterations) {
        public Options {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(missingValues, "missingValues");
            if (!(tolerance > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("need tolerance > 0 and maxIterations ≥ 1, got " + tolerance
                        + " and " + maxIterations);
            }
        }

        /** Path weighting, scaled, missing answers rejected, tolerance 1e-10, at most 1000 iterations (plspm). */
        public static Options defaults() {
            return new Options(InnerScheme.PATH, true, MissingValues.REJECT, 1e-10, 1000);
        }

        public Options withScheme(InnerScheme scheme) {
            return new Options(scheme, scaled, missingValues, tolerance, maxIterations);
        }

        public Options withScaled(boolean scaled) {
            return new Options(scheme, scaled, missingValues, tolerance, maxIterations);
        }

        public Options withMissingValues(MissingValues missingValues) {
            return new Options(scheme, scaled, missingValues, tolerance, maxIterations);
        }

        public Options withIterations(double tolerance, int maxIterations) {
            return new Options(scheme, scaled, missingValues, tolerance, maxIterations);
        }
    }

    /**
     * Fits the model to the data.
     *
     * @throws IllegalArgumentException when an item is not a column of the data, an item has zero variance (the
     *                                  message names it and its only value), there are missing answers and
     *                                  {@link MissingValues#REJECT}, or the construct scores are collinear
     */
    public static FittedPlsPm fit(PlsData data, PlsModel model, Options options) {
        Layout layout = Layout.of(model);
        Prepared prepared = Prepared.of(data, layout, options.missingValues());
        double[][] s = prepared.covariance(options.scaled());
        Estimation.Estimate estimate = Estimation.estimate(s, layout, options.scheme(), options.tolerance(),
                options.maxIterations());
        return new FittedPlsPm(layout, options, prepared, s, estimate);
    }
}
