package io.fidelis.app.survey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fidelis.app.shared.BusinessRuleException;

/**
 * A survey: its questions in two languages and where it is in its life. The survey guards its own changes: questions
 * are added, changed and removed only while it is a draft (answers must keep meaning what they meant), wording may be
 * corrected at any time, and it moves draft → open → closed (and back to open) by its own methods, refusing other
 * moves with a clear message.
 */
public final class Survey {
    private final Long id;
    private final String template;
    private final Audience audience;
    private String titleEn;
    private String titleZh;
    private String introEn;
    private String introZh;
    private SurveyStatus status;
    private String kioskToken;
    private int invitationDays;
    private Integer afterPurchaseDays;
    private final List<Question> questions;
    private final Instant createdAt;
    private final String createdBy;
    private final long version;

    Survey(Long id, String template, Audience audience, String titleEn, String titleZh, String introEn,
           String introZh, SurveyStatus status, String kioskToken, int invitationDays, Integer afterPurchaseDays,
           List<Question> questions, Instant createdAt, String createdBy, long version) {
        this.id = id;
        this.template = template;
        this.audience = audience;
        this.titleEn = titleEn;
        this.titleZh = titleZh;
        this.introEn = introEn;
        this.introZh = introZh;
        this.status = status;
        this.kioskToken = kioskToken;
        this.invitationDays = invitationDays;
        this.afterPurchaseDays = afterPurchaseDays;
        this.questions = new ArrayList<>(questions);
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.version = version;
        checkQuestions(this.questions);
    }

    static Survey draft(SurveyTemplate template, Instant now, String by) {
        return new Survey(null, template.key(), template.audience(), template.titleEn(), template.titleZh(),
                template.introEn(), template.introZh(), SurveyStatus.DRAFT, null, 30, null, template.questions(),
                now, by, 0);
    }

    /** Opens a draft (or a closed survey again) for answers. */
    void open() {
        if (status == SurveyStatus.OPEN) {
            throw new BusinessRuleException("status", "the survey is already open");
        }
        if (questions.isEmpty()) {
            throw new BusinessRuleException("questions", "a survey needs at least one question before it opens");
        }
        status = SurveyStatus.OPEN;
    }

