package io.fidelis.app.visit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.shared.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class VisitRepository {
    private static final String CONTACT = "select c.id, c.customer_id, s.username, c.kind, c.contacted_at, c.notes,"
            + " c.needs, c.opinions, c.complaint_reference from contact c left join staff_user s on s.id = c.staff_id";
    private static final String TASK = "select id, customer_id, assignee_id, title, due_on, contact_id, created_at,"
            + " done_at, done_by, outcome, version from task";
    private final JdbcClient jdbc;

    VisitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    long insertContact(long customerId, Long staffId, ContactKind kind, Instant at, String notes, String needs,
                       String opinions, Instant now, String by) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contact (customer_id, staff_id, kind, contacted_at, notes, needs, opinions, created_at,"
                        + " created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(customerId, staffId, kind.name(), utc(at), notes, needs, opinions, utc(now), by)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void linkComplaint(long contactId, String reference) {
        jdbc.sql("update contact set complaint_reference = ? where id = ?").params(reference, contactId).update();
    }

    private static Contact contact(ResultSet rs, int n) throws SQLException {
        return new Contact(rs.getLong(1), rs.getLong(2), rs.getString(3), ContactKind.valueOf(rs.getString(4)),
                instant(rs, "contacted_at"), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    List<Contact> contactsOf(long customerId, int limit) {
        return jdbc.sql(CONTACT + " where c.customer_id = ? order by c.contacted_at desc, c.id desc fetch first "
                        + limit + " rows only")
                .param(customerId).query(VisitRepository::contact).list();
    }

    /** The latest contact per customer since a moment, for coverage and the next best action. */
    /** As {@link #lastContacts(Instant)}, for these customers only. */
    Map<Long, Instant> lastContacts(Instant since, java.util.Collection<Long> customerIds) {
        Map<Long, Instant> out = new HashMap<>();
        for (long id : customerIds) {
            jdbc.sql("select max(contacted_at) from contact where customer_id = ? and contacted_at >= ?")
                    .params(id, utc(since))
                    .query(rs -> {
                        java.sql.Timestamp t = rs.getTimestamp(1);
                        if (t != null) {
                            out.put(id, t.toInstant());
                        }
                    });
        }
        return out;
    }

    Map<Long, Instant> lastContacts(Instant since) {
        Map<Long, Instant> out = new HashMap<>();
        jdbc.sql("select customer_id, max(contacted_at) from contact where contacted_at >= ? group by customer_id")
                .param(utc(since))
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        return out;
    }

    long insertTask(long customerId, long assigneeId, String title, LocalDate dueOn, Long contactId, Instant now,
                    String by) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into task (customer_id, assignee_id, title, due_on, contact_id, created_at, created_by,"
                        + " version) values (?, ?, ?, ?, ?, ?, ?, 0)")
                .params(customerId, assigneeId, title, dueOn, contactId, utc(now), by)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    private static FollowUpTask task(ResultSet rs, int n) throws SQLException {
        return new FollowUpTask(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), (Long) rs.getObject(6, Long.class), instant(rs, "created_at"),
                instant(rs, "done_at"), rs.getString(9), rs.getString(10), rs.getLong(11));
    }

    List<FollowUpTask> openTasksOf(long assigneeId) {
        return jdbc.sql(TASK + " where assignee_id = ? and done_at is null order by due_on, id").param(assigneeId)
                .query(VisitRepository::task).list();
    }

    /** The open follow-ups on these customers, whoever they were given to, by due day. */
    List<FollowUpTask> openTasksOn(java.util.Collection<Long> customerIds) {
        List<FollowUpTask> out = new java.util.ArrayList<>();
        io.fidelis.app.shared.InChunks.eachPadded(customerIds, (in, values) -> out.addAll(jdbc.sql(TASK
                + " where customer_id in (" + in + ") and done_at is null").params(values)
                .query(VisitRepository::task).list()));
        out.sort(java.util.Comparator.comparing(FollowUpTask::dueOn).thenComparingLong(FollowUpTask::id));
        return out;
    }

    List<FollowUpTask> tasksOfCustomer(long customerId) {
        return jdbc.sql(TASK + " where customer_id = ? order by due_on desc, id desc").param(customerId)
                .query(VisitRepository::task).list();
    }

    Optional<FollowUpTask> task(long id) {
        return jdbc.sql(TASK + " where id = ?").param(id).query(VisitRepository::task).optional();
    }

    void completeTask(long id, long version, Instant at, String by, String outcome) {
        int n = jdbc.sql("update task set done_at = ?, done_by = ?, outcome = ?, version = version + 1"
                        + " where id = ? and version = ? and done_at is null")
                .params(utc(at), by, outcome, id, version).update();
        if (n == 0) {
            throw new ConflictException("the task was changed or done by someone else; reload and try again");
        }
    }
}
