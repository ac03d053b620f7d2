package io.fidelis.core.demo;

import java.util.SplittableRandom;

/** The few distributions the demo generator draws from, on a seeded {@link SplittableRandom}. */
final class RandomDraws {
    private final SplittableRandom random;

    RandomDraws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double uniform() {
        return random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double exponential(double rate) {
        return -Math.log(1.0 - random.nextDouble()) / rate;
    }

    double normal() {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** Gamma(shape, rate) by Marsaglia and Tsang (2000), with the shape-boost for shape below 1. */
    double gamma(double shape, double rate) {
        if (shape < 1.0) {
            double u = 1.0 - random.nextDouble();
            return gamma(shape + 1.0, rate) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = normal();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v / rate;
            }
        }
    }

    /** A Poisson count with a small mean, by inversion. */
    int poisson(double mean) {
        return poisson(random.nextDouble(), mean);
    }

    /** The Poisson count whose cumulative probability first reaches {@code u}, by inversion (small means only). */
    static int poisson(double u, double mean) {
        double p = Math.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u > cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /** 1 + a geometric count with the given mean (at least 1). */
    int geometricAtLeastOne(double mean) {
        double p = 1.0 / mean;
        int k = 1;
        while (random.nextDouble() > p) {
            k++;
        }
        return k;
    }
}
