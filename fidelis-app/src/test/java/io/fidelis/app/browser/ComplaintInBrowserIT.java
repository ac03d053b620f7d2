package io.fidelis.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.fidelis.app.support.Databases;
import io.fidelis.app.support.Http;
import io.fidelis.app.support.TestData;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A complaint in a real browser (headless Chromium), the whole loop: a customer files it on the public form and
 * gets the tracking page; an agent acknowledges, investigates and proposes a resolution on the board and the
 * complaint's page; the customer accepts it on the tracking page; the resolution survey comes by e-mail (a real SMTP
 * server, GreenMail) and the customer answers it. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintInBrowserIT {
    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        TestData.clean(jdbc);
        jdbc.sql("insert into customer (external_id, name, name_key, email, marketing_consent, time_zone, created_at,"
                + " updated_at, version) values ('ANN', 'Ann Lee', 'ann lee', 'ann@example.com', true, 'UTC',"
                + " current_timestamp, current_timestamp, 0)").update();
        jdbc.sql("insert into purchase (order_id, customer_id, purchased_at, kind) values ('SO-77', (select id from"
                + " customer where external_id = 'ANN'), ?, 'ORDER')")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusDays(5)).update();
        // The resolution survey, open.
        Http admin = Http.browser(port);
        admin.signIn("admin", "admin-test-password");
        var created = admin.postForm("/surveys", "template=complaint-resolution&_csrf=" + admin.csrfToken());
        String location = created.headers().firstValue("Location").orElseThrow();
        admin.postForm(location.substring(location.indexOf("/surveys/")) + "/open", "version=0&_csrf="
                + admin.csrfToken());
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

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    @Test
    void aCustomerComplainsAnAgentResolvesTheCustomerAcceptsAndAnswersTheSurvey() throws Exception {
        // The customer, on a phone-sized screen.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(url("/complain?lang=en"));
        browser.findElement(By.name("orderId")).sendKeys("SO-77");
        browser.findElement(By.name("contact")).sendKeys("ann@example.com");
        browser.findElement(By.cssSelector("input[name=category][value=DELIVERY]")).click();
        browser.findElement(By.name("subject")).sendKeys("The parcel came late");
        browser.findElement(By.name("description")).sendKeys("It arrived a week after the promised day.");
        Browser.screenshot(browser, "30-complaint-form");
        click("send-complaint");
        wait.until(ExpectedConditions.urlContains("/complain/track/"));
        String tracking = browser.getCurrentUrl();
        assertThat(visible(By.id("track-status")).getText()).isEqualTo("received");
        Browser.screenshot(browser, "31-complaint-tracking");

        // The agent.
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        browser.get(url("/complaints"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin-test-password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        WebElement card = visible(By.cssSelector("#column-RECEIVED .complaint-card a"));
        Browser.screenshot(browser, "32-complaint-board");
        card.click();
        click("acknowledge");
        wait.until(ExpectedConditions.textToBe(By.id("complaint-status"), "acknowledged"));
        click("investigate");
        wait.until(ExpectedConditions.textToBe(By.id("complaint-status"), "investigating"));
        WebElement propose = visible(By.id("propose-form"));
        propose.findElement(By.name("text")).sendKeys("We refund the delivery fee and apologise.");
        propose.findElement(By.name("rootCause")).sendKeys("Courier delay");
        click("propose");
        wait.until(ExpectedConditions.textToBe(By.id("complaint-status"), "resolution proposed"));
        Browser.screenshot(browser, "33-complaint-page");

        // The customer accepts.
        browser.manage().deleteAllCookies();
        browser.get(tracking);
        assertThat(visible(By.id("proposal")).getText()).isEqualTo("We refund the delivery fee and apologise.");
        click("accept");
        wait.until(ExpectedConditions.textToBe(By.id("track-status"), "resolved"));
        Browser.screenshot(browser, "34-complaint-accepted");

        // The resolution survey arrives by e-mail; the customer answers it.
        assertThat(SMTP.waitForIncomingEmail(15_000, 2)).isTrue();
        String link = null;
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            Matcher s = Pattern.compile("/s/([A-Za-z0-9_-]{22})").matcher((String) m.getContent());
            if (s.find()) {
                link = "/s/" + s.group(1);
            }
        }
        assertThat(link).as("the survey invitation").isNotNull();
        browser.get(url(link + "?lang=en"));
        visible(By.cssSelector("#q-RESOLVED input[value='1']")).click();
        browser.findElement(By.cssSelector("#q-CSAT input[value='5']")).click();
        click("submit-survey");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you!"));
        assertThat(jdbc.sql("select count(*) from survey_response r join survey_invitation i on i.id ="
                + " r.invitation_id where i.reason like 'complaint-resolved:CP-%'").query(Long.class).single())
                .isEqualTo(1);
        // The agent sees the customer's verdict on the complaint's page.
        String reference = jdbc.sql("select reference from complaint").query(String.class).single();
        browser.manage().deleteAllCookies();
        browser.get(url("/complaints/" + reference));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin-test-password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        Browser.screenshot(browser, "35-complaint-verdict");
        assertThat(visible(By.id("resolution-feedback")).getText()).contains("RESOLVED 1").contains("CSAT 5");
    }
}
