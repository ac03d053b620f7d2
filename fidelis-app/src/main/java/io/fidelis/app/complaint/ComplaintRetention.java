package io.fidelis.app.complaint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.fidelis.app.shared.RetainedText;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Retention for complaints that ended (closed or withdrawn) before a day: their description, root cause,
 * resolution, messages and notes are removed (subject, category, dates, states and costs stay); and their files.
 */
@Component
class ComplaintRetention implements RetainedText {
    private final JdbcClient jdbc;
    private final ComplaintAttachments attachments;

    ComplaintRetention(JdbcClient jdbc, ComplaintAttachments attachments) {
        this.jdbc = jdbc;
        this.attachments = attachments;
    }

    @Override
    public String what() {
        return "complaint texts";
    }

    private static final String ENDED = "select id from complaint where status in ('CLOSED', 'WITHDRAWN') and"
            + " coalesce(closed_at, resolved_at, received_at) < ?";

    @Override
    public int forgetTextBefore(Instant before) {
        var at = before.atOffset(ZoneOffset.UTC);
        jdbc.sql("update complaint_event set text = null where text is not null and complaint_id in (" + ENDED + ")")
                .param(at).update();
        jdbc.sql("update complaint_recovery set note = null where note is not null and complaint_id in (" + ENDED
                + ")").param(at).update();
        return jdbc.sql("update complaint set description = '" + ComplaintPersonalData.ERASED + "', root_cause = null,"
                        + " resolution = null where description <> '" + ComplaintPersonalData.ERASED + "' and id in ("
                        + ENDED + ")")
                .param(at).update();
    }

    @Override
    public int forgetFilesBefore(Instant before) {
        var at = before.atOffset(ZoneOffset.UTC);
        List<ComplaintAttachments.Attachment> old = jdbc.sql("select id, complaint_id, file_name, stored_name from"
                        + " complaint_attachment where complaint_id in (" + ENDED + ")").param(at)
                .query((rs, n) -> new ComplaintAttachments.Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        null, 0, rs.getString(4), null, null)).list();
        int n = 0;
        for (ComplaintAttachments.Attachment a : old) {
            Path file = attachments.file(a);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LoggerFactory.getLogger(ComplaintRetention.class).warn("Old attachment {} not deleted: {}",
                        file.getFileName(), e.toString());
                continue; // keep its row, so that the next run tries again
            }
            jdbc.sql("delete from complaint_attachment where id = ?").param(a.id()).update();
            n++;
        }
        return n;
    }
}
