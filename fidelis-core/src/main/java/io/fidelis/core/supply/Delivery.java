package io.fidelis.core.supply;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One order's delivery as the supply analytics read it.
 *
 * @param customer       the customer's key
 * @param region         the customer's region ({@code null} when unknown)
 * @param segment        the customer's segment ({@code null} when unknown)
 * @param promisedOn     the day promised
 * @param deliveredOn    the day it arrived in the customer's time zone, {@code null} while on its way
 * @param skus           the products ordered (may be empty when not known)
 * @param skusShort      the products delivered short (including those out of stock)
 * @param skusOutOfStock the products short because they were out of stock
 */
public record Delivery(String orderId, String customer, String region, String segment, String warehouse,
                       LocalDate promisedOn, LocalDate deliveredOn, List<String> skus, Set<String> skusShort,
                       Set<String> skusOutOfStock) {
    public Delivery {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(promisedOn, "promisedOn");
        skus = List.copyOf(skus);
        skusShort = Set.copyOf(skusShort);
        skusOutOfStock = Set.copyOf(skusOutOfStock);
    }

    /** Late: delivered after the promised day, or not delivered and the promised day is before {@code asOf}. */
    public boolean late(LocalDate asOf) {
        return deliveredOn == null ? asOf.isAfter(promisedOn) : deliveredOn.isAfter(promisedOn);
    }

    public boolean inFull() {
        return skusShort.isEmpty() && skusOutOfStock.isEmpty();
    }

    /** Whether the outcome is known by {@code asOf}: delivered, or already late. */
    public boolean settled(LocalDate asOf) {
        return deliveredOn != null || asOf.isAfter(promisedOn);
    }

    /** On time and in full. */
    public boolean otif(LocalDate asOf) {
        return !late(asOf) && inFull();
    }
}