    void close() {
        if (status != SurveyStatus.OPEN) {
            throw new BusinessRuleException("status", "only an open survey can be closed (it is "
                    + status.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        status = SurveyStatus.CLOSED;
    }

    /** The kiosk link's token; a new one replaces (and so disables) the old link. */
    void publicLink(String token) {
        kioskToken = token;
    }

    void withdrawPublicLink() {
        kioskToken = null;
    }

    /** Title, introduction and question wording in both languages: allowed at any time. */
    void reword(String titleEn, String titleZh, String introEn, String introZh) {
        if (titleEn == null || titleEn.isBlank()) {
            throw new BusinessRuleException("titleEn", "the survey needs an English title");
        }
        if (titleEn.strip().length() > 200 || (titleZh != null && titleZh.strip().length() > 200)) {
            throw new BusinessRuleException("titleEn", "a title has at most 200 characters");
        }
        if ((introEn != null && introEn.strip().length() > 2000) || (introZh != null && introZh.strip().length() > 2000)) {
            throw new BusinessRuleException("introEn", "an introduction has at most 2,000 characters");
        }
        this.titleEn = titleEn.strip();
        this.titleZh = titleZh == null || titleZh.isBlank() ? this.titleEn : titleZh.strip();
        this.introEn = blankToNull(introEn);
        this.introZh = blankToNull(introZh);
    }

    void schedule(int invitationDays, Integer afterPurchaseDays) {
        if (invitationDays < 1 || invitationDays > 365) {
            throw new BusinessRuleException("invitationDays", "invitations expire after 1 to 365 days");
        }
        if (afterPurchaseDays != null && (afterPurchaseDays < 0 || afterPurchaseDays > 365)) {
            throw new BusinessRuleException("afterPurchaseDays", "invite 0 to 365 days after a purchase, or never");
        }
        if (afterPurchaseDays != null && audience != Audience.CUSTOMER) {
            throw new BusinessRuleException("afterPurchaseDays", "only a customer survey follows purchases");
        }
        this.invitationDays = invitationDays;
        this.afterPurchaseDays = afterPurchaseDays;
    }

    /**
     * Replaces a question (same code) or adds one at the end. Wording-only changes are allowed at any time; any
     * other change only in a draft.
     */
    void putQuestion(Question q) {
        for (int i = 0; i < questions.size(); i++) {
            Question old = questions.get(i);
            if (old.code().equals(q.code())) {
                if (status != SurveyStatus.DRAFT && !sameExceptWording(old, q)) {
                    throw notDraft();
                }
                List<Question> changed = new ArrayList<>(questions);
                changed.set(i, q);
                checkQuestions(changed);
                questions.set(i, q);
                return;
            }
        }
        if (status != SurveyStatus.DRAFT) {
            throw notDraft();
        }
        List<Question> changed = new ArrayList<>(questions);
        changed.add(q);
        checkQuestions(changed);
        questions.add(q);
    }

    void removeQuestion(String code) {
        if (status != SurveyStatus.DRAFT) {
            throw notDraft();
        }
        List<Question> changed = new ArrayList<>(questions);
        if (!changed.removeIf(q -> q.code().equals(code))) {
            throw new BusinessRuleException("code", "no question " + code);
        }
        checkQuestions(changed);
        questions.clear();
        questions.addAll(changed);
    }

    void moveQuestion(String code, int delta) {
        if (status != SurveyStatus.DRAFT) {
            throw notDraft();
        }
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).code().equals(code)) {
                int j = Math.max(0, Math.min(questions.size() - 1, i + delta));
                List<Question> changed = new ArrayList<>(questions);
                changed.add(j, changed.remove(i));
                checkQuestions(changed);
                questions.clear();
                questions.addAll(changed);
                return;
            }
        }
        throw new BusinessRuleException("code", "no question " + code);
    }

    /**
     * Whether b only rewords a: same type, requirement, skip logic and construct, and the same number of choices
     * in place (answers are kept by a choice's position, so a reordering is not a rewording).
     */
    private static boolean sameExceptWording(Question a, Question b) {
        boolean reordered = !a.choicesEn().equals(b.choicesEn())
                && new java.util.HashSet<>(a.choicesEn()).equals(new java.util.HashSet<>(b.choicesEn()));
        return !reordered && a.type() == b.type() && a.required() == b.required()
                && a.choicesEn().size() == b.choicesEn().size()
                && java.util.Objects.equals(a.showIfCode(), b.showIfCode())
                && a.showIfValues().equals(b.showIfValues()) && java.util.Objects.equals(a.construct(), b.construct());
    }

    private BusinessRuleException notDraft() {
        return new BusinessRuleException("questions", "questions can be added, removed or changed (beyond their"
                + " wording) only while the survey is a draft: answers already given must keep their meaning");
    }

    /** Codes are unique, and skip logic refers to an earlier question. */
    private static void checkQuestions(List<Question> questions) {
        Set<String> seen = new HashSet<>();
        for (Question q : questions) {
            if (q.showIfCode() != null && !seen.contains(q.showIfCode())) {
                throw new BusinessRuleException("showIfCode", "question " + q.code() + " depends on "
                        + q.showIfCode() + ", which must be an earlier question");
            }
            if (!seen.add(q.code())) {
                throw new BusinessRuleException("code", "two questions have the code " + q.code());
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public Long id() {
        return id;
    }

    public String template() {
        return template;
    }

    public Audience audience() {
        return audience;
    }

    public String titleEn() {
        return titleEn;
    }

    public String titleZh() {
        return titleZh;
    }

    public String title(String language) {
        return SurveyLanguage.isChinese(language) ? titleZh : titleEn;
    }

    public String introEn() {
        return introEn;
    }

    public String introZh() {
        return introZh;
    }

    public String intro(String language) {
        return SurveyLanguage.isChinese(language) ? introZh : introEn;
    }

    public SurveyStatus status() {
        return status;
    }

    public String kioskToken() {
        return kioskToken;
    }

    public int invitationDays() {
        return invitationDays;
    }

    public Integer afterPurchaseDays() {
        return afterPurchaseDays;
    }

    public List<Question> questions() {
        return List.copyOf(questions);
    }

    public java.util.Optional<Question> question(String code) {
        return questions.stream().filter(q -> q.code().equals(code)).findFirst();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
