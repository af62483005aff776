package io.consentline.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.consentline.deploy.LauncherSettings;
import io.consentline.deploy.LocalSystem;

/**
 * The cookie banner in a real browser (Debian's headless chromium): the demo page of the local run shows it for
 * the demo site; a visitor accepts, withdraws, chooses per category; each answer reaches consent-service. One visitor
 * (one browser profile) goes through the steps in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BannerBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static LocalSystem system;
    private static LauncherSettings settings;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startTheBrowser() throws IOException {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Skipped: no " + CHROMIUM + " / " + CHROMEDRIVER + " here (apt-get install -y chromium chromium-driver;"
                        + " .ci/run installs them)");
        system = SharedSystem.get();
        settings = system.settings();
        profile = Files.createTempDirectory("consentline-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, PATIENCE);
    }

    private static void openDemo() {
        browser.get(settings.gatewayUrl() + "/demo/");
    }

    private static WebElement banner() {
        return waiting().until(d -> d.findElements(By.cssSelector("[data-consentline=banner]")).stream().findFirst()
                .orElse(null));
    }

    private static void click(String action) {
        waiting().until(d -> d.findElement(By.cssSelector("[data-consentline=" + action + "]"))).click();
    }

    /** The page's view of the choice once the gateway recorded it (it then has a receipt id). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> recordedChoice(String previousReceipt) {
        return waiting().until(d -> {
            Object choice = ((JavascriptExecutor) d).executeScript("return window.consentline && window.consentline.getChoice();");
            if (choice instanceof Map<?, ?> map && map.get("receiptId") != null && !map.get("receiptId").equals(previousReceipt)) {
                return (Map<String, Object>) map;
            }
            return null;
        });
    }

    private static void assertDecision(String visitor, String purpose, String decision) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().baseUri(settings.consentUrl()).auth().oauth2(system.token("acme", "dialer"))
                        .queryParams(Map.of("identifierType", "visitor", "identifier", visitor, "purpose", purpose,
                                "channel", "web"))
                        .when().get("/v1/check")
                        .then().statusCode(200).body("decision", equalTo(decision)));
    }

    private static String lastReceipt;
    private static String visitor;

    @Test
    @Order(1)
    void aFirstVisitSeesTheBannerWithAcceptAndRejectSideBySide() {
        openDemo();

        WebElement banner = banner();
        WebElement accept = banner.findElement(By.cssSelector("[data-consentline=accept-all]"));
        WebElement reject = banner.findElement(By.cssSelector("[data-consentline=reject-all]"));
        // equal prominence: same height, colours and type, side by side
        assertThat(reject.getSize().getHeight()).isEqualTo(accept.getSize().getHeight());
        assertThat(reject.getLocation().getY()).isEqualTo(accept.getLocation().getY());
        assertThat(reject.getCssValue("color")).isEqualTo(accept.getCssValue("color"));
        assertThat(reject.getCssValue("background-color")).isEqualTo(accept.getCssValue("background-color"));
        assertThat(reject.getCssValue("font-size")).isEqualTo(accept.getCssValue("font-size"));
        assertThat(banner.getText()).contains("Usage statistics that help us improve the shop");
        screenshot("banner-first-visit.png");
    }

    /** Keeps what the visitor saw, for people reading the build's output. */
    private static void screenshot(String name) {
        try {
            Path target = Path.of("target", name);
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            // a missing picture fails nothing
        }
    }

    @Test
    @Order(2)
    void acceptingAllReachesConsentServiceAndGrantsTheAdSignals() {
        click("accept-all");

        Map<String, Object> choice = recordedChoice(null);
        visitor = (String) choice.get("visitorId");
        lastReceipt = (String) choice.get("receiptId");
        assertThat(choice.get("granted")).isEqualTo(List.of("analytics", "marketing"));
        assertThat(((Map<?, ?>) choice.get("consentMode")).get("ad_storage")).isEqualTo("granted");
        assertThat(((Map<?, ?>) choice.get("consentMode")).get("analytics_storage")).isEqualTo("granted");
        Cookie cookie = browser.manage().getCookieNamed("consentline_demo");
        assertThat(cookie.getValue()).startsWith("1|" + visitor + "|2026-01|").endsWith("|" + lastReceipt);
        assertThat(browser.findElements(By.cssSelector("[data-consentline=banner]"))).isEmpty();
        assertDecision(visitor, "analytics", "ALLOW");
        assertDecision(visitor, "marketing", "ALLOW");
    }

    @Test
    @Order(3)
    void theChoiceIsRememberedOnTheNextPage() {
        openDemo();

        waiting().until(d -> !d.findElement(By.cssSelector("[data-demo=choice]")).getText().startsWith("No choice"));
        assertThat(browser.findElements(By.cssSelector("[data-consentline=banner]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-demo=choice]")).getText()).contains(lastReceipt);
    }

    @Test
    @Order(4)
    void reopeningAndRejectingAllWithdrawsTheConsent() {
        click("reopen");
        banner();
        click("reject-all");

        Map<String, Object> choice = recordedChoice(lastReceipt);
        lastReceipt = (String) choice.get("receiptId");
        assertThat(choice.get("denied")).isEqualTo(List.of("analytics", "marketing"));
        assertThat(((Map<?, ?>) choice.get("consentMode")).get("ad_storage")).isEqualTo("denied");
        assertThat(choice.get("visitorId")).isEqualTo(visitor);
        assertDecision(visitor, "analytics", "DENY");
        assertDecision(visitor, "marketing", "DENY");
    }

    @Test
    @Order(5)
    void savingTheTogglesGrantsOnlyWhatIsTicked() {
        click("reopen");
        banner();
        WebElement analytics = waiting().until(d -> d.findElement(By.cssSelector("[data-consentline-category=analytics]")));
        WebElement necessary = browser.findElement(By.cssSelector("[data-consentline-category=necessary]"));
        assertThat(necessary.isSelected()).isTrue();
        assertThat(necessary.isEnabled()).isFalse();
        assertThat(analytics.isSelected()).as("the toggles show the current choice: all rejected").isFalse();
        analytics.click();
        click("save");

        Map<String, Object> choice = recordedChoice(lastReceipt);
        assertThat(choice.get("granted")).isEqualTo(List.of("analytics"));
        assertThat(choice.get("denied")).isEqualTo(List.of("marketing"));
        assertDecision(visitor, "analytics", "ALLOW");
        assertDecision(visitor, "marketing", "DENY");
    }
}
