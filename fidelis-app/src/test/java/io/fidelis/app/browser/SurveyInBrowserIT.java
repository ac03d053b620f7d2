package io.fidelis.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.fidelis.app.support.Databases;
import io.fidelis.app.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
 * A survey in a real browser (headless Chromium): a manager builds one from a template (adds a question), opens it
 * and creates the kiosk link; a customer answers on a phone-sized screen, where skip logic shows a question only when
 * it applies, a missing answer is marked, and the page switches to Chinese; the manager reads the result. Screenshots
 * go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SurveyInBrowserIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ChromeDriver browser;
    WebDriverWait wait;
    String kiosk;

    @BeforeAll
    void start() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        TestData.clean(jdbc);
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
    @Order(1)
    void aManagerBuildsAndOpensASurvey() {
        browser.get(url("/surveys"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin-test-password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new Select(visible(By.id("template"))).selectByValue("conscious-loyalty");
        browser.findElement(By.id("create-survey")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Will you stay with us?"));
        assertThat(browser.findElement(By.id("survey-status")).getText()).isEqualTo("draft");
        WebElement add = browser.findElement(By.id("add-question"));
        add.findElement(By.name("code")).sendKeys("FAVOURITE");
        new Select(add.findElement(By.name("type"))).selectByValue("TEXT");
        add.findElement(By.name("required")).click(); // optional
        add.findElement(By.name("textEn")).sendKeys("What do you like most about us?");
        add.findElement(By.name("textZh")).sendKeys("您最喜欢我们哪一点？");
        add.findElement(By.cssSelector("button[type=submit]")).click();
        visible(By.id("question-FAVOURITE"));
        Browser.screenshot(browser, "20-survey-builder");
        browser.findElement(By.id("open-survey")).click();
        wait.until(ExpectedConditions.textToBe(By.id("survey-status"), "open"));
        browser.findElement(By.id("new-kiosk-link")).click();
        kiosk = visible(By.id("kiosk-link")).getText();
        assertThat(kiosk).matches("http://localhost:8080/s/[A-Za-z0-9_-]{22}");
    }

    @Test
    @Order(2)
    void aCustomerAnswersOnAPhone() {
        browser.manage().window().setSize(new Dimension(390, 844));
        String token = kiosk.substring(kiosk.lastIndexOf('/') + 1);
        browser.get(url("/s/" + token + "?lang=en"));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Will you stay with us?");
        // Asked only after a competitor's offer.
        WebElement resist = browser.findElement(By.id("q-RESIST_OFFER"));
        assertThat(resist.isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("#q-COMPETITOR_OFFER input[value='1']")).click();
        wait.until(ExpectedConditions.visibilityOf(resist));
        Browser.screenshot(browser, "21-survey-on-a-phone");
        browser.findElement(By.cssSelector("#q-INTEND_REPURCHASE input[value='9']")).click();
        browser.findElement(By.id("submit-survey")).click();
        // RESIST_OFFER is required once shown.
        WebElement marked = visible(By.cssSelector("#q-RESIST_OFFER .field-error"));
        assertThat(marked.getText()).isEqualTo("Please answer this question.");
        assertThat(browser.findElement(By.cssSelector("#q-INTEND_REPURCHASE input[value='9']")).isSelected()).isTrue();
        Browser.screenshot(browser, "22-survey-missing-answer");
        browser.findElement(By.cssSelector("#q-RESIST_OFFER input[value='1']")).click();
        browser.findElement(By.cssSelector("#q-FAVOURITE textarea")).sendKeys("The tea, and you remember my name");
        browser.findElement(By.id("submit-survey")).click();
        // (The form page has an h1 too: wait for the new page's.)
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you!"));
        assertThat(browser.getCurrentUrl()).contains("?done");
        // Reloading the thank-you page sends nothing again.
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you!"));
        // The page in Chinese.
        browser.get(url("/s/" + token + "?lang=en"));
        visible(By.linkText("中文")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "您会继续选择我们吗？"));
        assertThat(browser.findElement(By.id("q-FAVOURITE")).getText()).contains("您最喜欢我们哪一点？");
        Browser.screenshot(browser, "23-survey-in-chinese");
        // No answer was stored twice, and the answer not asked for is not there.
        assertThat(jdbc.sql("select count(*) from survey_response").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theManagerReadsTheResult() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        long survey = jdbc.sql("select id from survey").query(Long.class).single();
        browser.get(url("/surveys/" + survey + "/results"));
        assertThat(visible(By.id("responses")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("texts")).getText()).contains("you remember my name");
        assertThat(browser.findElement(By.id("figure-INTEND_REPURCHASE")).getText()).contains("Mean: 9.0");
        Browser.screenshot(browser, "24-survey-results");
        browser.get(url("/satisfaction"));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Satisfaction");
    }
}
