package io.fidelis.app.visit;

import java.time.Instant;
import java.time.ZoneOffset;

import io.fidelis.app.shared.RetainedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Retention for account managers' contacts: notes, needs and opinions of contacts made before a day. */
@Component
class VisitRetention implements RetainedText {
    private final JdbcClient jdbc;

    VisitRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String what() {
        return "contact notes";
    }

    @Override
    public int forgetTextBefore(Instant before) {
        return jdbc.sql("update contact set notes = null, needs = null, opinions = null where contacted_at < ? and"
                + " (notes is not null or needs is not null or opinions is not null)")
                .param(before.atOffset(ZoneOffset.UTC)).update();
    }
}
