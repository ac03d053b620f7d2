package io.fidelis.app.survey;

import java.math.BigDecimal;

/**
 * One answer: a number for a scale (NPS, CSAT, CES, rating, yes = 1 / no = 0) or a single choice (the choice's
 * position, from 0), a text for free text or a multiple choice (the positions, comma-separated).
 */
public record Answer(BigDecimal number, String text) {
    static Answer of(int n) {
        return new Answer(BigDecimal.valueOf(n), null);
    }

    static Answer text(String t) {
        return new Answer(null, t);
    }
}
