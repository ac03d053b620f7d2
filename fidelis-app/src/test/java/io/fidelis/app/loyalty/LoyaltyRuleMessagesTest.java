package io.fidelis.app.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.fidelis.core.loyalty.LoyaltyAssessment;
import io.fidelis.core.loyalty.LoyaltySignals;
import io.fidelis.core.loyalty.LoyaltyStagePolicy;
import org.junit.jupiter.api.Test;

/**
 * The Customer 360 names each rule of the loyalty evidence by the message {@code rule.<name>}: every rule the policy
 * can write must have one in both languages (an unresolved complaint, the signal choice and late deliveries once
 * showed as {@code ??rule.…??}).
 */
class LoyaltyRuleMessagesTest {

    @Test
    void everyRuleOfTheEvidenceHasANameInBothLanguages() throws Exception {
        LoyaltyStagePolicy policy = new LoyaltyStagePolicy(LoyaltyStagePolicy.Settings.defaults());
        Set<String> rules = new TreeSet<>();
        // Signals that between them make every rule appear: a complaint open, a subscription signal, late deliveries.
        for (LoyaltySignals s : List.of(
                new LoyaltySignals(8, 0.9, 6, 4, 1.0, 20, 45, 3, true, true, 1, true, 13, true, true, true, 3, true,
                        "P(stay) 0.90 from the subscription churn model"),
                new LoyaltySignals(1, 0.05, 0, 4, Double.NaN, 900, Double.NaN, 1, false, false, 0, false, 0, false,
                        false))) {
            for (LoyaltyAssessment.Evidence e : policy.assess(s).evidence()) {
                rules.add(e.rule());
            }
        }
        assertThat(rules).contains("signal", "late-delivery", "unresolved-complaint", "at-risk", "lost", "satisfied",
                "repeat-rate", "emotional", "sustainable");
        for (String bundle : List.of("/messages.properties", "/messages_zh_CN.properties")) {
            Properties p = new Properties();
            try (InputStream in = getClass().getResourceAsStream(bundle)) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (String rule : rules) {
                assertThat(p.getProperty("rule." + rule)).as(bundle + " rule." + rule).isNotBlank();
            }
        }
    }

    /**
     * Each phrase of the evidence is shown from the message {@code evidence.<key>}: the English bundle says exactly
     * what the core's table says, the Chinese one uses the same arguments, and Spring's MessageFormat fills both as
     * the core fills its table.
     */
    @Test
    void everyPhraseOfTheEvidenceHasTheCoresEnglishAndAChineseTextWithTheSameArguments() throws Exception {
        Properties en = bundle("/messages.properties");
        Properties zh = bundle("/messages_zh_CN.properties");
        java.util.regex.Pattern argument = java.util.regex.Pattern.compile("\\{(\\d+)}");
        for (var e : io.fidelis.core.loyalty.EvidenceText.ENGLISH.entrySet()) {
            String key = "evidence." + e.getKey();
            assertThat(en.getProperty(key)).as(key).isEqualTo(e.getValue());
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
            assertThat(arguments(argument, zh.getProperty(key))).as(key).isEqualTo(arguments(argument, e.getValue()));
            List<String> args = arguments(argument, e.getValue()).stream().map(i -> "a" + i).toList();
            assertThat(new java.text.MessageFormat(en.getProperty(key), java.util.Locale.ENGLISH).format(
                    args.toArray())).as(key).isEqualTo(io.fidelis.core.loyalty.EvidenceText.english(List.of(
                    new io.fidelis.core.loyalty.EvidenceText.Phrase(e.getKey(), args))));
        }
        assertThat(en.getProperty("evidence.separator")).isEqualTo(io.fidelis.core.loyalty.EvidenceText.SEPARATOR);
        assertThat(zh.getProperty("evidence.separator")).isEqualTo("；");
    }

    private static List<Integer> arguments(java.util.regex.Pattern argument, String pattern) {
        Set<Integer> found = new TreeSet<>();
        java.util.regex.Matcher m = argument.matcher(pattern);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return List.copyOf(found);
    }

    private Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
