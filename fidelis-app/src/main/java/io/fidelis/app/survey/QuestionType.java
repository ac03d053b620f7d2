package io.fidelis.app.survey;

/** The kinds of question a survey can ask, with the range of a numeric answer. */
public enum QuestionType {
    /** Net Promoter Score: how likely to recommend, 0–10. */
    NPS(0, 10),
    /** Customer satisfaction, 1–5. */
    CSAT(1, 5),
    /** Customer effort, 1 (very hard) – 7 (very easy). */
    CES(1, 7),
    /** An ACSI/ECSI-style rating, 1–10. */
    RATING(1, 10),
    SINGLE(0, 0),
    MULTIPLE(0, 0),
    TEXT(0, 0),
    /** Yes (1) or no (0). */
    YES_NO(0, 1);

    private final int min;
    private final int max;

    QuestionType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** Whether the answer is a number on a scale (NPS, CSAT, CES, rating, yes/no). */
    public boolean scale() {
        return this == NPS || this == CSAT || this == CES || this == RATING || this == YES_NO;
    }

    public boolean choice() {
        return this == SINGLE || this == MULTIPLE;
    }
}
