package io.fidelis.app.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fidelis.app.loyalty.CustomerSignals;
import io.fidelis.core.churn.ChurnData;
import io.fidelis.core.churn.ChurnDataException;
import io.fidelis.core.churn.ChurnMetrics;
import io.fidelis.core.churn.ChurnModel;
import io.fidelis.core.churn.FittedChurnModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fits the subscription churn model on every customer with a subscription (the regularised logistic regression of
 * {@link ChurnModel}, α and λ chosen by 5-fold cross-validation, evaluated by a stratified 5-fold cross-validation of
 * the whole procedure with seed 1), stores it with its evaluation, and scores every current subscriber: the churn
 * probability and the factors that contribute most, in words. Runs at the start of every scoring run.
 */
@Service
public class PredictingSubscriptionChurn {
    /** Fewest subscribers, and fewest of each outcome, to fit a model. */
    static final int MINIMUM_SUBSCRIBERS = 50;
    static final int MINIMUM_PER_OUTCOME = 10;
    private static final Logger log = LoggerFactory.getLogger(PredictingSubscriptionChurn.class);

    private final Subscriptions subscriptions;
    private final ObjectProvider<CustomerSignals> signals;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    PredictingSubscriptionChurn(Subscriptions subscriptions, ObjectProvider<CustomerSignals> signals, JdbcClient jdbc,
                                JsonMapper json) {
        this.subscriptions = subscriptions;
        this.signals = signals;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every customer's subscriptions summarised as of today, by customer id. */
    Map<Long, SubscriptionChurnFeatures.Subscriber> subscribers(LocalDate today) {
        Map<Long, List<SubscriptionRecord>> byCustomer = new LinkedHashMap<>();
        subscriptions.each(s -> byCustomer.computeIfAbsent(s.customerId(), k -> new ArrayList<>()).add(s));
        Map<Long, SubscriptionChurnFeatures.Subscriber> out = new LinkedHashMap<>();
        byCustomer.forEach((id, subs) -> out.put(id, SubscriptionChurnFeatures.summarise(subs, today)));
        return out;
    }

    /**
     * Fits the model again and scores every current subscriber, replacing the stored scores. Without enough
     * subscribers or cancellations, no model is fitted and the scores are removed (the reason is returned).
     */
    @Transactional
    public ChurnRun fitAndScore() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<SubscriptionChurnFeatures.Subscriber> subs = new ArrayList<>(subscribers(today).values());
        int churned = (int) subs.stream().filter(SubscriptionChurnFeatures.Subscriber::churned).count();
        int running = subs.size() - churned;
        if (subs.isEmpty()) {
            jdbc.sql("delete from subscription_churn_score").update();
            return new ChurnRun(false, "no subscriptions", 0, 0, 0, Double.NaN, seconds(started), now);
        }
        if (subs.size() < MINIMUM_SUBSCRIBERS || churned < MINIMUM_PER_OUTCOME || running < MINIMUM_PER_OUTCOME) {
            jdbc.sql("delete from subscription_churn_score").update();
            return new ChurnRun(false, String.format("too few to fit a churn model: %d subscribers (need %d), %d"
                            + " churned and %d current (need %d of each)", subs.size(), MINIMUM_SUBSCRIBERS, churned,
                    running, MINIMUM_PER_OUTCOME), subs.size(), churned, 0, Double.NaN, seconds(started), now);
        }
        Map<Long, Integer> complaints = new HashMap<>();
        Set<Long> unresolved = new HashSet<>();
        Map<Long, Double> csat = new HashMap<>();
        Map<Long, Double> nps = new HashMap<>();
        signals.orderedStream().filter(s -> !(s instanceof SubscriptionSignals)).forEach(s -> {
            complaints.putAll(s.complaintsLastYear());
            unresolved.addAll(s.unresolvedComplaints());
            csat.putAll(s.latestCsat());
            nps.putAll(s.latestNps());
        });
        ChurnData data = ChurnData.of(SubscriptionChurnFeatures.NAMES,
                SubscriptionChurnFeatures.rows(subs, complaints, unresolved, csat, nps));
        ChurnModel.Options options = ChurnModel.Options.defaults(SubscriptionChurnFeatures.TARGET)
                .withPositive("Yes").withCategorical(SubscriptionChurnFeatures.CATEGORICAL);
        FittedChurnModel model;
        ChurnModel.CrossValidation cv;
        try {
            cv = ChurnModel.crossValidate(data, options);
            model = ChurnModel.fit(data, options);
        } catch (ChurnDataException | IllegalStateException | ArithmeticException e) {
            log.warn("The subscription churn model was not fitted: {}", e.getMessage());
            jdbc.sql("delete from subscription_churn_score").update();
            return new ChurnRun(false, "the churn model could not be fitted: " + e.getMessage(), subs.size(), churned,
                    0, Double.NaN, seconds(started), now);
        }
        ChurnMetrics.Summary m = cv.metrics();
        jdbc.sql("insert into subscription_churn_model (fitted_at, subscribers, churned, model, evaluation)"
                        + " values (?, ?, ?, ?, ?)")
                .params(now.atOffset(ZoneOffset.UTC), subs.size(), churned, model.toJson(),
                        json.writeValueAsString(evaluation(m))).update();
        List<FittedChurnModel.Explanation> explained = model.explain(data);
        jdbc.sql("delete from subscription_churn_score").update();
        int scored = 0;
        for (int i = 0; i < subs.size(); i++) {
            if (subs.get(i).churned()) {
                continue;
            }
            FittedChurnModel.Explanation e = explained.get(i);
            List<Map<String, Object>> factors = new ArrayList<>();
            for (FittedChurnModel.Factor f : e.top(5)) {
                factors.add(Map.of("feature", f.feature(), "value", f.value(), "contribution", f.contribution(),
                        "phrase", f.phrase()));
            }
            jdbc.sql("insert into subscription_churn_score (customer_id, probability, factors, scored_at)"
                            + " values (?, ?, ?, ?)")
                    .params(subs.get(i).customerId(), e.probability(), json.writeValueAsString(factors),
                            now.atOffset(ZoneOffset.UTC)).update();
            scored++;
        }
        log.info("Subscription churn model fitted on {} subscribers ({} churned): cross-validated ROC AUC {},"
                + " {} current subscribers scored", subs.size(), churned, m.rocAuc(), scored);
        return new ChurnRun(true, null, subs.size(), churned, scored, m.rocAuc(), seconds(started), now);
    }

