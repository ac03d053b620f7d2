package io.fidelis.app.survey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fidelis.app.shared.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's invitations, answers and follow-ups: erasure clears the free text (comments, follow-up details and
 * notes) and keeps the scores, which the NPS, CSAT and index need.
 */
@Component
class SurveyPersonalData implements PersonalData {
    private final JdbcClient jdbc;

    SurveyPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "surveys";
    }

    private List<Map<String, Object>> answers(long customerId) {
        return PersonalData.plain(jdbc.sql("select s.title_en as survey, r.id as response, r.channel, r.language,"
                        + " r.submitted_at, a.code as question, a.number, a.text from survey_response r join survey s"
                        + " on s.id = r.survey_id join survey_answer a on a.response_id = r.id where r.customer_id = ?"
                        + " order by r.submitted_at, r.id, a.code")
                .param(customerId).query().listOfRows());
    }

    private List<Map<String, Object>> followUps(long customerId) {
        return PersonalData.plain(jdbc.sql("select response_id as response, reason, detail, created_at, due_at,"
                        + " closed_at, closed_by, note from survey_follow_up where customer_id = ? order by created_at")
                .param(customerId).query().listOfRows());
    }

    @Override
    public List<Map<String, Object>> export(long customerId) {
        List<Map<String, Object>> out = new ArrayList<>(answers(customerId));
        for (Map<String, Object> f : followUps(customerId)) {
            f.put("kind", "follow-up");
            out.add(f);
        }
        out.addAll(PersonalData.plain(jdbc.sql("select s.title_en as survey, 'invitation' as kind, i.language, i.reason,"
                        + " i.created_at, i.sent_at, i.answered_at from survey_invitation i join survey s on"
                        + " s.id = i.survey_id where i.customer_id = ? order by i.created_at")
                .param(customerId).query().listOfRows()));
        return out;
    }

    @Override
    public Collection<String> personalValues(long customerId) {
        List<String> out = new ArrayList<>(PersonalData.texts(answers(customerId), "text"));
        out.addAll(PersonalData.texts(followUps(customerId), "detail", "note"));
        return out;
    }

    @Override
    public Map<String, Collection<String>> auditedAs(long customerId) {
        return Map.of("follow-up", jdbc.sql("select cast(id as varchar(20)) from survey_follow_up where customer_id"
                + " = ?").param(customerId).query(String.class).list());
    }

    @Override
    public int erase(long customerId, Erasure request) {
        int n = jdbc.sql("update survey_answer set text = null where text is not null and response_id in (select id"
                + " from survey_response where customer_id = ?)").param(customerId).update();
        n += jdbc.sql("update survey_follow_up set detail = null, note = null where customer_id = ? and (detail is not"
                + " null or note is not null)").param(customerId).update();
        return n;
    }
}
