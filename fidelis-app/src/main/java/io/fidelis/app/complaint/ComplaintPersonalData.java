package io.fidelis.app.complaint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import io.fidelis.app.shared.SecretTokens;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The customer's complaints with their history, recovery actions and attachments: erasure replaces the subject and
 * description, clears the root cause, resolution, messages, notes and recovery notes, ends the tracking link, and
 * deletes the attachments (their files once the erasure has committed). Category, severity, dates, states and costs
 * stay, so the complaint figures do not change.
 */
@Component
class ComplaintPersonalData implements PersonalData {
    static final String ERASED = "[erased]";
    private final JdbcClient jdbc;
    private final ComplaintAttachments attachments;

    ComplaintPersonalData(JdbcClient jdbc, ComplaintAttachments attachments) {
        this.jdbc = jdbc;
        this.attachments = attachments;
    }

    @Override
    public String section() {
        return "complaints";
    }

    private List<Map<String, Object>> complaints(long customerId) {
        return PersonalData.plain(jdbc.sql("select id, reference, order_id, category, severity, status, channel,"
                        + " subject, description, root_cause, resolution, department, language, received_at,"
                        + " acknowledged_at, resolved_at, closed_at from complaint where customer_id = ? order by"
                        + " received_at").param(customerId).query().listOfRows());
    }

    private List<Map<String, Object>> events(long customerId) {
        return PersonalData.plain(jdbc.sql("select c.reference, e.at, e.actor, e.kind, e.from_status, e.to_status,"
                        + " e.text, e.internal from complaint_event e join complaint c on c.id = e.complaint_id where"
                        + " c.customer_id = ? order by e.at, e.id").param(customerId).query().listOfRows());
    }

    private List<Map<String, Object>> recoveries(long customerId) {
        return PersonalData.plain(jdbc.sql("select c.reference, r.* from complaint_recovery r join complaint c on"
                + " c.id = r.complaint_id where c.customer_id = ?").param(customerId).query().listOfRows());
    }

    private List<Map<String, Object>> files(long customerId) {
        return PersonalData.plain(jdbc.sql("select c.reference, a.id, a.complaint_id, a.file_name, a.content_type,"
                        + " a.size_bytes, a.stored_name, a.at from complaint_attachment a join complaint c on"
                        + " c.id = a.complaint_id where c.customer_id = ?").param(customerId).query().listOfRows());
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : complaints(customerId)) {
            c.remove("id");
            c.put("kind", "complaint");
            out.add(c);
        }
        for (Map<String, Object> e : events(customerId)) {
            e.put("record", "event");
            out.add(e);
        }
        for (Map<String, Object> r : recoveries(customerId)) {
            r.remove("id");
            r.remove("complaint_id");
            r.put("record", "recovery");
            out.add(r);
        }
        for (Map<String, Object> a : files(customerId)) {
            a.remove("id");
            a.remove("complaint_id");
            a.remove("stored_name");
            a.put("record", "attachment");
            out.add(a);
        }
        return out;
    }

    @Override
    public Collection<String> personalValues(long customerId) {
        List<String> out = new ArrayList<>(PersonalData.texts(complaints(customerId), "subject", "description",
                "root_cause", "resolution"));
        out.addAll(PersonalData.texts(events(customerId), "text"));
        out.addAll(PersonalData.texts(recoveries(customerId), "note"));
        out.addAll(PersonalData.texts(files(customerId), "file_name"));
        return out;
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("complaint", jdbc.sql("select reference from complaint where customer_id = ?")
                .param(customerId).query(String.class).list());
    }

    @Override
    public int erase(long customerId, Erasure request) {
        List<Path> doomed = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> a : files(customerId)) {
            doomed.add(attachments.file(new ComplaintAttachments.Attachment(((Number) a.get("id")).longValue(),
                    ((Number) a.get("complaint_id")).longValue(), (String) a.get("file_name"), null, 0,
                    (String) a.get("stored_name"), null, null)));
        }
        n += jdbc.sql("delete from complaint_attachment where complaint_id in (select id from complaint where"
                + " customer_id = ?)").param(customerId).update();
        n += jdbc.sql("update complaint_event set text = null where text is not null and complaint_id in (select id"
                + " from complaint where customer_id = ?)").param(customerId).update();
        n += jdbc.sql("update complaint_recovery set note = null where note is not null and complaint_id in (select id"
                + " from complaint where customer_id = ?)").param(customerId).update();
        for (Long id : jdbc.sql("select id from complaint where customer_id = ?").param(customerId).query(Long.class)
                .list()) {
            n += jdbc.sql("update complaint set subject = ?, description = ?, root_cause = null, resolution = null,"
                            + " tracking_hash = ?, version = version + 1 where id = ?")
                    .params(ERASED, ERASED, SecretTokens.hash(SecretTokens.create()), id).update();
        }
        if (!doomed.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete(doomed);
                }
            });
        } else {
            delete(doomed);
        }
        return n;
    }

    private static void delete(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LoggerFactory.getLogger(ComplaintPersonalData.class).warn("Attachment {} of an erased customer not"
                        + " deleted: {}", p.getFileName(), e.toString());
            }
        }
    }
}
