package io.fidelis.spark;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Deterministic purchase lines for tests and the benchmark: the same seed always gives the same lines. Customers
 * arrive uniformly over the two years before the observation end, in three segments; each buys at a Poisson rate
 * λ ~ Gamma(0.75, 0.25) a week (times 1, 1.5 or 2.5 by segment) until they drop out after a purchase with probability
 * p ~ Beta(0.8, 2.5) (the BG/NBD story), one to three lines an order worth 1.00 to 100.75 in quarters (so that sums
 * are exact in any order), and 4 % of orders have a line returned 1 to 30 days later, some after the observation end.
 * Lines come customer by customer.
 */
public final class PurchaseGenerator {
    static final String[] SEGMENTS = {"Consumer", "Small business", "Key account"};
    private static final double[] RATE = {1, 1.5, 2.5};

    private PurchaseGenerator() {
    }

    /** Receives the lines. */
    public interface Sink {
        void line(String customerId, String segment, int day, double amount);
    }

    /**
     * @param lines stop after this many lines
     * @return the customers generated
     */
    public static long generate(long lines, long seed, LocalDate end, Sink sink) {
        SplittableRandom random = new SplittableRandom(seed);
        int endDay = Math.toIntExact(end.toEpochDay());
        long written = 0;
        long customer = 0;
        while (written < lines) {
            String id = "C" + customer;
            int s = (int) (customer % 3);
            customer++;
            double perDay = gamma(random, 0.75) * 0.25 * RATE[s] / 7;
            double p = beta(random, 0.8, 2.5);
            int day = endDay - random.nextInt(730);
            while (day <= endDay && written < lines) {
                int orderLines = 1 + random.nextInt(3);
                double returned = 0;
                for (int k = 0; k < orderLines && written < lines; k++) {
                    double amount = (4 + random.nextInt(400)) / 4.0;
                    sink.line(id, SEGMENTS[s], day, amount);
                    written++;
                    returned = amount;
                }
                if (random.nextDouble() < 0.04 && written < lines) {
                    sink.line(id, SEGMENTS[s], day + 1 + random.nextInt(30), -returned);
                    written++;
                }
                if (random.nextDouble() < p) {
                    break;
                }
                double gap = Math.ceil(-Math.log(1 - random.nextDouble()) / perDay);
                if (gap > endDay - day) {
                    break; // also a gap beyond any int: a very slow buyer
                }
                day += (int) gap;
            }
        }
        return customer;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (shape below 1 by the power boost). */
    static double gamma(SplittableRandom r, double shape) {
        if (shape < 1) {
            return gamma(r, shape + 1) * Math.pow(1 - r.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = normal(r);
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - r.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static double beta(SplittableRandom r, double a, double b) {
        double x = gamma(r, a);
        return x / (x + gamma(r, b));
    }

    private static double normal(SplittableRandom r) {
        // Box–Muller, one of the pair.
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
