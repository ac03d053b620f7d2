package io.fidelis.app.importing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The record of past imports, newest first. */
@Service
public class ImportRuns {
    private final JdbcClient jdbc;

    ImportRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One finished import. */
    public record Run(long id, String kind, String file, Instant finishedAt, String outcome, long read, long imported,
                      long updated, long unchanged, long rejected, String requestedBy) {
    }

    public List<Run> latest(int n) {
        return jdbc.sql("select id, kind, file_name, finished_at, outcome, rows_read, rows_imported, rows_updated,"
                        + " rows_unchanged, rows_rejected, requested_by from import_run order by id desc limit ?")
                .param(n)
                .query((rs, i) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getString(11)))
                .list();
    }
}
