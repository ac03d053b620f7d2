package io.fidelis.app.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.core.clv.Fit;
import io.fidelis.core.loyalty.LoyaltyAssessment;
import io.fidelis.app.shared.InChunks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stores loyalty profiles, stage changes and fitted models with explicit SQL. */
@Repository
class LoyaltyProfiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** How long the sorted CLVs behind {@link #clvPercentile} are reused before they are read again. */
    private final java.time.Duration clvRefresh;
    /** Moves on when a full scoring run commits: sorted CLVs read before that are not kept. */
    private final java.util.concurrent.atomic.AtomicLong clvGeneration = new java.util.concurrent.atomic.AtomicLong();
    private volatile SortedClvs clvCache;

    private record SortedClvs(double[] values, long loadedNanos, long generation) {
    }

    LoyaltyProfiles(JdbcClient jdbc, JdbcTemplate template,
                    @org.springframework.beans.factory.annotation.Value(
                            "${fidelis.loyalty.clv-percentile-refresh:PT1M}") java.time.Duration clvRefresh) {
        this.jdbc = jdbc;
        this.template = template;
        this.clvRefresh = clvRefresh;
    }

    record Previous(String stage, String overlay, LocalDate emotionalSince, String rfm, String rfmSegment) {
    }

    /** The population models and typical rates of the last full scoring run. */
    record Stored(io.fidelis.core.clv.FittedBgNbd bgNbd, io.fidelis.core.clv.FittedGammaGamma gammaGamma,
                  Map<String, Double> typicalRates) {
    }

    /** A stage change as the Customer 360 lists it. */
    record Change(Instant at, String fromStage, String toStage, String fromOverlay, String toOverlay) {
    }

    /** Every scored customer's CLV (where it could be computed). */
    Map<Long, Double> clvs() {
        Map<Long, Double> out = new HashMap<>();
        jdbc.sql("select customer_id, clv from loyalty_profile where clv is not null").query(rs -> {
            out.put(rs.getLong(1), rs.getDouble(2));
        });
        return out;
    }

    Map<Long, Previous> previous() {
        Map<Long, Previous> out = new HashMap<>();
        jdbc.sql("select customer_id, stage, overlay, emotional_since, rfm, rfm_segment from loyalty_profile")
                .query(rs -> {
                    out.put(rs.getLong(1), previous(rs));
                });
        return out;
    }

    /** Some customers' previous profiles, by customer. */
    Map<Long, Previous> previous(java.util.Collection<Long> customerIds) {
        Map<Long, Previous> out = new HashMap<>();
        io.fidelis.app.shared.InChunks.eachPadded(customerIds, (in, ids) ->
                jdbc.sql("select customer_id, stage, overlay, emotional_since, rfm, rfm_segment from loyalty_profile"
                        + " where customer_id in (" + in + ")").params(ids).query(rs -> {
                            out.put(rs.getLong(1), previous(rs));
                        }));
        return out;
    }

