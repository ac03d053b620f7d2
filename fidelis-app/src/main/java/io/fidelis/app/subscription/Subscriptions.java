package io.fidelis.app.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The stored subscriptions (written by `fidelis import subscriptions`; read here). */
@Repository
class Subscriptions {
    private static final String COLUMNS = "subscription_id, customer_id, plan, contract, payment_method, services,"
            + " started_on, ended_on, monthly_charge, payment_issues, support_contacts";
    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every subscription, by customer and start (system use: the churn model). */
    @Transactional(readOnly = true)
    void each(Consumer<SubscriptionRecord> sink) {
        jdbc.sql("select " + COLUMNS + " from subscription order by customer_id, started_on, subscription_id")
                .query(rs -> {
                    sink.accept(row(rs));
                });
    }

    /** One customer's subscriptions, the latest start first. */
    @Transactional(readOnly = true)
    List<SubscriptionRecord> ofCustomer(long customerId) {
        return jdbc.sql("select " + COLUMNS + " from subscription where customer_id = ?"
                        + " order by started_on desc, subscription_id")
                .param(customerId).query((rs, n) -> row(rs)).list();
    }

    /** Some customers' subscriptions, each customer's latest start first. */
    @Transactional(readOnly = true)
    java.util.Map<Long, List<SubscriptionRecord>> ofCustomers(java.util.Collection<Long> customerIds) {
        java.util.Map<Long, List<SubscriptionRecord>> out = new java.util.HashMap<>();
        io.fidelis.app.shared.InChunks.eachPadded(customerIds, (in, ids) ->
                jdbc.sql("select " + COLUMNS + " from subscription where customer_id in (" + in + ")"
                                + " order by started_on desc, subscription_id")
                        .params(ids).query((rs, n) -> row(rs)).list()
                        .forEach(r -> out.computeIfAbsent(r.customerId(), k -> new java.util.ArrayList<>()).add(r)));
        return out;
    }

    private static SubscriptionRecord row(ResultSet rs) throws SQLException {
        String services = rs.getString(6);
        return new SubscriptionRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), services == null ? List.of() : Arrays.asList(services.split(";")),
                rs.getObject(7, java.time.LocalDate.class), rs.getObject(8, java.time.LocalDate.class),
                rs.getBigDecimal(9), rs.getInt(10), rs.getInt(11));
    }
}
