package io.fidelis.app.complaint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.fidelis.app.shared.BusinessRuleException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Files attached to complaints (a photo of the broken teapot, a bill): JPEG, PNG or PDF only, recognised by their
 * first bytes rather than their name or declared type, at most {@code fidelis.complaints.attachment-max-bytes}
 * (5 MB), and stored outside the database under {@code fidelis.data-dir/attachments}, under a random name.
 */
@Component
class ComplaintAttachments {
    private final JdbcClient jdbc;
    private final Path root;
    private final long maxBytes;

    ComplaintAttachments(JdbcClient jdbc, @Value("${fidelis.data-dir:./data}") String dataDir,
                         @Value("${fidelis.complaints.attachment-max-bytes:5242880}") long maxBytes) {
        this.jdbc = jdbc;
        this.root = Path.of(dataDir, "attachments");
        this.maxBytes = maxBytes;
    }

    /** An attachment's record. */
    record Attachment(long id, long complaintId, String fileName, String contentType, long size, String storedName,
                      Instant at, String actor) {
    }

    /** Checks and stores a file; refuses a wrong type or an oversized file with a clear message (nothing kept). */
    Attachment store(long complaintId, String originalName, InputStream in, String by, Instant at) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length == 0) {
            throw new BusinessRuleException("attachment", "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new BusinessRuleException("attachment", "the file is larger than " + (maxBytes / (1024 * 1024))
                    + " MB");
        }
        String type = type(bytes);
        if (type == null) {
            throw new BusinessRuleException("attachment", "only JPEG, PNG or PDF files can be attached");
        }
        String name = safeName(originalName, type);
        String stored = UUID.randomUUID() + extension(type);
        Path dir = root.resolve(Long.toString(complaintId));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(stored), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("insert into complaint_attachment (complaint_id, file_name, content_type, size_bytes, stored_name, at,"
                        + " actor) values (?, ?, ?, ?, ?, ?, ?)")
                .params(complaintId, name, type, bytes.length, stored, ComplaintRepository.utc(at), by).update();
        long id = jdbc.sql("select max(id) from complaint_attachment where complaint_id = ? and stored_name = ?")
                .params(complaintId, stored).query(Long.class).single();
        return new Attachment(id, complaintId, name, type, bytes.length, stored, at, by);
    }

    List<Attachment> of(long complaintId) {
        return jdbc.sql("select id, complaint_id, file_name, content_type, size_bytes, stored_name, at, actor from"
                        + " complaint_attachment where complaint_id = ? order by at, id").param(complaintId)
                .query((rs, n) -> new Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), ComplaintRepository.instant(rs, "at"), rs.getString(8)))
                .list();
    }

    /** The file of an attachment of this complaint. */
    Path file(Attachment a) {
        return root.resolve(Long.toString(a.complaintId())).resolve(a.storedName());
    }

    static String type(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A,
            0x1A, 0x0A})) {
            return "image/png";
        }
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        return null;
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            default -> ".pdf";
        };
    }

    /** A file name safe to show and to offer for download: letters, digits, dot, dash, underscore. */
    static String safeName(String original, String type) {
        String path = original == null ? "" : original.replace('\\', '/');
        String base = path.substring(path.lastIndexOf('/') + 1);
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isBlank() || clean.chars().allMatch(ch -> ch == '_' || ch == '.')) {
            clean = "attachment";
        }
        if (clean.length() > 80) {
            clean = clean.substring(0, 80);
        }
        String ext = extension(type);
        return clean.toLowerCase(Locale.ROOT).endsWith(ext) ? clean : clean + ext;
    }
}
