package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless, driven
 * by Selenium: nothing downloads a browser or a driver. Missing, the tests using it are skipped with
 * a message, except under {@code CI=true}, where that is a failure.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final ChromeDriver driver;
    private final WebDriverWait wait;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // A page re-renders when its data arrives: an element looked at a moment before may be gone.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** Starts the browser, or skips (fails under CI=true) the calling test class when it is not installed. */
    static HeadlessChromium start() {
        Optional<Path> browser = find("LIGHTFAST_CHROMIUM", BROWSERS);
        Optional<Path> chromedriver = find("LIGHTFAST_CHROMEDRIVER", DRIVERS);
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            String message = "Chromium and its driver are needed for the console's browser tests"
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: these tests may not be skipped)");
            }
            Assumptions.abort(message);
        }
        var options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // tests may run as root in a container
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,900",
                "--no-first-run",
                "--disable-extensions",
                // the browser talks to the server under test and to nothing else
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    private static Optional<Path> find(String variable, List<String> candidates) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(by, 0));
    }

    void until(java.util.function.Function<ChromeDriver, Boolean> condition) {
        wait.until(d -> condition.apply(driver));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows as a PNG under target/console/. */
    Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "console");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets what the browser logged so far. */
    void clearLog() {
        driver.manage().logs().get(LogType.BROWSER);
    }

    /**
     * Fails on any error the page logged since the last look (a script error, a failed request ...),
     * except those the test expects (a rule that does not compile is a 400 by design).
     */
    void assertNoConsoleErrors(Predicate<String> expected) {
        var errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(expected.negate())
                .toList();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
