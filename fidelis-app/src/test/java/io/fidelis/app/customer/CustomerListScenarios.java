package io.fidelis.app.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customers list pages by keyset without skipping or repeating a row, in id and in name order (names with
 * accents, capitals, spaces and punctuation), and the search box finds names by their beginning and customers by
 * exact id or e-mail. Run on H2 and PostgreSQL, whose collations differ.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CustomerListScenarios {
    static final String[] NAMES = {"Émile Zola", "émile Bernard", "Zoë Li", "zoe Wang", "Ann-Marie Chen",
            "ann marie Wu", "Anna", "anna", "Bo", "Öztürk Ada", "Ida Öberg", "Jürgen", "Łukasz", "Ying 王", "王芳",
            "li Lei", "Li Na", "Li-Na", "li_na", "Mike O'Neil", "Mike ONeil", "  Spaces", "Zed", "zed", "Ärger"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http admin;

    @BeforeEach
    void setUp() {
        TestData.clean(jdbc);
        Http api = Http.at(port).as("admin", "admin-test-password");
        for (int i = 0; i < NAMES.length; i++) {
            String id = String.format("L%02d", i);
            assertThat(api.post("/api/v1/customers", "{\"externalId\":\"" + id + "\",\"name\":\""
                    + NAMES[i].replace("\"", "\\\"") + "\",\"email\":\"" + id + "@Example.com\"}").statusCode())
                    .isEqualTo(201);
        }
        admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
    }

    /** The ids of every row, following the list's next-page links from the first page. */
    private List<String> walk(String firstPage) {
        List<String> ids = new ArrayList<>();
        String page = firstPage;
        for (int guard = 0; page != null && guard < 20; guard++) {
            String html = admin.page(page).body();
            Matcher row = Pattern.compile("<td><a href=\"/customers/(L\\d\\d)\">").matcher(html);
            while (row.find()) {
                ids.add(row.group(1));
            }
            Matcher next = Pattern.compile("href=\"([^\"]+)\"[^>]*id=\"next-page\"|id=\"next-page\"[^>]*href=\"([^\"]+)\"")
                    .matcher(html);
            page = next.find() ? (next.group(1) != null ? next.group(1) : next.group(2)).replace("&amp;", "&") : null;
        }
        return ids;
    }

    private static List<String> expectedByName(boolean descending) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            order.add(i);
        }
        Comparator<Integer> byKey = Comparator.comparing((Integer i) -> NAMES[i].toLowerCase(Locale.ROOT))
                .thenComparing(i -> i);
        order.sort(descending ? byKey.reversed() : byKey);
        return order.stream().map(i -> String.format("L%02d", i)).toList();
    }

    @Test
    void pagesByIdWithoutSkippingOrRepeating() {
        List<String> ids = walk("/customers?size=10");
        assertThat(ids).hasSize(NAMES.length).doesNotHaveDuplicates().isSorted();
        List<String> desc = walk("/customers?size=10&sort=external_id_desc");
        assertThat(desc).hasSize(NAMES.length).doesNotHaveDuplicates();
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertThat(desc).isEqualTo(reversed);
    }

    @Test
    void pagesByNameInCodePointOrderOnBothDatabases() {
        assertThat(walk("/customers?size=10&sort=name")).isEqualTo(expectedByName(false));
        assertThat(walk("/customers?size=10&sort=name_desc")).isEqualTo(expectedByName(true));
    }

    @Test
    void searchFindsNameBeginningsAndExactIdsAndEmails() {
        assertThat(walk("/customers?q=" + Http.encode("émi"))).containsExactlyInAnyOrder("L00", "L01");
        assertThat(walk("/customers?q=" + Http.encode("ÉMILE Z"))).containsExactly("L00");
        assertThat(walk("/customers?q=ann")).containsExactlyInAnyOrder("L04", "L05", "L06", "L07");
        assertThat(walk("/customers?q=" + Http.encode("li-"))).containsExactly("L17");
        assertThat(walk("/customers?q=" + Http.encode("王"))).containsExactly("L14");
        assertThat(walk("/customers?q=" + Http.encode("mike o'"))).containsExactly("L19");
        // Exact id and e-mail (as typed, or in lower case), even when the name does not match.
        assertThat(walk("/customers?q=L08")).containsExactly("L08");
        assertThat(walk("/customers?q=" + Http.encode("L09@Example.com"))).containsExactly("L09");
        // A prefix that is also an exact id: the customer is listed once.
        assertThat(walk("/customers?q=anna")).containsExactlyInAnyOrder("L06", "L07");
        assertThat(walk("/customers?q=nobody")).isEmpty();
    }
}