    static Map<String, Object> evaluation(ChurnMetrics.Summary m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", m.n());
        out.put("positives", m.positives());
        out.put("rocAuc", m.rocAuc());
        out.put("prAuc", m.averagePrecision());
        out.put("topDecileLift", m.topDecileLift());
        out.put("brier", m.brier());
        List<Map<String, Object>> bins = new ArrayList<>();
        for (ChurnMetrics.CalibrationBin b : m.calibration()) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("lower", b.lower());
            bin.put("upper", b.upper());
            bin.put("count", b.count());
            bin.put("meanPredicted", Double.isNaN(b.meanPredicted()) ? null : b.meanPredicted());
            bin.put("observedRate", Double.isNaN(b.observedRate()) ? null : b.observedRate());
            bins.add(bin);
        }
        out.put("calibration", bins);
        return out;
    }

    /** The latest fitted model with its evaluation, if one was fitted. */
    @Transactional(readOnly = true)
    public Optional<ChurnModelReport> latest() {
        return jdbc.sql("select fitted_at, subscribers, churned, model, evaluation from subscription_churn_model"
                        + " order by id desc fetch first 1 rows only")
                .query((rs, n) -> ChurnModelReport.of(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                        rs.getInt(2), rs.getInt(3), FittedChurnModel.fromJson(rs.getString(4)),
                        json.readValue(rs.getString(5), Map.class)))
                .optional();
    }

    /** A customer's subscriptions and churn score (system use: the caller has checked the customer is theirs). */
    @Transactional(readOnly = true)
    public CustomerSubscriptions ofCustomer(long customerId, String externalId) {
        List<SubscriptionRecord> subs = subscriptions.ofCustomer(customerId);
        Double[] probability = {null};
        List<String> factors = new ArrayList<>();
        jdbc.sql("select probability, factors from subscription_churn_score where customer_id = ?").param(customerId)
                .query(rs -> {
                    probability[0] = rs.getDouble(1);
                    json.readTree(rs.getString(2)).forEach(f -> factors.add(f.path("phrase").asString()));
                });
        return new CustomerSubscriptions(externalId, subs, probability[0], factors);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
