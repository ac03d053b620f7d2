package io.fidelis.app.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.loyalty.CustomerSignals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What deliveries say for the loyalty stage and the next best action (issue 9): each customer's late deliveries
 * promised in the last {@value CustomerSignals#LATE_DELIVERY_DAYS} days. A delivery is late when it arrived on a
 * later day than promised, in the customer's time zone, or has not arrived and the promised day has passed.
 */
@Component
class DeliverySignals implements CustomerSignals {
    private final JdbcClient jdbc;
    private final CustomerManagement customers;
    private final Clock clock = Clock.systemUTC();
    /** One customer's signals only, or everyone's when null. */
    private final Long only;

    @org.springframework.beans.factory.annotation.Autowired
    DeliverySignals(JdbcClient jdbc, CustomerManagement customers) {
        this(jdbc, customers, null);
    }

    private DeliverySignals(JdbcClient jdbc, CustomerManagement customers, Long only) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.only = only;
    }

    @Override
    public CustomerSignals forCustomer(long customerId) {
        return new DeliverySignals(jdbc, customers, customerId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Integer> recentLateDeliveries() {
        Instant now = clock.instant();
        // The widest window: the promised days of the last 90 days anywhere on earth.
        LocalDate from = now.atZone(ZoneOffset.ofHours(-12)).toLocalDate().minusDays(LATE_DELIVERY_DAYS);
        Map<Long, ZoneId> zones = new HashMap<>();
        if (only == null) {
            customers.eachTraits(t -> zones.put(t.id(), t.timeZone()));
        } else {
            customers.traitsOf(only).ifPresent(t -> zones.put(t.id(), t.timeZone()));
        }
        Map<Long, Integer> late = new HashMap<>();
        jdbc.sql("select customer_id, promised_on, delivered_at from delivery where promised_on >= ?"
                        + (only == null ? "" : " and customer_id = " + only.longValue()))
                .param(from)
                .query(rs -> {
                    long customer = rs.getLong(1);
                    LocalDate promised = rs.getObject(2, LocalDate.class);
                    java.time.OffsetDateTime delivered = rs.getObject(3, java.time.OffsetDateTime.class);
                    ZoneId zone = zones.getOrDefault(customer, ZoneOffset.UTC);
                    LocalDate today = now.atZone(zone).toLocalDate();
                    if (promised.isBefore(today.minusDays(LATE_DELIVERY_DAYS))) {
                        return;
                    }
                    boolean isLate = delivered == null ? promised.isBefore(today)
                            : delivered.toInstant().atZone(zone).toLocalDate().isAfter(promised);
                    if (isLate) {
                        late.merge(customer, 1, Integer::sum);
                    }
                });
        return late;
    }
}
