package io.fidelis.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.fidelis.app.support.Databases;
import io.fidelis.app.support.Http;
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
import org.openqa.selenium.Keys;
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
 * The workspace in a real browser (headless Chromium): sign in, search a customer, open the 360, edit with a
 * validation error, import a CSV through the import page, switch to Chinese, and use it on a phone-sized screen.
 * Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceInBrowserIT {
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

    @BeforeAll
    void start() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        TestData.clean(jdbc);
        Http api = Http.at(port).as("admin", "admin-test-password");
        assertThat(api.post("/api/v1/customers", "{\"externalId\":\"W1\",\"name\":\"Wang Fang\",\"email\":"
                + "\"wang.fang@example.com\",\"region\":\"East\",\"segment\":\"Retail\",\"timeZone\":\"Asia/Shanghai\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api.post("/api/v1/customers", "{\"externalId\":\"W2\",\"name\":\"Walter Brown\"}").statusCode())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/customers/W1/purchases", "{\"orderId\":\"WO-1\",\"purchasedAt\":"
                + "\"2026-03-01T02:00:00Z\",\"channel\":\"store\",\"lines\":[{\"sku\":\"TEA-1\",\"category\":\"Tea\","
                + "\"quantity\":2,\"unitPrice\":49.5,\"unitCost\":20}]}").statusCode()).isEqualTo(201);
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
    void signIn() {
        browser.get(url("/customers"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("wrong password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(visible(By.cssSelector(".alert")).getText()).contains("Wrong user name or password");
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin-test-password");
        Browser.screenshot(browser, "01-login");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/customers"));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Customers");
        browser.get(url("/"));
        assertThat(visible(By.id("card-customers")).getText()).isEqualTo("2");
        wait.until(d -> !d.findElements(By.cssSelector("#chart-funnel canvas")).isEmpty());
        Browser.screenshot(browser, "02-overview");
    }

    @Test
    @Order(2)
    void searchACustomerAndOpenThe360() {
        WebElement search = visible(By.id("global-search"));
        search.sendKeys("wang", Keys.ENTER);
        WebElement link = visible(By.linkText("W1"));
        assertThat(browser.findElements(By.linkText("W2"))).isEmpty();
        Browser.screenshot(browser, "03-search");
        link.click();
        assertThat(visible(By.tagName("h1")).getText()).contains("Wang Fang");
        assertThat(browser.findElement(By.id("purchases-heading")).isDisplayed()).isTrue();
        assertThat(browser.getPageSource()).contains("WO-1").contains("Tea");
        // The timeline lists the order in the customer's own time zone (02:00 UTC is 10:00 in Shanghai).
        assertThat(browser.findElement(By.cssSelector(".timeline li.purchase")).getText()).contains("10:00")
                .contains("WO-1");
        Browser.screenshot(browser, "04-customer-360");
    }

    @Test
    @Order(3)
    void editWithAValidationErrorThenSave() {
        visible(By.id("edit-customer")).click();
        WebElement email = visible(By.id("email"));
        email.clear();
        email.sendKeys("not an e-mail");
        browser.findElement(By.id("save-customer")).click();
        WebElement error = visible(By.id("email-error"));
        assertThat(error.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        Browser.screenshot(browser, "05-edit-validation-error");
        assertThat(jdbc.sql("select email from customer where external_id = 'W1'").query(String.class).single())
                .isEqualTo("wang.fang@example.com");
        email = browser.findElement(By.id("email"));
        email.clear();
        email.sendKeys("fang.wang@example.com");
        browser.findElement(By.id("segment")).clear();
        browser.findElement(By.id("segment")).sendKeys("Key account");
        browser.findElement(By.id("save-customer")).click();
        assertThat(visible(By.cssSelector("p.success")).getText()).contains("Saved");
        assertThat(browser.getPageSource()).contains("fang.wang@example.com").contains("Key account");
        assertThat(jdbc.sql("select email from customer where external_id = 'W1'").query(String.class).single())
                .isEqualTo("fang.wang@example.com");
    }

    @Test
    @Order(4)
    void importACsvThroughTheImportPage() throws Exception {
        Path csv = Files.createTempFile("browser-import", ".csv");
        Files.writeString(csv, "Kunden-Nr,Name,Mail,Gebiet\n"
                + "B1,Bai Li,bai.li@example.com,North\n"
                + "B2,Bo Chen,not-an-email,North\n"
                + "B3,Bella Zhou,bella@example.com,South\n");
        browser.get(url("/imports"));
        new Select(visible(By.id("import-kind"))).selectByValue("customers");
        browser.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("upload")).click();
        WebElement preview = visible(By.id("preview"));
        assertThat(preview.getText()).contains("Kunden-Nr").contains("Bai Li").contains("Bella Zhou");
        new Select(browser.findElement(By.id("map-customer_id"))).selectByVisibleText("Kunden-Nr");
        new Select(browser.findElement(By.id("map-name"))).selectByVisibleText("Name");
        new Select(browser.findElement(By.id("map-email"))).selectByVisibleText("Mail");
        new Select(browser.findElement(By.id("map-region"))).selectByVisibleText("Gebiet");
        browser.findElement(By.id("skipInvalid")).click();
        Browser.screenshot(browser, "06-import-mapping");
        browser.findElement(By.id("run-import")).click();
        WebElement outcome = visible(By.id("import-outcome"));
        assertThat(outcome.getText()).contains("Imported");
        assertThat(browser.findElement(By.id("import-imported")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("import-rejected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("import-errors")).getText()).contains("email").contains("3");
        Browser.screenshot(browser, "07-import-result");
        assertThat(jdbc.sql("select external_id from customer where external_id like 'B%' order by external_id")
                .query(String.class).list()).containsExactly("B1", "B3");
        Files.deleteIfExists(csv);
    }

    @Autowired
    io.fidelis.app.loyalty.LoyaltyScoring scoring;

    @Test
    @Order(5)
    void theLoyaltyPageAndTheStageOnThe360() {
        // One buyer is too few to fit the churn model: the stage comes from the rules alone, and the run says so.
        io.fidelis.app.loyalty.ScoringRun run = scoring.scoreAll();
        assertThat(run.notFitted()).contains("too few customers");
        browser.get(url("/loyalty"));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Loyalty");
        wait.until(d -> !d.findElements(By.cssSelector("#chart-stages canvas")).isEmpty());
        assertThat(browser.findElement(By.id("stage-NEW")).getText()).isEqualTo("1");
        Browser.screenshot(browser, "08-loyalty");
        browser.get(url("/customers/W1"));
        assertThat(visible(By.id("loyalty-stage")).getText()).isEqualTo("New");
        Browser.screenshot(browser, "09-customer-360-loyalty");
    }

    @Test
    @Order(6)
    void switchToChinese() {
        browser.get(url("/customers"));
        new Select(visible(By.id("language"))).selectByValue("zh-CN");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "客户"));
        assertThat(browser.findElement(By.id("nav")).getText()).contains("概览").contains("导入").contains("设置");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        Browser.screenshot(browser, "10-chinese");
        browser.findElement(By.linkText("W1")).click();
        assertThat(visible(By.id("purchases-heading")).getText()).isEqualTo("购买");
        Browser.screenshot(browser, "11-chinese-customer-360");
        new Select(visible(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("purchases-heading"), "Purchases"));
    }

    @Test
    @Order(7)
    void worksOnAPhoneSizedScreen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/customers"));
        WebElement toggle = visible(By.cssSelector(".menu-toggle"));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        toggle.click();
        assertThat(visible(By.id("nav")).isDisplayed()).isTrue();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        Browser.screenshot(browser, "12-phone");
        // Keyboard: the skip link is the first stop and leads to the content.
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/customers"));
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("class")).isEqualTo("skip");
    }

    @Test
    @Order(8)
    void theSupplyCardLeadsToTheSupplyPageWithItsChart() {
        // WO-1 was promised a day after the order and came three days late, from Shanghai's North warehouse.
        Http api = Http.at(port).as("admin", "admin-test-password");
        java.time.LocalDate promised = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(5);
        assertThat(api.put("/api/v1/orders/WO-1/delivery", "{\"warehouse\":\"North\",\"promisedOn\":\""
                + promised + "\",\"deliveredAt\":\"" + promised.plusDays(3) + "T04:00:00Z\"}").statusCode())
                .isEqualTo(200);
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/"));
        assertThat(visible(By.id("card-late")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("card-otif")).getText()).isEqualTo("0%");
        browser.findElement(By.id("card-late")).click();
        wait.until(ExpectedConditions.urlContains("/supply"));
        assertThat(visible(By.tagName("h1")).getText()).isEqualTo("Supply and delivery");
        wait.until(d -> !d.findElements(By.cssSelector("#chart-otif canvas")).isEmpty());
        assertThat(browser.findElement(By.id("supply-otif")).getText()).isEqualTo("0%");
        assertThat(browser.findElement(By.id("supply-warehouses")).getText()).contains("North");
        Browser.screenshot(browser, "13-supply");
        // No subscriptions yet: the churn model page says what it needs.
        browser.get(url("/subscriptions/churn"));
        assertThat(visible(By.id("churn-none")).getText()).contains("at least 50 subscribers");
    }
}
