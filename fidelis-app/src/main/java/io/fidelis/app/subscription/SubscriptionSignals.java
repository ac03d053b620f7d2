package io.fidelis.app.subscription;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.loyalty.CustomerSignals;
import io.fidelis.app.loyalty.SubscriptionStay;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What subscriptions say for the loyalty stage (issue 9): for every customer with a subscription, P(stay) = 1 − the
 * stored churn probability while one runs, 0 once all ended, with the factors in words. The churn model is fitted
 * again at the start of every full scoring run.
 */
@Component
class SubscriptionSignals implements CustomerSignals {
    private final PredictingSubscriptionChurn churn;
    private final Subscriptions subscriptions;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    /** Some customers' signals only, or everyone's when null. */
    private final List<Long> only;

    @org.springframework.beans.factory.annotation.Autowired
    SubscriptionSignals(PredictingSubscriptionChurn churn, Subscriptions subscriptions, JdbcClient jdbc,
                        JsonMapper json) {
        this(churn, subscriptions, jdbc, json, null);
    }

    private SubscriptionSignals(PredictingSubscriptionChurn churn, Subscriptions subscriptions, JdbcClient jdbc,
                                JsonMapper json, List<Long> only) {
        this.churn = churn;
        this.subscriptions = subscriptions;
        this.jdbc = jdbc;
        this.json = json;
        this.only = only;
    }

    @Override
    public CustomerSignals forCustomers(java.util.Collection<Long> customerIds) {
        return new SubscriptionSignals(churn, subscriptions, jdbc, json, List.copyOf(customerIds));
    }

    @Override
    public void beforeScoring() {
        churn.fitAndScore();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, SubscriptionStay> subscriptionStay() {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        Map<Long, SubscriptionChurnFeatures.Subscriber> subs;
        if (only == null) {
            subs = churn.subscribers(today);
        } else {
            subs = new HashMap<>();
            for (Map.Entry<Long, List<SubscriptionRecord>> e : subscriptions.ofCustomers(only).entrySet()) {
                subs.put(e.getKey(), SubscriptionChurnFeatures.summarise(e.getValue(), today));
            }
        }
        if (subs.isEmpty()) {
            return Map.of();
        }
        double auc = jdbc.sql("select evaluation from subscription_churn_model order by id desc fetch first 1 rows"
                + " only").query(String.class).optional().map(e -> json.readTree(e).path("rocAuc").asDouble(Double.NaN))
                .orElse(Double.NaN);
        Map<Long, double[]> probability = new HashMap<>();
        Map<Long, List<String>> factors = new HashMap<>();
        org.springframework.jdbc.core.RowCallbackHandler score = rs -> {
            probability.put(rs.getLong(1), new double[] {rs.getDouble(2)});
            List<String> phrases = new ArrayList<>();
            for (JsonNode f : json.readTree(rs.getString(3))) {
                phrases.add(f.path("phrase").asString());
            }
            factors.put(rs.getLong(1), phrases);
        };
        String select = "select customer_id, probability, factors from subscription_churn_score";
        if (only == null) {
            jdbc.sql(select).query(score);
        } else {
            // Only the subscribers among them have scores.
            io.fidelis.app.shared.InChunks.eachPadded(subs.keySet(), (in, ids) ->
                    jdbc.sql(select + " where customer_id in (" + in + ")").params(ids).query(score));
        }
        Map<Long, SubscriptionStay> out = new HashMap<>();
        subs.forEach((id, s) -> {
            double[] p = probability.get(id);
            double stay = s.churned() ? 0 : p == null ? Double.NaN : 1 - p[0];
            out.put(id, new SubscriptionStay(stay, s.churned(), s.endedOn(), s.startedOn(), s.monthlyCharge(),
                    s.services(), s.churned() ? List.of() : factors.getOrDefault(id, List.of()),
                    s.churned() || p == null ? Double.NaN : auc));
        });
        return out;
    }
}
