package dev.cairn.server.web;

import dev.cairn.testing.Binaries;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, both named explicitly so Selenium
 * never looks for (or downloads) anything else. Saves screenshots under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {
    static final Dimension LAPTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium with a fresh profile under {@code profile}; skips (or fails under CI) when it is not installed. */
    static Browser start(Path profile) {
        Binaries.require("chromium", "chromium");
        Binaries.require("chromedriver", "chromium-driver");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
        // the console, to see what the Content-Security-Policy refused
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        return new Browser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /** The console messages since the last call that say the page's Content-Security-Policy refused something. */
    java.util.List<String> policyViolations() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Content-Security-Policy"))
                .toList();
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Waits up to {@code seconds} for {@code condition} to hold (be non-null and not false). */
    <T> T await(int seconds, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(condition::apply);
    }

    <T> T await(Function<WebDriver, T> condition) {
        return await(10, condition);
    }

    void size(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Saves the whole page (the window stretched to its height) as {@code target/screenshots/NAME.png}. */
    void screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(window.getHeight(), Math.min(height + 120, 4000))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
