package io.fidelis.app.winback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.fidelis.app.shared.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class WinBackRepository {
    private static final String SELECT = "select id, customer_id, manager_id, opened_at, due_on, status, reason,"
            + " action, note, closed_at, closed_by, version from lost_case";
    private final JdbcClient jdbc;

    WinBackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static LostCase row(ResultSet rs, int n) throws SQLException {
        String action = rs.getString("action");
        return new LostCase(rs.getLong("id"), rs.getLong("customer_id"), (Long) rs.getObject("manager_id",
                Long.class), instant(rs, "opened_at"), rs.getObject("due_on", java.time.LocalDate.class),
                LostCaseStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                action == null ? null : WinBackAction.valueOf(action), rs.getString("note"), instant(rs, "closed_at"),
                rs.getString("closed_by"), rs.getLong("version"));
    }

    long insert(LostCase c) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into lost_case (customer_id, manager_id, opened_at, due_on, status, version)"
                        + " values (?, ?, ?, ?, ?, 0)")
                .params(c.customerId(), c.managerId(), utc(c.openedAt()), c.dueOn(), c.status().name())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Saves a changed case if nobody else changed it since it was read. */
    void save(LostCase c) {
        if (!saveIfUnchanged(c)) {
            throw new ConflictException("the case was changed by someone else; reload and try again");
        }
    }

    /** As {@link #save}, but says whether it was saved instead of failing when someone else changed it first. */
    boolean saveIfUnchanged(LostCase c) {
        int n = jdbc.sql("update lost_case set status = ?, reason = ?, action = ?, note = ?, closed_at = ?,"
                        + " closed_by = ?, version = version + 1 where id = ? and version = ?")
                .params(c.status().name(), c.reason(), c.action() == null ? null : c.action().name(), c.note(),
                        utc(c.closedAt()), c.closedBy(), c.id(), c.version())
                .update();
        return n == 1;
    }

    Optional<LostCase> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(WinBackRepository::row).optional();
    }

    boolean hasOpen(long customerId) {
        return jdbc.sql("select count(*) from lost_case where customer_id = ? and status = 'OPEN'").param(customerId)
                .query(Long.class).single() > 0;
    }

    List<LostCase> all() {
        return jdbc.sql(SELECT + " order by opened_at desc, id desc").query(WinBackRepository::row).list();
    }

    List<LostCase> open() {
        return jdbc.sql(SELECT + " where status = 'OPEN' order by due_on, id").query(WinBackRepository::row).list();
    }

    List<LostCase> ofCustomer(long customerId) {
        return jdbc.sql(SELECT + " where customer_id = ? order by opened_at desc").param(customerId)
                .query(WinBackRepository::row).list();
    }

    /** The open cases of some customers (looked up by customer), as {@link #open()} orders them: by due date. */
    List<LostCase> openOf(Collection<Long> customerIds) {
        List<LostCase> out = new java.util.ArrayList<>();
        io.fidelis.app.shared.InChunks.eachPadded(customerIds, (in, ids) ->
                out.addAll(jdbc.sql(SELECT + " where customer_id in (" + in + ") and status = 'OPEN'").params(ids)
                        .query(WinBackRepository::row).list()));
        out.sort(java.util.Comparator.comparing(LostCase::dueOn).thenComparing(LostCase::id));
        return out;
    }

    /** A reason of the taxonomy. */
    record Reason(String code, String nameEn, String nameZh, boolean controllable, boolean active) {
    }

    List<Reason> reasons() {
        return jdbc.sql("select code, name_en, name_zh, controllable, active from lost_reason order by controllable,"
                        + " code")
                .query((rs, n) -> new Reason(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5)))
                .list();
    }

    void insertReason(Reason r) {
        jdbc.sql("insert into lost_reason (code, name_en, name_zh, controllable, active) values (?, ?, ?, ?, ?)")
                .params(r.code(), r.nameEn(), r.nameZh(), r.controllable(), r.active()).update();
    }

    void updateReason(Reason r) {
        jdbc.sql("update lost_reason set name_en = ?, name_zh = ?, controllable = ?, active = ? where code = ?")
                .params(r.nameEn(), r.nameZh(), r.controllable(), r.active(), r.code()).update();
    }
}
