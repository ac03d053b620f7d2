package io.fidelis.app.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.shared.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Surveys, their questions, invitations, responses, answers and follow-ups, in plain SQL (H2 and PostgreSQL). */
@Repository
class SurveyRepository {
    private final JdbcClient jdbc;

    SurveyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    long insert(Survey s) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into survey (template, audience, title_en, title_zh, intro_en, intro_zh, status, kiosk_token,"
                        + " invitation_days, after_purchase_days, created_at, created_by, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(s.template(), s.audience().name(), s.titleEn(), s.titleZh(), s.introEn(), s.introZh(),
                        s.status().name(), s.kioskToken(), s.invitationDays(), s.afterPurchaseDays(),
                        utc(s.createdAt()), s.createdBy())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        insertQuestions(id, s.questions());
        return id;
    }

    /** Saves a changed survey; refuses if someone else saved it since it was read. */
    void save(Survey s) {
        int n = jdbc.sql("update survey set title_en = ?, title_zh = ?, intro_en = ?, intro_zh = ?, status = ?,"
                        + " kiosk_token = ?, invitation_days = ?, after_purchase_days = ?, version = version + 1"
                        + " where id = ? and version = ?")
                .params(s.titleEn(), s.titleZh(), s.introEn(), s.introZh(), s.status().name(), s.kioskToken(),
                        s.invitationDays(), s.afterPurchaseDays(), s.id(), s.version())
                .update();
        if (n == 0) {
            throw new ConflictException("the survey was changed by someone else; reload and try again");
        }
        jdbc.sql("delete from survey_question where survey_id = ?").param(s.id()).update();
        insertQuestions(s.id(), s.questions());
    }

    private void insertQuestions(long surveyId, List<Question> questions) {
        int position = 0;
        for (Question q : questions) {
            jdbc.sql("insert into survey_question (survey_id, position, code, type, required, text_en, text_zh,"
                            + " choices_en, choices_zh, show_if_code, show_if_values, construct)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(surveyId, position++, q.code(), q.type().name(), q.required(), q.textEn(), q.textZh(),
                            lines(q.choicesEn()), lines(q.choicesZh()), q.showIfCode(),
                            q.showIfCode() == null ? null : q.showIfValuesText(), q.construct())
                    .update();
        }
    }

    private static String lines(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    Optional<Survey> byId(long id) {
        return jdbc.sql("select * from survey where id = ?").param(id).query(this::survey).optional();
    }

    Optional<Survey> byKioskToken(String token) {
        return jdbc.sql("select * from survey where kiosk_token = ?").param(token).query(this::survey).optional();
    }

    List<Survey> all() {
        return jdbc.sql("select * from survey order by created_at desc, id desc").query(this::survey).list();
    }

    List<Survey> withPurchaseRule() {
        return jdbc.sql("select * from survey where status = 'OPEN' and after_purchase_days is not null")
                .query(this::survey).list();
    }

    private Survey survey(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<Question> questions = jdbc.sql("select * from survey_question where survey_id = ? order by position")
                .param(id)
                .query((q, n) -> new Question(q.getString("code"), QuestionType.valueOf(q.getString("type")),
                        q.getBoolean("required"), q.getString("text_en"), q.getString("text_zh"),
                        lines(q.getString("choices_en")), lines(q.getString("choices_zh")),
                        q.getString("show_if_code"), Question.values(q.getString("show_if_values")),
                        q.getString("construct")))
                .list();
        int after = rs.getInt("after_purchase_days");
        return new Survey(id, rs.getString("template"), Audience.valueOf(rs.getString("audience")),
                rs.getString("title_en"), rs.getString("title_zh"), rs.getString("intro_en"), rs.getString("intro_zh"),
                SurveyStatus.valueOf(rs.getString("status")), rs.getString("kiosk_token"),
                rs.getInt("invitation_days"), rs.wasNull() ? null : after, questions, instant(rs, "created_at"),
                rs.getString("created_by"), rs.getLong("version"));
    }

    /** Invitations and responses per survey, for the list. */
    Map<Long, long[]> counts() {
        Map<Long, long[]> out = new HashMap<>();
        jdbc.sql("select survey_id, count(*) from survey_invitation group by survey_id")
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new long[2])[0] = rs.getLong(2);
                });
        jdbc.sql("select survey_id, count(*) from survey_response group by survey_id")
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new long[2])[1] = rs.getLong(2);
                });
        return out;
    }

    // Invitations

    record Invitation(long id, long surveyId, Long customerId, Long staffId, String language, Instant expiresAt,
                      Instant answeredAt) {
    }

    long insertInvitation(long surveyId, Long customerId, Long staffId, String tokenHash, String language,
                          String reason, Instant now, Instant expires) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into survey_invitation (survey_id, customer_id, staff_id, token_hash, language, reason,"
                        + " created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(surveyId, customerId, staffId, tokenHash, language, reason, utc(now), utc(expires))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void markSent(long invitationId, Instant at) {
        jdbc.sql("update survey_invitation set sent_at = ? where id = ?").params(utc(at), invitationId).update();
    }

    Optional<Invitation> invitationByTokenHash(String hash) {
        return jdbc.sql("select id, survey_id, customer_id, staff_id, language, expires_at, answered_at"
                        + " from survey_invitation where token_hash = ?")
                .param(hash)
                .query((rs, n) -> new Invitation(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), instant(rs, "expires_at"),
                        instant(rs, "answered_at")))
                .optional();
    }

    /** Marks an invitation answered; false if it was answered already (two submissions racing). */
    boolean claim(long invitationId, Instant at) {
        return jdbc.sql("update survey_invitation set answered_at = ? where id = ? and answered_at is null"
                        + " and expires_at > ?")
                .params(utc(at), invitationId, utc(at)).update() == 1;
    }

    /** Locks the survey's row until the end of the transaction: invitation runs of one survey one at a time. */
    void lock(long surveyId) {
        jdbc.sql("select id from survey where id = ? for update").param(surveyId).query(Long.class).list();
    }

    /** The customers invited to this survey. */
    java.util.Set<Long> invitedCustomers(long surveyId) {
        return new java.util.HashSet<>(jdbc.sql("select customer_id from survey_invitation where survey_id = ?"
                + " and customer_id is not null").param(surveyId).query(Long.class).list());
    }

    /** The customers invited to any survey since then (the contact-frequency cap). */
    java.util.Set<Long> contactedSince(Instant since) {
        return new java.util.HashSet<>(jdbc.sql("select distinct customer_id from survey_invitation where"
                + " customer_id is not null and created_at >= ?").param(utc(since)).query(Long.class).list());
    }

    // Languages

    /** Remembers the language a customer answers in. */
    void rememberLanguage(long customerId, String language, Instant at) {
        jdbc.sql("merge into survey_language l using (select cast(? as bigint) customer_id, cast(? as varchar(10))"
                        + " language, cast(? as timestamp with time zone) updated_at) x on (l.customer_id ="
                        + " x.customer_id) when matched then update set language = x.language, updated_at ="
                        + " x.updated_at when not matched then insert (customer_id, language, updated_at) values"
                        + " (x.customer_id, x.language, x.updated_at)")
                .params(customerId, language, utc(at)).update();
    }

    /** One customer's remembered language. */
    /** The customer's latest text answer to a question of a survey: the response's id and the text. */
    java.util.Optional<Map.Entry<Long, String>> textAnswer(long surveyId, long customerId, String code) {
        return jdbc.sql("select r.id, a.text from survey_answer a join survey_response r on r.id = a.response_id"
                        + " where r.survey_id = ? and r.customer_id = ? and a.code = ? and a.text is not null"
                        + " order by r.submitted_at desc, r.id desc")
                .params(surveyId, customerId, code).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list().stream().findFirst();
    }

    java.util.Optional<String> languageOf(long customerId) {
        return jdbc.sql("select language from survey_language where customer_id = ?").param(customerId)
                .query(String.class).optional();
    }

    /** The remembered languages of customers. */
    Map<Long, String> languages() {
        Map<Long, String> out = new HashMap<>();
        jdbc.sql("select customer_id, language from survey_language").query(rs -> {
            out.put(rs.getLong(1), rs.getString(2));
        });
        return out;
    }

    // Responses

    long insertResponse(long surveyId, Long invitationId, Long customerId, Long staffId, String channel,
                        String language, Instant at, Map<String, Answer> answers) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into survey_response (survey_id, invitation_id, customer_id, staff_id, channel, language,"
                        + " submitted_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(surveyId, invitationId, customerId, staffId, channel, language, utc(at))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (var e : answers.entrySet()) {
            jdbc.sql("insert into survey_answer (response_id, code, number, text) values (?, ?, ?, ?)")
                    .params(id, e.getKey(), e.getValue().number(), e.getValue().text())
                    .update();
        }
        return id;
    }

    /** One stored response with its answers. */
    record StoredResponse(long id, long surveyId, Long customerId, String channel, String language,
                          Instant submittedAt, Map<String, Answer> answers) {
    }

    List<StoredResponse> responses(long surveyId) {
        Map<Long, Map<String, Answer>> answers = new HashMap<>();
        jdbc.sql("select a.response_id, a.code, a.number, a.text from survey_answer a join survey_response r"
                        + " on r.id = a.response_id where r.survey_id = ?")
                .param(surveyId)
                .query(rs -> {
                    answers.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2),
                            new Answer(rs.getBigDecimal(3), rs.getString(4)));
                });
        List<StoredResponse> out = new ArrayList<>();
        jdbc.sql("select id, survey_id, customer_id, channel, language, submitted_at from survey_response"
                        + " where survey_id = ? order by submitted_at, id")
                .param(surveyId)
                .query(rs -> {
                    long id = rs.getLong(1);
                    out.add(new StoredResponse(id, rs.getLong(2), (Long) rs.getObject(3, Long.class),
                            rs.getString(4), rs.getString(5), instant(rs, "submitted_at"),
                            answers.getOrDefault(id, Map.of())));
                });
        return out;
    }

    /** Answers to one question code across all surveys since a time: customer → number (the latest). */
    Map<Long, Double> latestNumbers(List<String> codes, Instant since) {
        return latestNumbers(codes, since, null);
    }

    /** As {@link #latestNumbers(List, Instant)}, for some customers only when {@code customerIds} is not null. */
    Map<Long, Double> latestNumbers(List<String> codes, Instant since, List<Long> customerIds) {
        Map<Long, Double> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(codes.size(), "?"));
        List<Object> params = new ArrayList<>(codes);
        params.add(utc(since));
        latest("select r.customer_id, a.number from survey_answer a join survey_response r on r.id = a.response_id"
                + " where a.code in (" + in + ") and r.customer_id is not null and a.number is not null"
                + " and r.submitted_at >= ?", params, customerIds, out);
        return out;
    }

    /** Customers' latest answer to any question of a type (customer surveys only) since a time. */
    Map<Long, Double> latestByType(QuestionType type, Instant since) {
        return latestByType(type, since, null);
    }

    /** As {@link #latestByType(QuestionType, Instant)}, for some customers only when {@code customerIds} is not null. */
    Map<Long, Double> latestByType(QuestionType type, Instant since, List<Long> customerIds) {
        Map<Long, Double> out = new HashMap<>();
        latest("select r.customer_id, a.number from survey_answer a join survey_response r on r.id = a.response_id"
                + " join survey_question q on q.survey_id = r.survey_id and q.code = a.code"
                + " where q.type = ? and r.customer_id is not null and a.number is not null"
                + " and r.submitted_at >= ?", List.of(type.name(), utc(since)), customerIds, out);
        return out;
    }

    /** Each customer's number of the latest answer that {@code select} finds (for everyone, or for some customers). */
    private void latest(String select, List<Object> params, List<Long> customerIds, Map<Long, Double> out) {
        String order = " order by r.submitted_at, r.id";
        if (customerIds == null) {
            jdbc.sql(select + order).params(params).query(rs -> {
                out.put(rs.getLong(1), rs.getDouble(2));
            });
            return;
        }
        // Each customer is in one chunk only, so the latest answer of each is still the last one read.
        io.fidelis.app.shared.InChunks.eachPadded(customerIds, (in, ids) -> {
            List<Object> all = new ArrayList<>(params);
            all.addAll(ids);
            jdbc.sql(select + " and r.customer_id in (" + in + ")" + order).params(all).query(rs -> {
                out.put(rs.getLong(1), rs.getDouble(2));
            });
        });
    }

    long invitations(long surveyId) {
        return jdbc.sql("select count(*) from survey_invitation where survey_id = ?").param(surveyId)
                .query(Long.class).single();
    }

    long answeredInvitations(long surveyId) {
        return jdbc.sql("select count(*) from survey_invitation where survey_id = ? and answered_at is not null")
                .param(surveyId).query(Long.class).single();
    }

    // Follow-ups

    void insertFollowUp(long responseId, long customerId, Long managerId, String reason, String detail, Instant now,
                        Instant due) {
        jdbc.sql("insert into survey_follow_up (response_id, customer_id, account_manager_id, reason, detail,"
                        + " created_at, due_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(responseId, customerId, managerId, reason, detail, utc(now), utc(due))
                .update();
    }

    /** A follow-up task with its survey. */
    record FollowUpRow(long id, long responseId, long surveyId, long customerId, Long managerId, String reason,
                       String detail, Instant createdAt, Instant dueAt, Instant closedAt, String closedBy,
                       String note) {
    }

    private static final String FOLLOW_UP = "select f.id, f.response_id, r.survey_id, f.customer_id,"
            + " f.account_manager_id, f.reason, f.detail, f.created_at, f.due_at, f.closed_at, f.closed_by, f.note"
            + " from survey_follow_up f join survey_response r on r.id = f.response_id";

    private static FollowUpRow followUp(ResultSet rs, int n) throws SQLException {
        return new FollowUpRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                (Long) rs.getObject(5, Long.class), rs.getString(6), rs.getString(7), instant(rs, "created_at"),
                instant(rs, "due_at"), instant(rs, "closed_at"), rs.getString(11), rs.getString(12));
    }

    /** Follow-ups, open first, then by due date; only one manager's when {@code manager} is given. */
    List<FollowUpRow> followUps(Optional<Long> manager, boolean open, int limit) {
        String where = (open ? " where f.closed_at is null" : " where f.closed_at is not null")
                + (manager.isPresent() ? " and f.account_manager_id = ?" : "");
        var spec = jdbc.sql(FOLLOW_UP + where + " order by " + (open ? "f.due_at, f.id" : "f.closed_at desc, f.id")
                + " fetch first " + limit + " rows only");
        if (manager.isPresent()) {
            spec = spec.param(manager.get());
        }
        return spec.query(SurveyRepository::followUp).list();
    }

    Optional<FollowUpRow> followUp(long id) {
        return jdbc.sql(FOLLOW_UP + " where f.id = ?").param(id).query(SurveyRepository::followUp).optional();
    }

    List<FollowUpRow> followUpsOfSurvey(long surveyId) {
        return jdbc.sql(FOLLOW_UP + " where r.survey_id = ? order by f.created_at").param(surveyId)
                .query(SurveyRepository::followUp).list();
    }

    List<FollowUpRow> followUpsOfCustomer(long customerId) {
        return jdbc.sql(FOLLOW_UP + " where f.customer_id = ? order by f.created_at desc").param(customerId)
                .query(SurveyRepository::followUp).list();
    }

    boolean closeFollowUp(long id, Instant at, String by, String note) {
        return jdbc.sql("update survey_follow_up set closed_at = ?, closed_by = ?, note = ? where id = ?"
                        + " and closed_at is null")
                .params(utc(at), by, note, id).update() == 1;
    }

    Map<String, Answer> answersOf(long responseId) {
        Map<String, Answer> out = new HashMap<>();
        jdbc.sql("select code, number, text from survey_answer where response_id = ?").param(responseId)
                .query(rs -> {
                    out.put(rs.getString(1), new Answer(rs.getBigDecimal(2), rs.getString(3)));
                });
        return out;
    }

    List<StoredResponse> responsesOfCustomer(long customerId, int limit) {
        List<StoredResponse> out = new ArrayList<>();
        jdbc.sql("select id, survey_id, customer_id, channel, language, submitted_at from survey_response"
                        + " where customer_id = ? order by submitted_at desc, id desc fetch first " + limit
                        + " rows only")
                .param(customerId)
                .query(rs -> {
                    out.add(new StoredResponse(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), instant(rs, "submitted_at"), Map.of()));
                });
        return out;
    }

    /** The response to the invitation made for a reason (such as a resolved complaint), if answered. */
    java.util.Optional<StoredResponse> responseByReason(String reason) {
        return jdbc.sql("select r.id, r.survey_id, r.customer_id, r.channel, r.language, r.submitted_at"
                        + " from survey_response r join survey_invitation i on i.id = r.invitation_id"
                        + " where i.reason = ? order by r.submitted_at desc fetch first 1 rows only")
                .param(reason)
                .query((rs, n) -> new StoredResponse(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), instant(rs, "submitted_at"), Map.of()))
                .optional();
    }

    /** Every customer's answers to questions of a type with the time of the response, oldest first. */
    void eachScore(QuestionType type, ScoreSink sink) {
        jdbc.sql("select r.customer_id, r.submitted_at, a.number from survey_answer a join survey_response r"
                        + " on r.id = a.response_id join survey_question q on q.survey_id = r.survey_id"
                        + " and q.code = a.code where q.type = ? and r.customer_id is not null and a.number is not null"
                        + " order by r.submitted_at, r.id")
                .param(type.name())
                .query(rs -> {
                    sink.accept(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                            rs.getDouble(3));
                });
    }

    interface ScoreSink {
        void accept(long customerId, Instant at, double value);
    }
}
