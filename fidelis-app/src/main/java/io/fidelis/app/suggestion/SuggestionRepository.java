package io.fidelis.app.suggestion;

import java.sql.ResultSet;
import java.sql.SQLException;
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
class SuggestionRepository {
    private static final String SUGGESTIONS = "select id, customer_id, source, source_ref, text, sku, category,"
            + " language, item_id, received_at, created_by, version from suggestion";
    private static final String ITEMS = "select id, title, description, status, decline_reason, delivered_at,"
            + " delivery_note, created_at, created_by, updated_at, version from improvement_item";
    private final JdbcClient jdbc;

    SuggestionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Suggestion suggestion(ResultSet rs, int n) throws SQLException {
        return new Suggestion(rs.getLong("id"), rs.getLong("customer_id"), SuggestionSource.valueOf(
                rs.getString("source")), rs.getString("source_ref"), rs.getString("text"), rs.getString("sku"),
                rs.getString("category"), rs.getString("language"), rs.getObject("item_id", Long.class),
                instant(rs, "received_at"), rs.getString("created_by"), rs.getLong("version"));
    }

    private static ImprovementItem item(ResultSet rs, int n) throws SQLException {
        return new ImprovementItem(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
                ImprovementStatus.valueOf(rs.getString("status")), rs.getString("decline_reason"),
                instant(rs, "delivered_at"), rs.getString("delivery_note"), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "updated_at"), rs.getLong("version"));
    }

    // Suggestions.

    long insert(Suggestion s) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into suggestion (customer_id, source, source_ref, text, sku, category, language, item_id,"
                        + " received_at, created_by, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(s.customerId(), s.source().name(), s.sourceRef(), s.text(), s.sku(), s.category(),
                        s.language(), s.itemId(), utc(s.receivedAt()), s.createdBy())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void saveGrouping(Suggestion s) {
        int n = jdbc.sql("update suggestion set item_id = ?, version = version + 1 where id = ? and version = ?")
                .params(s.itemId(), s.id(), s.version()).update();
        if (n == 0) {
            throw new ConflictException("the suggestion was changed by someone else; reload and try again");
        }
    }

    Optional<Suggestion> suggestion(long id) {
        return jdbc.sql(SUGGESTIONS + " where id = ?").param(id).query(SuggestionRepository::suggestion).optional();
    }

    boolean exists(SuggestionSource source, String sourceRef) {
        return jdbc.sql("select count(*) from suggestion where source = ? and source_ref = ?")
                .params(source.name(), sourceRef).query(Long.class).single() > 0;
    }

    List<Suggestion> ungrouped() {
        return jdbc.sql(SUGGESTIONS + " where item_id is null order by received_at, id")
                .query(SuggestionRepository::suggestion).list();
    }

    List<Suggestion> grouped() {
        return jdbc.sql(SUGGESTIONS + " where item_id is not null order by received_at, id")
                .query(SuggestionRepository::suggestion).list();
    }

    List<Suggestion> ofItem(long itemId) {
        return jdbc.sql(SUGGESTIONS + " where item_id = ? order by received_at, id").param(itemId)
                .query(SuggestionRepository::suggestion).list();
    }

    List<Suggestion> ofCustomer(long customerId) {
        return jdbc.sql(SUGGESTIONS + " where customer_id = ? order by received_at desc, id desc").param(customerId)
                .query(SuggestionRepository::suggestion).list();
    }

    // Items.

    long insert(ImprovementItem i) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into improvement_item (title, description, status, created_at, created_by, updated_at,"
                        + " version) values (?, ?, ?, ?, ?, ?, 0)")
                .params(i.title(), i.description(), i.status().name(), utc(i.createdAt()), i.createdBy(),
                        utc(i.updatedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void save(ImprovementItem i) {
        int n = jdbc.sql("update improvement_item set title = ?, description = ?, status = ?, decline_reason = ?,"
                        + " delivered_at = ?, delivery_note = ?, updated_at = ?, version = version + 1 where id = ?"
                        + " and version = ?")
                .params(i.title(), i.description(), i.status().name(), i.declineReason(), utc(i.deliveredAt()),
                        i.deliveryNote(), utc(i.updatedAt()), i.id(), i.version())
                .update();
        if (n == 0) {
            throw new ConflictException("the item was changed by someone else; reload and try again");
        }
    }

    /** Deletes an item nobody changed since it was read, and that no suggestion or notice refers to. */
    boolean deleteItem(long id, long version) {
        return jdbc.sql("delete from improvement_item where id = ? and version = ? and not exists (select 1 from"
                + " suggestion where item_id = ?) and not exists (select 1 from improvement_notice where item_id = ?)")
                .params(id, version, id, id).update() == 1;
    }

    Optional<ImprovementItem> item(long id) {
        return jdbc.sql(ITEMS + " where id = ?").param(id).query(SuggestionRepository::item).optional();
    }

    List<ImprovementItem> items() {
        return jdbc.sql(ITEMS + " order by id").query(SuggestionRepository::item).list();
    }

    List<ImprovementItem> items(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return items().stream().filter(i -> ids.contains(i.id())).toList();
    }

    // Notices.

    /** What a customer behind a delivered item was told. */
    record Notice(long itemId, long customerId, String outcome, String language, Long taskId, Instant at) {
    }

    void insertNotice(Notice n) {
        jdbc.sql("insert into improvement_notice (item_id, customer_id, outcome, language, task_id, at) values"
                        + " (?, ?, ?, ?, ?, ?)")
                .params(n.itemId(), n.customerId(), n.outcome(), n.language(), n.taskId(), utc(n.at())).update();
    }

    void updateNoticeOutcome(long itemId, long customerId, String outcome) {
        jdbc.sql("update improvement_notice set outcome = ? where item_id = ? and customer_id = ?")
                .params(outcome, itemId, customerId).update();
    }

    private static Notice notice(ResultSet rs, int n) throws SQLException {
        return new Notice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, Long.class), instant(rs, "at"));
    }

    List<Notice> noticesOf(long itemId) {
        return jdbc.sql("select item_id, customer_id, outcome, language, task_id, at from improvement_notice where"
                + " item_id = ?").param(itemId).query(SuggestionRepository::notice).list();
    }

    List<Notice> noticesOfCustomer(long customerId) {
        return jdbc.sql("select item_id, customer_id, outcome, language, task_id, at from improvement_notice where"
                + " customer_id = ? order by at desc").param(customerId).query(SuggestionRepository::notice).list();
    }
}
