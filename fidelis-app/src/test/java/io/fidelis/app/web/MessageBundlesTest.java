package io.fidelis.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every label is translated: English and Simplified Chinese have the same keys, every message key a template or a
 * class names exists, and templates hold no bare text outside message expressions.
 */
class MessageBundlesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path SOURCES = Path.of("src/main/java");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(RESOURCES.resolve(name))) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void chineseHasExactlyTheEnglishKeys() throws IOException {
        Set<String> en = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> zh = new TreeSet<>(load("messages_zh_CN.properties").stringPropertyNames());
        assertThat(zh).containsExactlyElementsOf(en);
        Properties zhValues = load("messages_zh_CN.properties");
        Properties enValues = load("messages.properties");
        for (String key : en) {
            // A Chinese text that equals the English one was most likely not translated (names such as CSV aside).
            if (enValues.getProperty(key).matches(".*[a-z]{4,}.*") && !key.equals("tokens.usage")) {
                assertThat(zhValues.getProperty(key)).as(key).isNotEqualTo(enValues.getProperty(key));
            }
        }
    }

    @Test
    void everyMessageKeyUsedExists() throws IOException {
        Set<String> defined = load("messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        Pattern literal = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9.]*)[}(]");
        Pattern javaKey = Pattern.compile("\"((?:nav|timeline|users|error|overview|customers|import)\\.[a-zA-Z.]+)\"");
        try (Stream<Path> files = Stream.concat(Files.walk(RESOURCES.resolve("templates")), Files.walk(SOURCES))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                Matcher m = (f.toString().endsWith(".html") ? literal : javaKey).matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(defined).containsAll(used);
        // Keys built at run time from values: roles, activity, import kinds, outcomes, order kinds, sort orders.
        for (String role : new String[] {"ADMIN", "MANAGER", "ACCOUNT_MANAGER", "AGENT", "ANALYST"}) {
            assertThat(defined).contains("role." + role);
        }
        for (String a : new String[] {"active", "lapsing", "lost", "never"}) {
            assertThat(defined).contains("activity." + a);
        }
        for (String k : new String[] {"customers", "products", "purchases"}) {
            assertThat(defined).contains("import.kind." + k);
        }
        assertThat(defined).contains("import.outcome.IMPORTED", "import.outcome.REJECTED", "purchases.kind.ORDER",
                "purchases.kind.RETURN", "customers.sort.external_id", "customers.sort.name_desc");
    }

    @Test
    void templatesShowNoUntranslatedText() throws IOException {
        // Text between tags must come from th:text; the placeholder text inside such tags is replaced when rendered.
        Pattern bareText = Pattern.compile(">([^<>]*[A-Za-z]{3,}[^<>]*)<");
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                for (String line : java.util.List.of(Files.readString(f))) {
                    Matcher m = bareText.matcher(line);
                    while (m.find()) {
                        String before = line.substring(0, m.start() + 1);
                        int tagStart = before.lastIndexOf('<');
                        String tag = before.substring(tagStart);
                        boolean replaced = tag.contains("th:text") || tag.contains("th:replace") || tag.contains("th:utext")
                                || tag.contains("th:errors") || tag.contains("sec:authentication") || tag.contains("th:insert")
                                || tag.startsWith("<option value=\"en\"") || tag.startsWith("<option value=\"zh-CN\"")
                                || tag.startsWith("<h1>") && m.group(1).equals("Fidelis")
                                || tag.startsWith("<a class=\"brand\"") || tag.startsWith("<title");
                        assertThat(replaced).as(f.getFileName() + ": bare text '" + m.group(1).strip() + "' in " + tag)
                                .isTrue();
                    }
                }
            }
        }
    }
}
