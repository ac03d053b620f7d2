package io.fidelis.app.survey;

import java.time.Instant;
import java.time.ZoneOffset;

import io.fidelis.app.shared.RetainedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Retention for survey answers: comments of responses submitted before a day, and closed follow-ups' notes. */
@Component
class SurveyRetention implements RetainedText {
    private final JdbcClient jdbc;

    SurveyRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String what() {
        return "survey comments";
    }

    @Override
    public int forgetTextBefore(Instant before) {
        var at = before.atOffset(ZoneOffset.UTC);
        jdbc.sql("update survey_follow_up set detail = null, note = null where closed_at < ? and (detail is not null"
                + " or note is not null)").param(at).update();
        return jdbc.sql("update survey_answer set text = null where text is not null and response_id in (select id"
                + " from survey_response where submitted_at < ?)").param(at).update();
    }
}
