package io.fidelis.app.loyalty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.core.loyalty.EvidenceText;
import io.fidelis.core.loyalty.LoyaltyAssessment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evidence of a loyalty profile as stored: for each rule whether it held and its phrases, each a key with its
 * arguments ({@code [["repeat.atLeast","6.0","4.0","P(alive)","0.90"]]}), so that pages show it in the reader's
 * language (messages {@code evidence.<key>}) and the API in English. Profiles scored before the phrases kept the
 * English text alone ({@code "detail"}), which is shown as it is until they are scored again.
 */
public final class LoyaltyEvidence {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LoyaltyEvidence() {
    }

    static String json(List<LoyaltyAssessment.Evidence> evidence) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LoyaltyAssessment.Evidence e : evidence) {
            List<List<String>> phrases = new ArrayList<>();
            for (EvidenceText.Phrase p : e.phrases()) {
                List<String> row = new ArrayList<>();
                row.add(p.key());
                row.addAll(p.args());
                phrases.add(row);
            }
            list.add(Map.of("rule", e.rule(), "held", e.held(), "phrases", phrases));
        }
        return JSON.writeValueAsString(list);
    }

    /**
     * The stored evidence, each rule as a map: {@code rule}, {@code held}, {@code detail} (English) and
     * {@code phrases} (each a map of {@code key} and {@code args}; empty for a profile stored as English text).
     */
    public static List<Map<String, Object>> read(String json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode e : JSON.readTree(json)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", e.path("rule").asString());
            m.put("held", e.path("held").asBoolean());
            List<Map<String, Object>> phrases = new ArrayList<>();
            List<EvidenceText.Phrase> english = new ArrayList<>();
            for (JsonNode p : e.path("phrases")) {
                String key = p.get(0).asString();
                List<String> args = new ArrayList<>();
                for (int i = 1; i < p.size(); i++) {
                    args.add(p.get(i).asString());
                }
                if (EvidenceText.ENGLISH.containsKey(key)) {
                    english.add(new EvidenceText.Phrase(key, args));
                    phrases.add(Map.of("key", key, "args", args.toArray()));
                }
            }
            m.put("detail", e.has("detail") ? e.path("detail").asString() : EvidenceText.english(english));
            m.put("phrases", phrases);
            out.add(m);
        }
        return out;
    }

    /** The stored evidence as the API gives it: each rule with whether it held and its detail in English. */
    public static List<Map<String, Object>> english(String json) {
        return read(json).stream().map(m -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rule", m.get("rule"));
            r.put("held", m.get("held"));
            r.put("detail", m.get("detail"));
            return r;
        }).toList();
    }
}
