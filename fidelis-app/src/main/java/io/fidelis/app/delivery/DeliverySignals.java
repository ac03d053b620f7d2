package io.fidelis.app.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
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
    /** Some customers' signals only, or everyone's when null. */
    private final List<Long> only;

    @org.springframework.beans.factory.annotation.Autowired
    DeliverySignals(JdbcClient jdbc, CustomerManagement customers) {
        this(jdbc, customers, null);
    }

    private DeliverySignals(JdbcClient jdbc, CustomerManagement customers, List<Long> only) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.only = only;
    }

    @Override
    public CustomerSignals forCustomers(java.util.Collection<Long> customerIds) {
        return new DeliverySignals(jdbc, customers, List.copyOf(customerIds));
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
            customers.traitsOf(only).forEach((id, t) -> zones.put(id, t.timeZone()));
        }
        Map<Long, Integer> late = new HashMap<>();
        org.springframework.jdbc.core.RowCallbackHandler count = rs -> {
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
        };
        String select = "select customer_id, promised_on, delivered_at from delivery where promised_on >= ?";
        if (only == null) {
            jdbc.sql(select).param(from).query(count);
        } else {
            io.fidelis.app.shared.InChunks.eachPadded(only, (in, ids) -> {
                List<Object> params = new java.util.ArrayList<>();
                params.add(from);
                params.addAll(ids);
                jdbc.sql(select + " and customer_id in (" + in + ")").params(params).query(count);
            });
        }
        return late;
    }
}
