package io.fidelis.app.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When an answer asks for a call back (the closed loop): a detractor (NPS 0–6), a CSAT of 1–2, or free text that
 * reads like a complaint. Only customers' answers: an employee's eNPS is not a customer to call. Pure and small.
 */
final class FollowUpPolicy {
    private FollowUpPolicy() {
    }

    /** A reason for a follow-up and what showed it. */
    record Reason(String code, String detail) {
    }

    static List<Reason> reasons(Audience audience, List<Question> questions, Map<String, Answer> answers,
                                List<String> complaintWords) {
        List<Reason> out = new ArrayList<>();
        if (audience != Audience.CUSTOMER) {
            return out;
        }
        for (Question q : questions) {
            Answer a = answers.get(q.code());
            if (a == null) {
                continue;
            }
            if (q.type() == QuestionType.NPS && a.number().intValue() <= 6) {
                out.add(new Reason("DETRACTOR", q.code() + " = " + a.number().intValue()));
            } else if (q.type() == QuestionType.CSAT && a.number().intValue() <= 2) {
                out.add(new Reason("LOW_CSAT", q.code() + " = " + a.number().intValue()));
            } else if (q.type() == QuestionType.TEXT) {
                String text = a.text().toLowerCase(Locale.ROOT);
                for (String word : complaintWords) {
                    if (!word.isBlank() && text.contains(word.toLowerCase(Locale.ROOT))) {
                        String excerpt = a.text().length() > 200 ? a.text().substring(0, 200) + "…" : a.text();
                        out.add(new Reason("COMPLAINT_TEXT", excerpt));
                        break;
                    }
                }
            }
        }
        return out;
    }
}
