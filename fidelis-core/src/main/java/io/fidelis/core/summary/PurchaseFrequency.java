package io.fidelis.core.summary;

import java.time.Instant;
import java.util.List;

/**
 * Purchase-frequency classes for matching customers on prior behaviour (complainants against customers who never
 * complained, programme members against non-members): none, one, two or three, four to seven, eight or more orders.
 */
public final class PurchaseFrequency {
    private PurchaseFrequency() {
    }

    /** The class of a number of orders, 0 to 4. */
    public static int classOf(int orders) {
        return orders <= 0 ? 0 : orders == 1 ? 1 : orders <= 3 ? 2 : orders <= 7 ? 3 : 4;
    }

    /** The orders in [from, to); none for a null list. */
    public static int count(List<Instant> orders, Instant from, Instant to) {
        if (orders == null) {
            return 0;
        }
        int n = 0;
        for (Instant t : orders) {
            if (!t.isBefore(from) && t.isBefore(to)) {
                n++;
            }
        }
        return n;
    }
}
