package io.fidelis.core.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void englishWordsAreLowerCasedStemmedAndStopWordsLeftOut() {
        assertThat(Tokens.of("The SOFAS are too big for the warehouse door!"))
                .containsExactly("sofa", "big", "warehouse", "door");
        assertThat(Tokens.of("Detachable legs, please; detaching them helps")).containsExactly("detachable", "leg",
                "detach", "help");
    }

    @Test
    void chineseBecomesCharacterBigramsAndMixedTextKeepsBoth() {
        assertThat(Tokens.of("沙发太大")).containsExactly("沙发", "发太", "太大", "沙", "发", "太", "大");
        assertThat(Tokens.of("门")).containsExactly("门");
        assertThat(Tokens.of("沙发进门，可拆卸 sofa")).containsExactly("沙发", "发进", "进门", "沙", "发", "进", "门",
                "可拆", "拆卸", "可", "拆", "卸", "sofa");
    }

    @Test
    void fullWidthLettersAreNormalisedAndEmptyTextHasNoTokens() {
        assertThat(Tokens.of("ＳＯＦＡ")).containsExactly("sofa");
        assertThat(Tokens.of("  ")).isEmpty();
        assertThat(Tokens.of(null)).isEmpty();
        assertThat(Tokens.of("!!! ... ?")).isEmpty();
    }
}
