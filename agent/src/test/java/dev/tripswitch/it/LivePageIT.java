package dev.tripswitch.it;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /} in a real browser (headless Chromium, Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), against a child JVM under the
 * agent: the page lists the breakers, shows a trip within 2 s, refuses a wrong token (and
 * nothing changes), resets with the right one, and fits a phone's width. It saves a
 * screenshot (target/live-page.png) that README shows.
 */
class LivePageIT {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private WebDriver browser;

    @BeforeEach
    void browser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM) || System.getenv("CI") != null,
                "needs chromium and chromium-driver (Debian); .ci/run installs them");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,800");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The page redraws every second: an element found a moment ago may be gone; find it again. */
    private static void click(WebDriverWait wait, By by) {
        wait.until(d -> {
            try {
                d.findElement(by).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private static String attribute(WebDriver d, By by, String name) {
        try {
            return d.findElement(by).getAttribute(name);
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return null;
        }
    }

    @Test
    void thePageShowsEveryBreakerLiveAndItsButtonsAskForTheToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path rules = Env.rules(HttpEndpointIT.RULES.formatted(port, ", token: s3cret"));
        try (ChildJvm app = ChildJvm.start(Jdk.java17(), rules).awaitReady()) {
            app.send("lookup a");
            app.send("lookup b");
            app.send("charge x 1");
            browser.get("http://127.0.0.1:" + port + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            wait.until(d -> {
                String t = attribute(d, By.cssSelector("details[data-rule='payments'] tr[data-key]"), "data-state");
                return "CLOSED".equals(t);
            });
            wait.until(d -> d.findElements(By.cssSelector("details[data-rule='orders'] tr[data-key]")).size() == 2);

            app.send("fail on");
            app.send("charge x 1");
            app.send("charge x 1");
            MBeanServerConnection jmx = app.jmx();
            ObjectName breaker = Jmx.breaker("payments");
            Jmx.awaitRegistered(jmx, breaker);
            assertEquals("OPEN", Jmx.state(jmx, breaker));
            new WebDriverWait(browser, Duration.ofSeconds(2)).until(d -> !d.findElements(
                    By.cssSelector("details[data-rule='payments'] tr[data-state='OPEN']")).isEmpty());
            assertEquals("payments", wait.until(d -> attribute(d, By.cssSelector("#rules details"), "data-rule")),
                    "the worst rule comes first");
            wait.until(d -> d.findElement(By.id("transitions")).getText().contains("CLOSED → OPEN"));
            Path shot = Path.of("target", "live-page.png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            click(wait, By.cssSelector("details[data-rule='payments'] button[data-verb='reset']"));
            wait.until(ExpectedConditions.alertIsPresent()).sendKeys("wrong");
            browser.switchTo().alert().accept();
            WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#message.error")));
            assertTrue(message.getText().contains("401"), message.getText());
            assertEquals("OPEN", Jmx.state(jmx, breaker), "a wrong token changes nothing");

            click(wait, By.cssSelector("details[data-rule='payments'] button[data-verb='reset']"));
            wait.until(ExpectedConditions.alertIsPresent()).sendKeys("s3cret");
            browser.switchTo().alert().accept();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#message.ok")));
            assertEquals("CLOSED", Jmx.state(jmx, breaker), "the right token resets the breaker");
            new WebDriverWait(browser, Duration.ofSeconds(2)).until(d -> !d.findElements(
                    By.cssSelector("details[data-rule='payments'] tr[data-state='CLOSED']")).isEmpty());

            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844)); // a phone
            Number overflow = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow.intValue() <= 0, "no sideways scrolling on a phone: " + overflow + " px too wide");
            assertTrue(List.of("payments", "orders").stream().allMatch(r -> !browser.findElements(
                    By.cssSelector("details[data-rule='" + r + "']")).isEmpty()));
        }
    }
}
