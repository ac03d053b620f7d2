package io.fidelis.core.clv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a mean log-likelihood over positive parameters on the log scale, from several starting points, with
 * Nelder–Mead restarted at its own optimum until it stops improving. Log-parameters are searched within
 * [{@link #LOWER}, {@link #UPPER}]. A parameter that ends below {@link #TINY} or above {@link #HUGE} is reported on
 * the boundary: the likelihood keeps improving towards 0 or infinity there (for example BG/NBD's a → 0 or b → ∞,
 * no detectable dropout), and the value found is only the point where the search stopped.
 */
final class MaximumLikelihood {
    static final double LOWER = -20;
    static final double UPPER = 20;
    static final double TINY = 1e-4;
    static final double HUGE = 1e5;

    private MaximumLikelihood() {
    }

    /**
     * @param names        the parameters, in the order of the arrays
     * @param meanLogLik   the mean log-likelihood per customer at the given log-parameters (may be NaN or -inf
     *                     where undefined)
     * @param starts       starting points, on the log scale
     * @param customers    the number of customers, to turn the mean into the total log-likelihood
     */
    static Fit maximise(List<String> names, ToDoubleFunction<double[]> meanLogLik, List<double[]> starts,
                        long customers, int maxEvaluations) {
        return maximise(names, meanLogLik, starts, customers, maxEvaluations, 1.0);
    }

    /** @param firstStep the simplex size of the first search from each start (log scale); small when the start is close */
    static Fit maximise(List<String> names, ToDoubleFunction<double[]> meanLogLik, List<double[]> starts,
                        long customers, int maxEvaluations, double firstStep) {
        int[] evaluations = {0};
        double[][] best = {null};
        double[] bestValue = {Double.NEGATIVE_INFINITY};
        ToDoubleFunction<double[]> bounded = p -> {
            evaluations[0]++;
            for (double v : p) {
                if (!(v >= LOWER && v <= UPPER)) {
                    return -1e300;
                }
            }
            double value;
            try {
                value = meanLogLik.applyAsDouble(p);
            } catch (RuntimeException e) { // a special function that cannot be evaluated at extreme parameters
                return -1e300;
            }
            if (!Double.isFinite(value)) {
                return -1e300;
            }
            if (value > bestValue[0]) {
                bestValue[0] = value;
                best[0] = p.clone();
            }
            return value;
        };
        boolean converged = false;
        double bestOfConverged = Double.NEGATIVE_INFINITY;
        double bestOfAll = Double.NEGATIVE_INFINITY;
        for (double[] start : starts) {
            double[] point = start.clone();
            double previous = Double.NEGATIVE_INFINITY;
            boolean startConverged = false;
            for (int restart = 0; restart < 20; restart++) {
                SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-12, 1e-14));
                try {
                    PointValuePair result = optimizer.optimize(new MaxEval(maxEvaluations),
                            new ObjectiveFunction(bounded::applyAsDouble), GoalType.MAXIMIZE,
                            new InitialGuess(point), new NelderMeadSimplex(point.length, restart == 0 ? firstStep
                                    : Math.min(0.1, firstStep)));
                    point = result.getPoint();
                    double value = result.getValue();
                    if (Math.abs(value - previous) <= 1e-11 * Math.max(1, Math.abs(value))) {
                        startConverged = true;
                        break;
                    }
                    previous = value;
                } catch (MathIllegalStateException tooManyEvaluations) {
                    break;
                }
            }
            if (startConverged) {
                bestOfConverged = Math.max(bestOfConverged, previous);
            }
            bestOfAll = bestValue[0];
        }
        // Converged when a start that converged reached the best value found (to the convergence tolerance).
        converged = bestOfConverged > Double.NEGATIVE_INFINITY
                && bestOfAll - bestOfConverged <= 1e-9 * Math.max(1, Math.abs(bestOfAll));
        if (best[0] == null) {
            throw new IllegalStateException("the likelihood could not be evaluated at any starting point");
        }
        Map<String, Double> params = new LinkedHashMap<>();
        List<String> boundary = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), Math.exp(best[0][i]));
            double value = Math.exp(best[0][i]);
            if (value < TINY || value > HUGE) {
                boundary.add(names.get(i));
            }
        }
        return new Fit(params, bestValue[0] * customers, converged, boundary, evaluations[0]);
    }

    /** The fit at given log-parameters (found by another method), with the same boundary rule. */
    static Fit at(List<String> names, double[] theta, double meanLogLik, long customers, boolean converged,
                  int evaluations) {
        Map<String, Double> params = new LinkedHashMap<>();
        List<String> boundary = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            double value = Math.exp(theta[i]);
            params.put(names.get(i), value);
            if (value < TINY || value > HUGE) {
                boundary.add(names.get(i));
            }
        }
        return new Fit(params, meanLogLik * customers, converged, boundary, evaluations);
    }

    /** Whether any of these log-parameters lies outside [{@link #TINY}, {@link #HUGE}]. */
    static boolean atBound(double[] logParams) {
        for (double t : logParams) {
            if (Math.exp(t) < TINY || Math.exp(t) > HUGE) {
                return true;
            }
        }
        return false;
    }

    /** A reproducible random subsample of at most {@code size} items, for a quick first fit on large data. */
    static <T> List<T> subsample(List<T> all, int size) {
        if (all.size() <= size) {
            return all;
        }
        // The first `size` steps of a Fisher–Yates shuffle of the positions: a uniform sample without a full shuffle.
        int[] positions = new int[all.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        java.util.Random random = new java.util.Random(1);
        List<T> sample = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(positions.length - i);
            int chosen = positions[j];
            positions[j] = positions[i];
            sample.add(all.get(chosen));
        }
        return sample;
    }
}
