package io.fidelis.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.fidelis.app.purchase.PurchaseSuggestions;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.support.Databases;
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
 * An account manager's day in a real browser (headless Chromium): they open their day and see the valuable
 * customer at risk with its reason, go to the customer, whose next best action is to call; log a visit in which the
 * customer complains, raising the complaint from it in one step; and see the next best action change to resolving
 * the complaint first, and the complaint in their day. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountManagerDayInBrowserIT {
    static final String PASSWORD = "account-manager-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    PurchaseSuggestions suggestions;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        TestData.clean(jdbc);
        suggestions.forget();
        staff.create("am-1", "Mei Lin", Role.ACCOUNT_MANAGER, PASSWORD);
        for (String[] c : new String[][] {{"ANN", "Ann Lee", "900"}, {"BOB", "Bob Wu", "100"}}) {
            jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone,"
                    + " created_at, updated_at, version, account_manager_id) values (?, ?, ?, ?, true, 'UTC',"
                    + " current_timestamp, current_timestamp, 0, (select id from staff_user where username = 'am-1'))")
                    .params(c[0], c[1], c[1].toLowerCase(), c[0].toLowerCase() + "@example.com").update();
            jdbc.sql("insert into loyalty_profile (customer_id, scored_at, stage, overlay, loyalty_index, p_alive, clv,"
                    + " occasions, t_x_weeks, t_weeks, monetary, evidence) values ((select id from customer where"
                    + " external_id = ?), current_timestamp, 'BEHAVIOURAL', ?, 0.5, 0.3, ?, 3, 10, 50, 20, '[]')")
                    .params(c[0], c[0].equals("ANN") ? "AT_RISK" : "NONE", Double.parseDouble(c[2])).update();
        }
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('SO-1', (select id from"
                + " customer where external_id = 'ANN'), ?, 'ORDER')")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusDays(60)).update();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    @Test
    void theManagerOpensTheDayLogsAVisitRaisesAComplaintAndTheNextBestActionChanges() {
        browser.get(url("/my-day"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("am-1");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        WebElement task = visible(By.cssSelector("#tasks li.task-AT_RISK"));
        assertThat(task.getText()).contains("Ann Lee").contains("Valuable and at risk");
        Browser.screenshot(browser, "40-my-day");

        task.findElement(By.linkText("ANN · Ann Lee")).click();
        WebElement best = visible(By.cssSelector("#next-best-actions li.best"));
        assertThat(best.getAttribute("data-kind")).isEqualTo("CALL_AT_RISK");
        assertThat(best.getText()).contains("Call: valuable and at risk");
        Browser.screenshot(browser, "41-customer-next-best-action");

        // Log the visit: the customer complains about a chipped cup; raise it as a complaint.
        browser.findElement(By.cssSelector("#log-contact summary")).click();
        WebElement form = visible(By.id("contact-form"));
        new Select(form.findElement(By.name("kind"))).selectByValue("VISIT");
        form.findElement(By.name("notes")).sendKeys("Visited the shop in Pudong");
        form.findElement(By.name("needs")).sendKeys("Wants gift boxes for the New Year");
        form.findElement(By.name("opinions")).sendKeys("The cups of the last order came chipped");
        form.findElement(By.id("raise-complaint")).click();
        new Select(form.findElement(By.name("complaintCategory"))).selectByValue("PRODUCT_QUALITY");
        browser.findElement(By.id("log-contact-button")).click();

        WebElement raised = visible(By.id("raised-complaint"));
        assertThat(raised.getText()).startsWith("CP-");
        String reference = raised.getText();
        assertThat(visible(By.id("contact-list")).getText()).contains("Wants gift boxes for the New Year");
        WebElement changed = visible(By.cssSelector("#next-best-actions li.best"));
        assertThat(changed.getAttribute("data-kind")).isEqualTo("RESOLVE_COMPLAINT");
        assertThat(changed.getText()).contains("Resolve the complaint first");
        Browser.screenshot(browser, "42-next-best-action-changed");

        browser.get(url("/my-day"));
        assertThat(visible(By.cssSelector("#tasks li.task-COMPLAINT")).getText()).contains(reference)
                .contains("The cups of the last order came chipped");
        Browser.screenshot(browser, "43-my-day-with-complaint");
    }
}