    private static Previous previous(ResultSet rs) throws SQLException {
        return new Previous(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5),
                rs.getString(6));
    }

    /** Replaces some customers' profiles. */
    void replace(List<LoyaltyProfile> some) {
        io.fidelis.app.shared.InChunks.eachPadded(some.stream().map(LoyaltyProfile::customerId).toList(),
                (in, ids) -> jdbc.sql("delete from loyalty_profile where customer_id in (" + in + ")").params(ids)
                        .update());
        insert(some);
    }

    /** The models last read, and the rows they were read from. */
    private record ReadModels(long modelId, long populationId, Optional<Stored> stored) {
    }

    private volatile ReadModels readModels;

    /**
     * The last full run's models, if there was one with a fitted BG/NBD. Read again only when a run has stored new
     * ones (a new model or population row): rescoring a customer after each purchase need not parse the population
     * figures each time.
     */
    Optional<Stored> latestModels() {
        long[] rows = jdbc.sql("select coalesce((select max(id) from loyalty_model), 0),"
                + " coalesce((select max(id) from loyalty_population), 0)")
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        ReadModels last = readModels;
        if (last != null && last.modelId() == rows[0] && last.populationId() == rows[1]) {
            return last.stored();
        }
        Optional<Stored> stored = readLatestModels();
        readModels = new ReadModels(rows[0], rows[1], stored);
        return stored;
    }

    @SuppressWarnings("unchecked")
    private Optional<Stored> readLatestModels() {
        Optional<Map<String, Double>> bg = latestParams("bgnbd");
        if (bg.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> b = bg.get();
        io.fidelis.core.clv.FittedGammaGamma gg = latestParams("gamma-gamma")
                .map(g -> io.fidelis.core.clv.FittedGammaGamma.of(g.get("p"), g.get("q"), g.get("gamma")))
                .orElse(null);
        Map<String, Double> typical = population().map(json -> (Map<String, Object>) JSON.readValue(json, Map.class))
                .map(m -> (Map<String, Object>) m.getOrDefault("typicalRates", Map.of()))
                .map(m -> {
                    Map<String, Double> rates = new HashMap<>();
                    m.forEach((k, v) -> rates.put(k, ((Number) v).doubleValue()));
                    return rates;
                })
                .orElse(Map.of());
        return Optional.of(new Stored(io.fidelis.core.clv.FittedBgNbd.of(b.get("r"), b.get("alpha"), b.get("a"),
                b.get("b")), gg, typical));
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Double>> latestParams(String model) {
        return jdbc.sql("select params from loyalty_model where model = ? order by id desc limit 1").param(model)
                .query(String.class).optional()
                .map(json -> {
                    Map<String, Double> out = new HashMap<>();
                    ((Map<String, Object>) JSON.readValue(json, Map.class))
                            .forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
                    return out;
                });
    }

    void replaceAll(List<LoyaltyProfile> profiles) {
        jdbc.sql("delete from loyalty_profile").update();
        insert(profiles);
    }

    private void insert(List<LoyaltyProfile> profiles) {
        List<Object[]> batch = new ArrayList<>(profiles.size());
        for (LoyaltyProfile p : profiles) {
            batch.add(new Object[] {p.customerId(), utc(p.scoredAt()), p.stage(), p.overlay(), p.index(), p.pAlive(),
                    p.expectedPurchases(), p.expectedSpend(), p.clv(), p.rfm(), p.rfmSegment(), p.occasions(),
                    p.txWeeks(), p.tWeeks(), p.monetary(), p.emotionalSince(), p.evidence(), p.categories(),
                    p.crossCategoryShare(), p.topBrandShare()});
        }
        for (int from = 0; from < batch.size(); from += 1000) {
            template.batchUpdate("insert into loyalty_profile (customer_id, scored_at, stage, overlay, loyalty_index,"
                    + " p_alive, expected_purchases, expected_spend, clv, rfm, rfm_segment, occasions, t_x_weeks,"
                    + " t_weeks, monetary, emotional_since, evidence, categories, cross_category_share,"
                    + " top_brand_share) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.subList(from, Math.min(batch.size(), from + 1000)));
        }
    }

    void recordChanges(List<LoyaltyStageChanged> changes) {
        List<Object[]> batch = new ArrayList<>();
        for (LoyaltyStageChanged c : changes) {
            batch.add(new Object[] {c.customerId(), utc(c.at()), c.fromStage(), c.toStage(), c.fromOverlay(),
                    c.toOverlay()});
        }
        for (int from = 0; from < batch.size(); from += 1000) {
            template.batchUpdate("insert into loyalty_stage_change (customer_id, changed_at, from_stage, to_stage,"
                    + " from_overlay, to_overlay) values (?, ?, ?, ?, ?, ?)",
                    batch.subList(from, Math.min(batch.size(), from + 1000)));
        }
    }

    void saveModel(String model, Fit fit, long customers, Instant at) {
        jdbc.sql("insert into loyalty_model (fitted_at, model, params, log_likelihood, customers, converged, boundary)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(utc(at), model, JSON.writeValueAsString(fit.params()), fit.logLikelihood(), customers,
                        fit.converged(), String.join(",", fit.boundary()))
                .update();
    }

    void savePopulation(Map<String, Object> payload, Instant at) {
        jdbc.sql("delete from loyalty_population").update();
        jdbc.sql("insert into loyalty_population (computed_at, payload) values (?, ?)")
                .params(utc(at), JSON.writeValueAsString(payload)).update();
    }

    /** The latest population figures as JSON, if scored. */
    Optional<String> population() {
        return jdbc.sql("select payload from loyalty_population order by id desc limit 1").query(String.class)
                .optional();
    }

    /** Customers per stage and overlay (within an account manager's customers when scoped). */
    Map<String, Long> stageCounts(Optional<Long> managerScope) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        jdbc.sql("select p.stage, p.overlay, count(*) from loyalty_profile p"
                        + (managerScope.isPresent() ? " join customer c on c.id = p.customer_id"
                        + " where c.account_manager_id = ?" : "") + " group by p.stage, p.overlay")
                .params(managerScope.<List<Object>>map(List::of).orElse(List.of()))
                .query(rs -> {
                    out.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
                });
        return out;
    }

    /** A valuable customer at risk, as the at-risk list shows them. */
    record AtRisk(String externalId, String name, String stage, String overlay, double pAlive, double clv,
                  double valueAtRisk, String accountManager) {
    }

    /**
     * At-risk or lost customers by the value the business stands to lose: the CLV they would bring if still active
     * (CLV / P(alive), since the CLV already weighs by P(alive)) × (1 − P(alive)).
     */
    List<AtRisk> atRisk(Optional<Long> managerScope, int limit) {
        List<Object> params = new ArrayList<>();
        managerScope.ifPresent(params::add);
        params.add(limit);
        return jdbc.sql("select c.external_id, c.name, p.stage, p.overlay, p.p_alive, p.clv,"
                        + " p.clv / (case when p.p_alive < 0.01 then 0.01 else p.p_alive end) * (1 - p.p_alive) v,"
                        + " u.username from loyalty_profile p"
                        + " join customer c on c.id = p.customer_id left join staff_user u on u.id = c.account_manager_id"
                        + " where p.overlay <> 'NONE' and p.clv is not null and p.p_alive is not null"
                        + (managerScope.isPresent() ? " and c.account_manager_id = ?" : "")
                        + " order by v desc, c.external_id limit ?")
                .params(params)
                .query((rs, n) -> new AtRisk(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8)))
                .list();
    }

    /** CLV of every scored customer (within scope), for its distribution. */
    double[] clvs(Optional<Long> managerScope) {
        return jdbc.sql("select p.clv from loyalty_profile p" + (managerScope.isPresent()
                        ? " join customer c on c.id = p.customer_id where c.account_manager_id = ? and p.clv is not null"
                        : " where p.clv is not null"))
                .params(managerScope.<List<Object>>map(List::of).orElse(List.of()))
                .query(Double.class).list().stream().mapToDouble(Double::doubleValue).toArray();
    }

    Optional<LoyaltyProfile> of(long customerId) {
        return jdbc.sql("select customer_id, scored_at, stage, overlay, loyalty_index, p_alive, expected_purchases,"
                        + " expected_spend, clv, rfm, rfm_segment, occasions, t_x_weeks, t_weeks, monetary,"
                        + " emotional_since, evidence, categories, cross_category_share, top_brand_share"
                        + " from loyalty_profile where customer_id = ?")
                .param(customerId).query(LoyaltyProfiles::profile).optional();
    }

    List<Change> changesOf(long customerId, int limit) {
        return jdbc.sql("select changed_at, from_stage, to_stage, from_overlay, to_overlay from loyalty_stage_change"
                        + " where customer_id = ? order by changed_at desc, id desc limit ?")
                .params(customerId, limit)
                .query((rs, n) -> new Change(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    private static LoyaltyProfile profile(ResultSet rs, int n) throws SQLException {
        return new LoyaltyProfile(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getDouble(5), rs.getObject(6, Double.class),
                rs.getObject(7, Double.class), rs.getObject(8, Double.class), rs.getObject(9, Double.class),
                rs.getString(10), rs.getString(11), rs.getInt(12), rs.getDouble(13), rs.getDouble(14),
                rs.getDouble(15), rs.getObject(16, LocalDate.class), rs.getString(17), rs.getInt(18),
                rs.getObject(19, Double.class), rs.getObject(20, Double.class));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    Map<Long, LoyaltyReadings.Brief> briefsOf(java.util.Collection<Long> ids) {
        Map<Long, LoyaltyReadings.Brief> out = new HashMap<>();
        InChunks.each(new java.util.ArrayList<>(new java.util.LinkedHashSet<>(ids)), InChunks.SIZE, (in, chunk) ->
                jdbc.sql("select customer_id, stage, overlay, p_alive, clv, occasions from loyalty_profile"
                                + " where customer_id in (" + in + ")")
                        .params(chunk)
                        .query(rs -> {
                            out.put(rs.getLong(1), new LoyaltyReadings.Brief(rs.getString(2), rs.getString(3),
                                    (Double) rs.getObject(4, Double.class), (Double) rs.getObject(5, Double.class),
                                    rs.getInt(6)));
                        }));
        return out;
    }

    /**
     * The share (in %) of scored customers whose CLV is at most this one; 0 when none has a CLV.
     * <p>
     * Counted in every customer's CLVs, sorted, which are read once and reused for
     * {@code fidelis.loyalty.clv-percentile-refresh} (default a minute) or until the next full scoring run commits:
     * counting in the table on every Customer 360 read every profile each time (in the load test, a sixth of the
     * server's time). A customer rescored after a purchase moves the percentiles of others within that minute.
     */
    double clvPercentile(double clv) {
        double[] sorted = cachedClvs();
        if (sorted.length == 0) {
            return 0;
        }
        return 100.0 * atMost(sorted, clv) / sorted.length;
    }

    /** How many of the sorted values are at most {@code value} (NaN, sorted last, never is). */
    static int atMost(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double[] cachedClvs() {
        long generation = clvGeneration.get();
        SortedClvs c = clvCache;
        if (fresh(c, generation)) {
            return c.values();
        }
        synchronized (this) {
            c = clvCache;
            if (fresh(c, generation)) {
                return c.values();
            }
            long loaded = System.nanoTime();
            double[] values = clvsSorted();
            if (clvGeneration.get() == generation) {
                clvCache = new SortedClvs(values, loaded, generation);
            }
            return values;
        }
    }

    private boolean fresh(SortedClvs c, long generation) {
        return c != null && c.generation() == generation && System.nanoTime() - c.loadedNanos() < clvRefresh.toNanos();
    }

    /** After a full scoring run has committed: percentiles are counted in the new CLVs from now on. */
    void forgetClvs() {
        clvGeneration.incrementAndGet();
        clvCache = null;
    }

    /** Every scored customer's summary for scenarios: id, stage, repeat occasions, t_x, T, expected spend. */
    void eachSummary(java.util.function.Consumer<LoyaltyReadings.ScoredSummary> sink) {
        jdbc.sql("select customer_id, stage, occasions, t_x_weeks, t_weeks, expected_spend, monetary"
                        + " from loyalty_profile order by customer_id")
                .query(rs -> {
                    sink.accept(new LoyaltyReadings.ScoredSummary(rs.getLong(1), rs.getString(2), rs.getInt(3) - 1,
                            rs.getDouble(4), rs.getDouble(5), rs.getObject(6, Double.class), rs.getDouble(7)));
                });
    }

    /**
     * What identifies the stored profiles and models: the last model's id, the number of profiles and the latest
     * scoring time (a single customer rescored changes it).
     */
    String version() {
        return jdbc.sql("select (select max(id) from loyalty_model), count(*), max(scored_at) from loyalty_profile")
                .query((rs, n) -> rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getString(3)).single();
    }

    /** When the last model was fitted. */
    Optional<Instant> lastFitted() {
        return jdbc.sql("select fitted_at from loyalty_model where model = 'bgnbd' order by id desc limit 1")
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
    }

    double[] clvsSorted() {
        return jdbc.sql("select clv from loyalty_profile where clv is not null order by clv").query(Double.class)
                .list().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
