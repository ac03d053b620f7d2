package io.fidelis.app.subscription;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscriptions part of the Customer 360 page (issue 9): each subscription, and for a current subscriber the
 * churn probability with the factors that contribute most, in plain words. Starts and ends go on the timeline.
 */
@Component
class SubscriptionsOnCustomerPage implements CustomerViewContribution {
    private final Subscriptions subscriptions;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    SubscriptionsOnCustomerPage(Subscriptions subscriptions, JdbcClient jdbc, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A factor as the page shows it: raising (contribution above 0) or lowering the risk. */
    public record Factor(String phrase, boolean raises) {
    }

    @Override
    public int order() {
        return 11;
    }

    @Override
    public String fragment() {
        return "subscription/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        List<SubscriptionRecord> subs = subscriptions.ofCustomer(customer.id());
        Map<String, Object> m = new HashMap<>();
        m.put("subscriptions", subs);
        m.put("today", LocalDate.now(ZoneId.of(customer.timeZone())));
        m.put("probability", null);
        m.put("factors", List.of());
        jdbc.sql("select probability, factors from subscription_churn_score where customer_id = ?")
                .param(customer.id()).query(rs -> {
                    m.put("probability", rs.getDouble(1));
                    List<Factor> factors = new ArrayList<>();
                    for (JsonNode f : json.readTree(rs.getString(2))) {
                        factors.add(new Factor(f.path("phrase").asString(), f.path("contribution").asDouble() > 0));
                    }
                    m.put("factors", factors);
                });
        return m;
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        ZoneId zone = ZoneId.of(customer.timeZone());
        List<TimelineEntry> entries = new ArrayList<>();
        for (SubscriptionRecord s : subscriptions.ofCustomer(customer.id())) {
            entries.add(new TimelineEntry(s.startedOn().atStartOfDay(zone).toInstant(), "subscription",
                    "timeline.subscriptionStarted", List.of(s.plan(), s.subscriptionId()), null));
            if (s.endedOn() != null && !s.endedOn().isAfter(LocalDate.now(zone))) {
                entries.add(new TimelineEntry(s.endedOn().atStartOfDay(zone).toInstant(), "subscription",
                        "timeline.subscriptionEnded", List.of(s.plan(), s.subscriptionId()), null));
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::at).reversed());
        return entries.subList(0, Math.min(limit, entries.size()));
    }
}
