package io.fidelis.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import com.icegreen.greenmail.util.GreenMail;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Databases;
import io.fidelis.app.support.Smtp;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The improvement backlog in a real browser (headless Chromium): two customers send the same idea on the public
 * suggestion page, one in English and one on the Chinese page; the manager accepts the proposed grouping on the
 * board, moves the item to review and to planned on the board (htmx, no page load), delivers it from the item's
 * page, and each customer gets the e-mail in their language (GreenMail). Screenshots go to
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImprovementsInBrowserIT {
    static final String PASSWORD = "improvement-manager-password";
    static final GreenMail SMTP = Smtp.started();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        Smtp.register(registry, SMTP);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        TestData.clean(jdbc);
        staff.create("boss", "Bo Manager", Role.MANAGER, PASSWORD);
        jdbc.sql("insert into product (sku, name, category, created_at, updated_at) values ('SOFA-3', 'Sofa',"
                + " 'Sofas', current_timestamp, current_timestamp)").update();
        for (String[] c : new String[][] {{"ANN", "Ann Lee", "SO-1"}, {"BAO", "王宝", "SO-2"}}) {
            jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone,"
                    + " created_at, updated_at, version) values (?, ?, ?, ?, true, 'UTC', current_timestamp,"
                    + " current_timestamp, 0)").params(c[0], c[1], c[1].toLowerCase(), c[0].toLowerCase()
                    + "@example.com").update();
            jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values (?, (select id from"
                    + " customer where external_id = ?), ?, 'ORDER')").params(c[2], c[0], OffsetDateTime.now(
                    ZoneOffset.UTC).minusDays(20)).update();
            jdbc.sql("insert into purchase_line (order_id, line_no, sku, category, quantity, unit_price, unit_cost)"
                    + " values (?, 1, 'SOFA-3', 'Sofas', 1, 900, 500)").param(c[2]).update();
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        SMTP.stop();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void suggest(String lang, String order, String contact, String text) {
        browser.get(url("/suggest?lang=" + lang));
        WebElement form = visible(By.id("suggest-form"));
        form.findElement(By.name("orderId")).sendKeys(order);
        form.findElement(By.name("contact")).sendKeys(contact);
        new Select(form.findElement(By.name("category"))).selectByValue("Sofas");
        form.findElement(By.name("text")).sendKeys(text);
        browser.findElement(By.id("send-suggestion")).click();
        visible(By.id("suggest-thanks"));
    }

    @Test
    void customersSuggestTheManagerGroupsPlansAndDeliversAndEachCustomerIsToldInTheirLanguage() throws Exception {
        suggest("en", "SO-1", "ann@example.com", "The sofa is too big to get through our warehouse door");
        Browser.screenshot(browser, "60-suggestion-thanks");
        suggest("zh-CN", "SO-2", "bao@example.com", "Sofa does not fit through the warehouse door, make it detachable");
        assertThat(browser.findElement(By.id("suggest-thanks")).getText()).isEqualTo("谢谢您");

        browser.get(url("/improvements"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("boss");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        WebElement proposals = visible(By.id("proposals"));
        assertThat(proposals.findElements(By.cssSelector("tbody tr"))).hasSize(2);
        assertThat(proposals.getText()).contains("new item 1").doesNotContain("new item 2");
        Browser.screenshot(browser, "61-improvements-inbox");

        String address = browser.getCurrentUrl();
        browser.findElement(By.id("accept-grouping")).click();
        WebElement card = visible(By.cssSelector("#column-NEW li.improvement-card"));
        assertThat(card.getText()).contains("2 customer(s), 2 suggestion(s)");
        assertThat(visible(By.id("board-message")).getText()).isEqualTo("2 suggestion(s) grouped.");
        long item = jdbc.sql("select id from improvement_item").query(Long.class).single();
        // Review and plan on the board: htmx swaps the board, the page is not reloaded.
        browser.findElement(By.id("advance-" + item)).click();
        visible(By.cssSelector("#column-UNDER_REVIEW #item-" + item));
        browser.findElement(By.id("advance-" + item)).click();
        visible(By.cssSelector("#column-PLANNED #item-" + item));
        assertThat(browser.getCurrentUrl()).isEqualTo(address);
        Browser.screenshot(browser, "62-improvements-board-planned");

        browser.findElement(By.cssSelector("#item-" + item + " a")).click();
        visible(By.id("item-title"));
        assertThat(browser.findElement(By.id("askers")).getText()).contains("ANN · Ann Lee").contains("BAO · 王宝");
        new Select(browser.findElement(By.id("move-select"))).selectByValue("DELIVER");
        browser.findElement(By.id("move-text")).sendKeys("Our sofas now come apart to pass any door.");
        browser.findElement(By.id("move-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("item-status"), "Delivered"));
        assertThat(browser.findElement(By.id("askers")).getText()).contains("E-mailed (en)")
                .contains("E-mailed (zh-CN)");
        Browser.screenshot(browser, "63-improvement-delivered");

        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0] + " " + m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder(
                "ann@example.com Your suggestion led to: The sofa is too big to get through our warehouse door",
                "bao@example.com 您的建议促成了：The sofa is too big to get through our warehouse door");
    }
}
