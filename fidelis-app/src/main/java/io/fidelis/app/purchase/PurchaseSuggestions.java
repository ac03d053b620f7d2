package io.fidelis.app.purchase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.fidelis.core.basket.AssociationRules;
import io.fidelis.core.basket.Baskets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Potential needs (seeds 000 and 004: anticipate what the customer may need): association rules mined from the
 * purchase history (each order a basket of products), with support, confidence and lift; for a customer, the
 * products they have not bought that the rules suggest from what they have, each explained ("customers who buy A and
 * B often buy C"). The rules are refitted when older than {@code fidelis.purchases.rules-refresh} (an hour) or after
 * an import ({@link #forget}).
 */
@Service
public class PurchaseSuggestions {
    private final JdbcClient jdbc;
    private final Duration refresh;
    private final AssociationRules.Options options;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Fitted> fitted = new AtomicReference<>();

    PurchaseSuggestions(JdbcClient jdbc, @Value("${fidelis.purchases.rules-refresh:PT1H}") Duration refresh,
                        @Value("${fidelis.purchases.rules-min-support:0.005}") double minSupport,
                        @Value("${fidelis.purchases.rules-min-confidence:0.1}") double minConfidence) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.options = AssociationRules.Options.defaults().withMinSupport(minSupport)
                .withMinConfidence(minConfidence);
    }

    private record Fitted(AssociationRules rules, Map<String, Integer> items, Map<String, String> names,
                          Instant at) {
    }

    /** A suggested product with its explanation: the rule's antecedent products, support, confidence and lift. */
    public record Suggestion(String sku, String name, List<String> because, List<String> becauseNames,
                             double support, double confidence, double lift) {
    }

    /** Up to {@code k} suggestions for a customer (system use: the caller shows them only for customers it may see). */
    @Transactional(readOnly = true)
    public List<Suggestion> forCustomer(long customerId, int k) {
        Fitted f = model();
        Set<Integer> have = new LinkedHashSet<>();
        jdbc.sql("select distinct l.sku from purchase p join purchase_line l on l.order_id = p.order_id"
                        + " where p.customer_id = ? and p.kind = 'ORDER' and l.sku is not null")
                .param(customerId).query(String.class).list().forEach(sku -> {
                    Integer item = f.items().get(sku);
                    if (item != null) {
                        have.add(item);
                    }
                });
        if (have.isEmpty()) {
            return List.of();
        }
        List<Suggestion> out = new ArrayList<>();
        for (AssociationRules.Recommendation r : f.rules().recommend(have.stream().mapToInt(Integer::intValue)
                .toArray(), k)) {
            List<String> because = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int a : r.because().antecedent()) {
                String sku = f.rules().label(a);
                because.add(sku);
                names.add(f.names().getOrDefault(sku, sku));
            }
            out.add(new Suggestion(r.label(), f.names().getOrDefault(r.label(), r.label()), because, names,
                    r.because().support(), r.because().confidence(), r.because().lift()));
        }
        return out;
    }

    /** How many rules the current model has (fitting it if needed). */
    @Transactional(readOnly = true)
    public int ruleCount() {
        return model().rules().rules().size();
    }

    private Fitted model() {
        Fitted f = fitted.get();
        if (f != null && f.at().plus(refresh).isAfter(Instant.now(clock))) {
            return f;
        }
        Baskets.Builder b = Baskets.builder();
        jdbc.sql("select p.order_id, l.sku from purchase p join purchase_line l on l.order_id = p.order_id"
                        + " where p.kind = 'ORDER' and l.sku is not null and l.quantity > 0")
                .query(rs -> {
                    b.add(rs.getString(1), rs.getString(2));
                });
        Baskets baskets = b.build();
        AssociationRules rules = AssociationRules.fit(baskets, options);
        Map<String, Integer> items = new HashMap<>();
        List<String> labels = baskets.labels();
        for (int i = 0; i < labels.size(); i++) {
            items.put(labels.get(i), i);
        }
        Map<String, String> names = new HashMap<>();
        jdbc.sql("select sku, name from product").query(rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        Fitted fresh = new Fitted(rules, items, names, Instant.now(clock));
        fitted.set(fresh);
        return fresh;
    }

    /** Forgets the fitted rules (after an import, and for tests): the next request refits. */
    public void forget() {
        fitted.set(null);
    }
}
