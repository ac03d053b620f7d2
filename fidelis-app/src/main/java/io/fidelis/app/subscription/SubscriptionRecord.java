package io.fidelis.app.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One subscription of a customer.
 *
 * @param endedOn  the day it ended (cancelled or not renewed), null while it runs
 * @param services the services included, lower case
 */
public record SubscriptionRecord(String subscriptionId, long customerId, String plan, String contract,
                                 String paymentMethod, List<String> services, LocalDate startedOn, LocalDate endedOn,
                                 BigDecimal monthlyCharge, int paymentIssues, int supportContacts) {
    public SubscriptionRecord {
        services = List.copyOf(services);
    }

    /** Whether it runs on {@code day}: started and not ended. */
    public boolean runsOn(LocalDate day) {
        return !startedOn.isAfter(day) && (endedOn == null || endedOn.isAfter(day));
    }
}
