package io.fidelis.core.demo;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What demo business to generate. The same options always give the same files.
 *
 * @param customers the number of customers (the demo default is 5,000)
 * @param seed      the random seed
 * @param asOf      the last day of the generated history; purchases cover the two years before it
 * @param maxLines  stop after exactly this many purchase lines (for benchmarks); {@code Long.MAX_VALUE} for no limit
 */
public record DemoOptions(int customers, long seed, LocalDate asOf, long maxLines) {
    public static final int DEFAULT_CUSTOMERS = 5_000;
    public static final long DEFAULT_SEED = 42L;

    public DemoOptions {
        Objects.requireNonNull(asOf, "asOf");
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was " + customers);
        }
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1, was " + maxLines);
        }
    }

    public static DemoOptions of(int customers, long seed, LocalDate asOf) {
        return new DemoOptions(customers, seed, asOf, Long.MAX_VALUE);
    }
}
