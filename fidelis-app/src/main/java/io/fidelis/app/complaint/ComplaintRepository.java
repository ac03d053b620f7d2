package io.fidelis.app.complaint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.InChunks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Complaints with their history, products and categories, in plain SQL (H2 and PostgreSQL). */
@Repository
class ComplaintRepository {
    private final JdbcClient jdbc;

    ComplaintRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    long insert(Complaint c, Collection<String> skus) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into complaint (reference, customer_id, order_id, category, severity, status, channel,"
                        + " subject, description, department, assignee_id, tracking_hash, language, received_at,"
                        + " created_by, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(c.reference(), c.customerId(), c.orderId(), c.category(), c.severity().name(),
                        c.status().name(), c.channel(), c.subject(), c.description(), c.department(),
                        c.assigneeId(), c.trackingHash(), c.language(), utc(c.receivedAt()), c.createdBy())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (String sku : skus) {
            jdbc.sql("insert into complaint_product (complaint_id, sku) values (?, ?)").params(id, sku).update();
        }
        history(id, c.drainHistory());
        return id;
    }

    /** Saves a changed complaint; refuses if someone else changed it since it was read (optimistic locking). */
    void save(Complaint c) {
        int n = jdbc.sql("update complaint set category = ?, severity = ?, status = ?, root_cause = ?, resolution = ?,"
                        + " department = ?, assignee_id = ?, acknowledged_at = ?, resolved_at = ?, closed_at = ?,"
                        + " waiting_since = ?, version = version + 1 where id = ? and version = ?")
                .params(c.category(), c.severity().name(), c.status().name(), c.rootCause(), c.resolution(),
                        c.department(), c.assigneeId(), utc(c.acknowledgedAt()), utc(c.resolvedAt()),
                        utc(c.closedAt()), utc(c.waitingSince()), c.id(), c.version())
                .update();
        if (n == 0) {
            throw new ConflictException("complaint " + c.reference() + " was changed by someone else in the"
                    + " meantime; reload it and try again");
        }
        history(c.id(), c.drainHistory());
    }

    private void history(long id, List<Complaint.History> steps) {
        for (Complaint.History h : steps) {
            jdbc.sql("insert into complaint_event (complaint_id, at, actor, kind, from_status, to_status, text,"
                            + " internal) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, utc(h.at()), h.actor(), h.kind(), h.from() == null ? null : h.from().name(),
                            h.to() == null ? null : h.to().name(), h.text(), h.internal())
                    .update();
        }
    }

    private static final String SELECT = "select * from complaint";

    private static Complaint complaint(ResultSet rs, int n) throws SQLException {
        long assignee = rs.getLong("assignee_id");
        Long assigneeId = rs.wasNull() ? null : assignee;
        return new Complaint(rs.getLong("id"), rs.getString("reference"), rs.getLong("customer_id"),
                rs.getString("order_id"), rs.getString("category"), Severity.valueOf(rs.getString("severity")),
                ComplaintStatus.valueOf(rs.getString("status")), rs.getString("channel"), rs.getString("subject"),
                rs.getString("description"), rs.getString("root_cause"), rs.getString("resolution"),
                rs.getString("department"), assigneeId, rs.getString("tracking_hash"),
                rs.getString("language"), instant(rs, "received_at"), instant(rs, "acknowledged_at"),
                instant(rs, "resolved_at"), instant(rs, "closed_at"), instant(rs, "waiting_since"),
                rs.getString("created_by"), rs.getLong("version"));
    }

    Optional<Complaint> byReference(String reference) {
        return jdbc.sql(SELECT + " where reference = ?").param(reference).query(ComplaintRepository::complaint)
                .optional();
    }

    Optional<Complaint> byTrackingHash(String hash) {
        return jdbc.sql(SELECT + " where tracking_hash = ?").param(hash).query(ComplaintRepository::complaint)
                .optional();
    }

    List<Complaint> all() {
        return jdbc.sql(SELECT + " order by received_at").query(ComplaintRepository::complaint).list();
    }

    /**
     * The complaint database: words in the subject, description, resolution or root cause (all given words,
     * case-insensitive), a category, a product, a customer and a period; newest first.
     */
    List<Complaint> search(String words, String category, String sku, Long customerId, Instant from, Instant to,
                           int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " c where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (words != null) {
            for (String w : words.toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
                if (!w.isBlank()) {
                    sql.append(" and lower(c.subject || ' ' || c.description || ' ' || coalesce(c.resolution, '') || ' '"
                            + " || coalesce(c.root_cause, '')) like ?");
                    params.add("%" + w.replace("%", "").replace("_", "") + "%");
                }
            }
        }
        if (category != null) {
            sql.append(" and c.category = ?");
            params.add(category);
        }
        if (sku != null) {
            sql.append(" and exists (select 1 from complaint_product p where p.complaint_id = c.id and p.sku = ?)");
            params.add(sku);
        }
        if (customerId != null) {
            sql.append(" and c.customer_id = ?");
            params.add(customerId);
        }
        if (from != null) {
            sql.append(" and c.received_at >= ?");
            params.add(utc(from));
        }
        if (to != null) {
            sql.append(" and c.received_at < ?");
            params.add(utc(to));
        }
        sql.append(" order by c.received_at desc, c.id desc fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(ComplaintRepository::complaint).list();
    }

    /**
     * The unresolved complaints of these customers, oldest first: looked up by customer (its index), a thousand
     * customers a query, so that the cost follows the customers asked about and not every open complaint there is.
     */
    List<HandlingComplaints.Unresolved> unresolvedOf(java.util.Collection<Long> customerIds) {
        List<HandlingComplaints.Unresolved> out = new ArrayList<>();
        InChunks.each(customerIds.stream().distinct().toList(), InChunks.SIZE, (in, ids) ->
                out.addAll(jdbc.sql("select reference, customer_id, subject, status, received_at from complaint"
                                + " where customer_id in (" + in + ") and status not in ('RESOLVED', 'CLOSED',"
                                + " 'WITHDRAWN')")
                        .params(ids)
                        .query((rs, n) -> new HandlingComplaints.Unresolved(rs.getString(1), rs.getLong(2),
                                rs.getString(3), ComplaintStatus.valueOf(rs.getString(4)),
                                instant(rs, "received_at")))
                        .list()));
        out.sort(java.util.Comparator.comparing(HandlingComplaints.Unresolved::receivedAt)
                .thenComparing(HandlingComplaints.Unresolved::reference));
        return out;
    }

    List<Complaint> ofCustomer(long customerId) {
        return jdbc.sql(SELECT + " where customer_id = ? order by received_at desc").param(customerId)
                .query(ComplaintRepository::complaint).list();
    }

    /** The board: complaints still being handled and those closed or withdrawn since a time, newest first. */
    List<Complaint> board(String category, String severity, Long assignee, Instant closedSince, int limit) {
        return boardPart("(status not in ('CLOSED', 'WITHDRAWN') or closed_at >= ?)", closedSince, category,
                severity, assignee, limit);
    }

    private List<Complaint> boardPart(String where, Instant since, String category, String severity, Long assignee,
                                      int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " where " + where);
        List<Object> params = new ArrayList<>();
        if (since != null) {
            params.add(utc(since));
        }
        if (category != null) {
            sql.append(" and category = ?");
            params.add(category);
        }
        if (severity != null) {
            sql.append(" and severity = ?");
            params.add(severity);
        }
        if (assignee != null) {
            sql.append(" and assignee_id = ?");
            params.add(assignee);
        }
        sql.append(" order by received_at desc fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(ComplaintRepository::complaint).list();
    }

    /** Open complaints per assignee, for least-loaded assignment. */
    java.util.Map<Long, Long> openByAssignee() {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        jdbc.sql("select assignee_id, count(*) from complaint where assignee_id is not null and status not in"
                + " ('RESOLVED', 'CLOSED', 'WITHDRAWN') group by assignee_id").query(rs -> {
                    out.put(rs.getLong(1), rs.getLong(2));
                });
        return out;
    }

    /** Who got the latest complaint of a department, for round-robin assignment. */
    Optional<Long> lastAssignee(String department) {
        return jdbc.sql("select assignee_id from complaint where department = ? and assignee_id is not null order by"
                        + " received_at desc, id desc fetch first 1 rows only")
                .param(department).query(Long.class).optional();
    }

    /** Open complaints with their escalation state, for the SLA watch. */
    record Watched(long id, String reference, int escalation, boolean warned) {
    }

    List<Watched> watched(Instant receivedBy) {
        // Escalated twice, a complaint has no step left for the watch.
        return jdbc.sql("select id, reference, escalation, warned from complaint where status not in ('RESOLVED',"
                        + " 'CLOSED', 'WITHDRAWN') and escalation < 2 and received_at <= ?")
                .param(utc(receivedBy))
                .query((rs, n) -> new Watched(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)))
                .list();
    }

    Optional<Complaint> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(ComplaintRepository::complaint).optional();
    }

    void escalate(long id, int level, boolean warned, Instant at, String text) {
        jdbc.sql("update complaint set escalation = ?, warned = ? where id = ?").params(level, warned, id).update();
        jdbc.sql("insert into complaint_event (complaint_id, at, actor, kind, text, internal) values (?, ?,"
                + " 'system', ?, ?, true)").params(id, utc(at), level > 0 ? "ESCALATED" : "WARNED", text).update();
    }

    int escalationOf(long id) {
        return jdbc.sql("select escalation from complaint where id = ?").param(id).query(Integer.class).single();
    }

    /** The waiting and resumed steps of many complaints (for their SLA clocks), a thousand per query. */
    java.util.Map<Long, List<Complaint.History>> waits(Collection<Long> ids) {
        java.util.Map<Long, List<Complaint.History>> out = new java.util.HashMap<>();
        InChunks.each(new ArrayList<>(ids), InChunks.SIZE, (in, chunk) ->
                jdbc.sql("select complaint_id, at, kind from complaint_event where kind in ('WAITING', 'RESUMED')"
                                + " and complaint_id in (" + in + ") order by at, id")
                        .params(chunk)
                        .query(rs -> {
                            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Complaint.History(
                                    instant(rs, "at"), "system", rs.getString(3), null, null, null, true));
                        }));
        return out;
    }

    /** A service recovery action taken on a complaint. */
    record Recovery(String kind, java.math.BigDecimal cost, String note, Instant at, String actor) {
    }

    void insertRecovery(long complaintId, Recovery r) {
        jdbc.sql("insert into complaint_recovery (complaint_id, kind, cost, note, at, actor) values (?, ?, ?, ?, ?, ?)")
                .params(complaintId, r.kind(), r.cost(), r.note(), utc(r.at()), r.actor()).update();
    }

    List<Recovery> recoveries(long complaintId) {
        return jdbc.sql("select kind, cost, note, at, actor from complaint_recovery where complaint_id = ? order by"
                        + " at, id").param(complaintId)
                .query((rs, n) -> new Recovery(rs.getString(1), rs.getBigDecimal(2), rs.getString(3),
                        instant(rs, "at"), rs.getString(5))).list();
    }

    List<Complaint.History> history(long complaintId) {
        return jdbc.sql("select at, actor, kind, from_status, to_status, text, internal from complaint_event where"
                        + " complaint_id = ? order by at, id")
                .param(complaintId)
                .query((rs, n) -> new Complaint.History(instant(rs, "at"), rs.getString("actor"),
                        rs.getString("kind"), status(rs.getString("from_status")), status(rs.getString("to_status")),
                        rs.getString("text"), rs.getBoolean("internal")))
                .list();
    }

    private static ComplaintStatus status(String s) {
        return s == null ? null : ComplaintStatus.valueOf(s);
    }

    List<String> products(long complaintId) {
        return jdbc.sql("select sku from complaint_product where complaint_id = ? order by sku").param(complaintId)
                .query(String.class).list();
    }

    /** Every complaint's products. */
    Map<Long, List<String>> productsOfAll() {
        Map<Long, List<String>> out = new java.util.HashMap<>();
        jdbc.sql("select complaint_id, sku from complaint_product order by complaint_id, sku")
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return out;
    }

    /** A raised alert: a category or product whose complaints rose on a day above its CUSUM alarm level. */
    record Alert(String kind, String subject, java.time.LocalDate day, int count, double baseline, Instant raisedAt) {
    }

    /** Records an alert unless that day's alert for the subject is there already; whether it was new. */
    boolean raise(Alert a) {
        Integer there = jdbc.sql("select count(*) from complaint_alert where kind = ? and subject = ?"
                        + " and alert_day = ?")
                .params(a.kind(), a.subject(), a.day()).query(Integer.class).single();
        if (there > 0) {
            return false;
        }
        jdbc.sql("insert into complaint_alert (kind, subject, alert_day, complaints, baseline, raised_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(a.kind(), a.subject(), a.day(), a.count(), a.baseline(), utc(a.raisedAt())).update();
        return true;
    }

    /** Alerts on days from {@code since}, newest first. */
    List<Alert> alertsSince(java.time.LocalDate since) {
        return jdbc.sql("select kind, subject, alert_day, complaints, baseline, raised_at from complaint_alert"
                        + " where alert_day >= ? order by alert_day desc, kind, subject")
                .param(since)
                .query((rs, n) -> new Alert(rs.getString(1), rs.getString(2), rs.getObject(3,
                        java.time.LocalDate.class), rs.getInt(4), rs.getDouble(5), instant(rs, "raised_at")))
                .list();
    }

    /** Every category, active or not, parents first. */
    List<CategoryRow> allCategories() {
        return jdbc.sql("select code, parent, name_en, name_zh, department, active from complaint_category"
                        + " order by code")
                .query((rs, n) -> new CategoryRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6)))
                .list();
    }

    /** A category as stored, active or not. */
    record CategoryRow(String code, String parent, String nameEn, String nameZh, String department, boolean active) {
    }

    void insertCategory(CategoryRow c) {
        jdbc.sql("insert into complaint_category (code, parent, name_en, name_zh, department, active)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(c.code(), c.parent(), c.nameEn(), c.nameZh(), c.department(), c.active()).update();
    }

    void updateCategory(CategoryRow c) {
        jdbc.sql("update complaint_category set parent = ?, name_en = ?, name_zh = ?, department = ?, active = ?"
                        + " where code = ?")
                .params(c.parent(), c.nameEn(), c.nameZh(), c.department(), c.active(), c.code()).update();
    }

    /** A category: code, names, department. */
    record Category(String code, String parent, String nameEn, String nameZh, String department) {
    }

    /**
     * The active categories, each named by its path ("Delivery and supply › Late delivery") and with its department
     * or, when it has none, its nearest ancestor's; ordered by path. A category under an inactive parent is inactive.
     */
    List<Category> categories() {
        Map<String, CategoryRow> rows = new java.util.LinkedHashMap<>();
        allCategories().forEach(r -> rows.put(r.code(), r));
        List<Category> out = new ArrayList<>();
        for (CategoryRow r : rows.values()) {
            boolean active = true;
            String en = r.nameEn();
            String zh = r.nameZh();
            String department = r.department();
            int depth = 0;
            for (CategoryRow up = r; up != null && depth < 10; up = up.parent() == null ? null : rows.get(up.parent()),
                    depth++) {
                active &= up.active();
                if (up != r) {
                    en = up.nameEn() + " › " + en;
                    zh = up.nameZh() + " › " + zh;
                    department = department == null || department.isBlank() ? up.department() : department;
                }
            }
            if (active) {
                out.add(new Category(r.code(), r.parent(), en, zh, department));
            }
        }
        out.sort(java.util.Comparator.comparing(Category::nameEn));
        return out;
    }

    /** Every complaint's customer, status and times, for the loyalty signals. */
    record Outcome(long customerId, ComplaintStatus status, Instant receivedAt, Instant resolvedAt) {
    }

    List<Outcome> outcomes() {
        return outcomes(null);
    }

    /** Every complaint's outcome, or some customers' when {@code customerIds} is not null. */
    List<Outcome> outcomes(List<Long> customerIds) {
        String select = "select customer_id, status, received_at, resolved_at from complaint";
        org.springframework.jdbc.core.RowMapper<Outcome> outcome = (rs, n) -> new Outcome(rs.getLong(1),
                ComplaintStatus.valueOf(rs.getString(2)), instant(rs, "received_at"), instant(rs, "resolved_at"));
        if (customerIds == null) {
            return jdbc.sql(select).query(outcome).list();
        }
        List<Outcome> out = new ArrayList<>();
        InChunks.eachPadded(customerIds, (in, ids) ->
                out.addAll(jdbc.sql(select + " where customer_id in (" + in + ")").params(ids).query(outcome).list()));
        return out;
    }

    /** When each customer's complaints were received, by category (system use: the supply analytics). */
    void eachReceived(java.util.function.BiConsumer<Long, java.time.Instant> sink, String category) {
        jdbc.sql("select customer_id, received_at from complaint" + (category == null ? "" : " where category = ?"))
                .params(category == null ? List.of() : List.of(category))
                .query(rs -> {
                    sink.accept(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                });
    }

    /** Complaints received since a time with their order and named products: (customer, received, order, skus). */
    void eachWithProducts(Instant since, ProductSink sink) {
        Map<Long, List<String>> skus = new java.util.HashMap<>();
        jdbc.sql("select p.complaint_id, p.sku from complaint_product p join complaint c on c.id = p.complaint_id"
                        + " where c.received_at >= ?").param(since.atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    skus.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        jdbc.sql("select id, customer_id, received_at, order_id from complaint where received_at >= ?")
                .param(since.atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    sink.accept(rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
                            skus.getOrDefault(rs.getLong(1), List.of()));
                });
    }

    interface ProductSink {
        void accept(long customerId, Instant receivedAt, String orderId, List<String> skus);
    }
}
