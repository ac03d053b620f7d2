package io.fidelis.app.survey;

import java.util.Locale;

/** The languages a survey is written in: English and simplified Chinese, as language tags ("en", "zh-CN"). */
public final class SurveyLanguage {
    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh-CN";

    private SurveyLanguage() {
    }

    public static boolean isChinese(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** One of the two tags, from any tag or locale ("zh", "zh_CN", "zh-Hans" → zh-CN; anything else → en). */
    public static String of(String tag) {
        return isChinese(tag) ? CHINESE : ENGLISH;
    }

    public static String of(Locale locale) {
        return locale == null ? ENGLISH : of(locale.toLanguageTag());
    }
}
