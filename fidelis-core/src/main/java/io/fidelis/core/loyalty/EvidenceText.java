package io.fidelis.core.loyalty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phrases of the loyalty evidence: each a key and its arguments, already formatted (numbers with a dot, the
 * probability's name). {@link #ENGLISH} holds the English text of every key, with {@code {0}}, {@code {1}} … for the
 * arguments; an application shows the phrases in other languages from its own message bundles under
 * {@code evidence.<key>} (the English bundle must say the same as this table).
 */
public final class EvidenceText {
    private EvidenceText() {
    }

    /** A phrase: its key and its arguments. */
    public record Phrase(String key, List<String> args) {
        public Phrase {
            if (!ENGLISH.containsKey(key)) {
                throw new IllegalArgumentException("no evidence phrase " + key);
            }
            args = List.copyOf(args);
        }

        public static Phrase of(String key, Object... args) {
            return new Phrase(key, java.util.Arrays.stream(args).map(String::valueOf).toList());
        }
    }

    /** Between two phrases of one rule's evidence, in English. */
    public static final String SEPARATOR = "; ";

    /** The English text of each phrase. */
    public static final Map<String, String> ENGLISH;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        // Which signal says whether the customer is still a customer: the application's words, as they are.
        m.put("text", "{0}");
        m.put("satisfied.answer", "a satisfied answer or a resolved complaint");
        m.put("satisfied.boughtAgain", "bought again ({0} occasions)");
        m.put("satisfied.none", "no satisfaction signal yet");
        m.put("repeat.atLeast", "{0} a year ≥ typical {1}, {2} {3}");
        m.put("repeat.below", "{0} a year < typical {1}, {2} {3}");
        m.put("complaint.unresolved", "a complaint is not resolved yet: emotional and sustainable loyalty wait for"
                + " it, and the customer is at risk");
        m.put("emotional.promoter", "promoter");
        m.put("emotional.referrals", "{0} referral(s)");
        m.put("emotional.intends", "intends to buy again");
        m.put("emotional.none", "no promoter answer, referral or stated intention");
        m.put("sustainable.months", "emotional for {0} months (need {1})");
        m.put("sustainable.categories", "{0} categories (need {1})");
        m.put("sustainable.keptComplaint", "kept through a complaint");
        m.put("sustainable.keptOffer", "kept through an offer from a competitor");
        m.put("sustainable.untested", "not yet tested by a complaint or an offer from a competitor");
        m.put("lost.p", "{0} {1} (lost below {2})");
        m.put("lost.days", "{0} days since the last purchase");
        m.put("lost.daysUsual", "{0} days since the last purchase (usually every {1}; lost after {2})");
        m.put("late.count", "{0} late deliveries recently (at risk from {1})");
        m.put("risk.p", "{0} {1} (at risk below {2})");
        m.put("risk.rate", "recent rate {0}% of usual (at risk below {1}%)");
        m.put("risk.late", "{0} late deliveries");
        ENGLISH = java.util.Collections.unmodifiableMap(m);
    }

    /** The phrases in English, joined by {@link #SEPARATOR}. */
    public static String english(List<Phrase> phrases) {
        StringBuilder s = new StringBuilder();
        for (Phrase p : phrases) {
            if (!s.isEmpty()) {
                s.append(SEPARATOR);
            }
            s.append(fill(ENGLISH.get(p.key()), p.args()));
        }
        return s.toString();
    }

    /**
     * A pattern with its arguments: {@code {n}} is the n-th argument. The patterns hold no quote and no other brace,
     * so that {@link java.text.MessageFormat} (which reads the bundles) fills them the same way.
     */
    static String fill(String pattern, List<String> args) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int end = pattern.indexOf('}', i);
                s.append(args.get(Integer.parseInt(pattern.substring(i + 1, end))));
                i = end;
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
