package io.pgjmx.it;

import io.pgjmx.testing.Eventually;
import io.pgjmx.testing.Prerequisite;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium. The
 * binaries are given by path, so Selenium never looks for or downloads a browser of its own.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("pgjmx.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("pgjmx.test.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    static Browser start() throws Exception {
        Prerequisite.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + "; apt-get install chromium "
                        + "chromium-driver)");
        Path downloads = Files.createTempDirectory("pgjmx-web-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--force-device-scale-factor=1", "--no-first-run", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), downloads);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Runs a script in the page and returns its value: one consistent read of a DOM that re-renders every 2 s. */
    @SuppressWarnings("unchecked")
    <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(String css) {
        return js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    boolean hidden(String css) {
        Boolean hidden = js("const e = document.querySelector(arguments[0]); return e ? e.hidden : null;", css);
        if (hidden == null) {
            throw new AssertionError("no element " + css);
        }
        return hidden;
    }

    /** The pids of the table's rows in the order shown. */
    List<Long> rowPids() {
        return js("return [...document.querySelectorAll('#sessions tbody tr')].map(tr => Number(tr.dataset.pid));");
    }

    /** Clicks the element, again if the refresh replaced it between finding and clicking. */
    void click(String css) throws Exception {
        Eventually.that(Duration.ofSeconds(10), () -> {
            try {
                driver.findElement(By.cssSelector(css)).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        }, "a clickable " + css);
    }

    void type(String css, String text) {
        var input = driver.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    void await(Callable<Boolean> condition, String what) throws Exception {
        Eventually.that(Duration.ofSeconds(20), condition, what);
    }

    /** True when no alert() ever opened (an alert stays open until handled, so one would still be there). */
    boolean noAlert() {
        try {
            driver.switchTo().alert();
            return false;
        } catch (NoAlertPresentException expected) {
            return true;
        }
    }

    void screenshot(Path file) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
