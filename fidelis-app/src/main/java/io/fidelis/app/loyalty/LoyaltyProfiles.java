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

    LoyaltyProfiles(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record Previous(String stage, String overlay, LocalDate emotionalSince) {
    }

    /** A stage change as the Customer 360 lists it. */
    record Change(Instant at, String fromStage, String toStage, String fromOverlay, String toOverlay) {
    }

    static String evidenceJson(List<LoyaltyAssessment.Evidence> evidence) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LoyaltyAssessment.Evidence e : evidence) {
            list.add(Map.of("rule", e.rule(), "held", e.held(), "detail", e.detail()));
        }
        return JSON.writeValueAsString(list);
    }

    Map<Long, Previous> previous() {
        Map<Long, Previous> out = new HashMap<>();
        jdbc.sql("select customer_id, stage, overlay, emotional_since from loyalty_profile").query(rs -> {
            out.put(rs.getLong(1), new Previous(rs.getString(2), rs.getString(3),
                    rs.getObject(4, LocalDate.class)));
        });
        return out;
    }

    void replaceAll(List<LoyaltyProfile> profiles) {
        jdbc.sql("delete from loyalty_profile").update();
        List<Object[]> batch = new ArrayList<>(profiles.size());
        for (LoyaltyProfile p : profiles) {
            batch.add(new Object[] {p.customerId(), utc(p.scoredAt()), p.stage(), p.overlay(), p.index(), p.pAlive(),
                    p.expectedPurchases(), p.expectedSpend(), p.clv(), p.rfm(), p.rfmSegment(), p.occasions(),
                    p.txWeeks(), p.tWeeks(), p.monetary(), p.emotionalSince(), p.evidence()});
        }
        for (int from = 0; from < batch.size(); from += 1000) {
            template.batchUpdate("insert into loyalty_profile (customer_id, scored_at, stage, overlay, loyalty_index,"
                    + " p_alive, expected_purchases, expected_spend, clv, rfm, rfm_segment, occasions, t_x_weeks,"
                    + " t_weeks, monetary, emotional_since, evidence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)", batch.subList(from, Math.min(batch.size(), from + 1000)));
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

    Optional<LoyaltyProfile> of(long customerId) {
        return jdbc.sql("select customer_id, scored_at, stage, overlay, loyalty_index, p_alive, expected_purchases,"
                        + " expected_spend, clv, rfm, rfm_segment, occasions, t_x_weeks, t_weeks, monetary,"
                        + " emotional_since, evidence from loyalty_profile where customer_id = ?")
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
                rs.getDouble(15), rs.getObject(16, LocalDate.class), rs.getString(17));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
