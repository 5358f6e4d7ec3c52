package io.revloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.support.TestClock;
import io.revloop.support.TestDatabase;
import io.revloop.support.TestTokens;
import io.revloop.sync.SyncRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The web app in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against
 * the running hub, on the hand-made data set in src/test/resources/web, imported through the file inbox.
 * The hub's clock stands at 2026-03-15 12:00 UTC (time zone UTC, base currency EUR): February 2026 is
 * the last complete month, March is running. Without the browser the test is skipped, unless
 * {@code -Drevloop.test.browser=required} (CI) makes that a failure. The pages are saved as PNG to
 * {@code target/screenshots} (or {@code -Drevloop.test.screenshots=docs/screenshots}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.base-currency=EUR",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.kpi.refresh-schedule=0 0 0 1 1 ? 2099",
        "test.clock=2026-03-15T12:00:00Z"})
@Import(TestClock.Configuration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path DATA = Path.of("src/test/resources/web");
    private static final Path INBOX = Path.of("target", "test-inbox", "web");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int WIDE = 1280;
    private static final int PHONE = 375;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;

    private WebDriver browser;
    private WebDriverWait wait;
    private long firstRun;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("web").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox", INBOX::toString);
    }

    @BeforeAll
    void importDataAndStartBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String reason = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium, chromium-driver)";
            assertThat("required").as(reason).isNotEqualTo(System.getProperty("revloop.test.browser"));
            Assumptions.abort(reason);
        }
        FileSystemUtils.deleteRecursively(INBOX);
        Files.createDirectories(INBOX);
        try (Stream<Path> files = Files.list(DATA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                Files.copy(file, INBOX.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        firstRun = syncRunner.runNow("files");
        // the one bad row of leads.csv (L9, created_at "next tuesday") waits as a dead letter
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters", Integer.class)).isEqualTo(1);
        browser = chromium();
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void overviewShowsTheHandComputedValuesOfTheLastCompleteMonth() throws IOException {
        signIn(TestTokens.ADMIN);
        open("/");
        waitFor(By.cssSelector("[data-kpi='won_revenue'] .value"));

        // February 2026 (the last complete month; every amount in EUR):
        // won revenue: D1 12 000 (closed 02-10) + D2 8 000 (closed 02-20) = 20 000
        assertThat(tileValue("won_revenue")).isEqualTo("€20,000");
        // win rate: won D1, D2, lost D3 (02-26): 2 ÷ 3 = 66.7 %
        assertThat(tileValue("win_rate")).isEqualTo("66.7 %");
        // new opportunities: L2 (02-09), L3 (02-16) = 2; January had L1 (01-20) = 1, so +100 %
        assertThat(tileValue("new_opportunities")).isEqualTo("2");
        assertThat(tile("new_opportunities").findElement(By.cssSelector(".change")).getText())
                .isEqualTo("+100.0 % vs Jan 2026");
        // cost per lead: marketing cost 1 000 (costs.csv, no ad spend) ÷ new leads L2, L3, L4, L5 = 250
        assertThat(tileValue("cost_per_lead")).isEqualTo("€250");
        // CAC: (sales 2 000 + marketing 1 000) ÷ new customers D1, D2 (type new) = 1 500
        assertThat(tileValue("cac")).isEqualTo("€1,500");
        // lead → customer, February cohort L2, L3, L4, L5: only L2 became a customer: 1 ÷ 4 = 25.0 %
        assertThat(tileValue("lead_to_customer_rate")).isEqualTo("25.0 %");
        assertThat(tile("won_revenue").findElement(By.cssSelector(".period")).getText()).startsWith("Feb 2026");

        // a trend is drawn: a line through January, February and March
        WebElement line = tile("won_revenue").findElement(By.cssSelector("svg polyline"));
        assertThat(line.getAttribute("points").split(" ")).hasSizeGreaterThanOrEqualTo(2);
        // March is running: D4 4 000 won on 03-10, marked "so far"
        WebElement running = tile("won_revenue").findElement(By.cssSelector(".running"));
        assertThat(running.getText()).isEqualTo("Mar 2026: €4,000 so far");
        assertThat(running.findElement(By.cssSelector(".so-far")).isDisplayed()).isTrue();
        screenshot("overview", WIDE);
        screenshot("overview-phone", PHONE);
    }

    @Test
    void attributionShowsAllSixModelsSideBySide() throws IOException {
        signIn(TestTokens.ADMIN);
        open("/attribution?from=2026-01-01&to=2026-03-31");
        WebElement models = waitFor(By.cssSelector("#models table"));
        List<String> headers = models.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        assertThat(headers).containsSubsequence("First touch", "Last touch", "Linear", "Position-based", "Time decay",
                "W-shaped");
        // Paid Search: D1 12 000 (L1: T1 Paid Search, then T2 Email) and D2 8 000 (L2: T3 Paid Search only).
        // first touch: 12 000 + 8 000 = 20 000; last touch: 8 000; linear: 12 000 ÷ 2 + 8 000 = 14 000
        WebElement paidSearch = models.findElement(By.xpath(".//tbody/tr[th='Paid Search' or td[1]='Paid Search']"));
        assertThat(paidSearch.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList())
                .containsSubsequence("€20,000", "€8,000", "€14,000");
        waitFor(By.cssSelector("#matrix table"));
        screenshot("attribution", WIDE);
    }

    @Test
    void syncNowStartsARunTheSyncsPageShows() throws IOException {
        signIn(TestTokens.OPERATOR);
        open("/syncs?source=files");
        waitFor(By.cssSelector("tr[data-run='" + firstRun + "']"));
        browser.findElement(By.id("sync-now")).click();
        // the started run is listed (POST /api/syncs answered its id)
        WebElement started = waitFor(By.cssSelector("#sync-message[data-run]"));
        String id = started.getAttribute("data-run");
        assertThat(Long.parseLong(id)).isGreaterThan(firstRun);
        waitFor(By.cssSelector("tr[data-run='" + id + "']"));

        // an operator reads the dead letters of the first run, with their reason
        browser.findElement(By.cssSelector("tr[data-run='" + firstRun + "'] button.dead-letters")).click();
        WebElement letters = waitFor(By.cssSelector("#dead-letters table"));
        assertThat(letters.getText()).contains("leads.csv").contains("created_at");
        screenshot("syncs", WIDE);
    }

    @Test
    void aViewerSeesNoDeadLettersAndNoSyncNow() {
        signIn(TestTokens.VIEWER);
        open("/syncs?source=files");
        WebElement run = waitFor(By.cssSelector("tr[data-run='" + firstRun + "']"));
        // the run's count shows (it is in GET /api/syncs), the rows themselves do not
        assertThat(run.findElements(By.cssSelector("button.dead-letters"))).isEmpty();
        assertThat(browser.findElements(By.id("dead-letters"))).isEmpty();
        assertThat(browser.findElements(By.id("sync-now"))).isEmpty();
        assertThat(browser.findElement(By.tagName("header")).getText()).contains("test-viewer (viewer)");

        browser.findElement(By.xpath("//header//button[text()='Sign out']")).click();
        wait.until(ExpectedConditions.urlContains("/login?signed-out"));
        browser.get(url("/syncs"));
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aSlackLinkOpensTheKpiPeriodAndDimensionValueItNames() {
        signIn(TestTokens.VIEWER);
        open("/kpis?kpi=win_rate&grain=month&from=2026-02-01&to=2026-02-28&dimension=channel&value=Organic+Search");
        WebElement values = waitFor(By.cssSelector("#values table"));
        // February's closed deals from Organic Search leads: D3 (L3) lost → 0 won of 1 closed
        assertThat(values.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList())
                .containsExactly("Feb 2026 Organic Search 0.0 % 0 1");
        assertThat(browser.findElement(By.id("dimension")).getAttribute("value")).isEqualTo("channel");
        assertThat(browser.findElement(By.id("grain")).getAttribute("value")).isEqualTo("month");
    }

    @Test
    void everyOtherPageRenders() throws IOException {
        signIn(TestTokens.ADMIN);
        open("/funnel?grain=month&from=2026-01-01&to=2026-03-31");
        waitFor(By.cssSelector("#stages table"));
        screenshot("funnel", WIDE);
        open("/kpis?kpi=win_rate&grain=month&from=2026-01-01&to=2026-03-31");
        waitFor(By.cssSelector("#values table"));
        assertThat(browser.findElement(By.cssSelector(".definition")).getText()).contains("Win rate");
        screenshot("kpi-explorer", WIDE);
        open("/sources");
        waitFor(By.cssSelector("tr[data-source='files']"));
        screenshot("sources", WIDE);
        open("/alerts");
        waitFor(By.cssSelector("#events table"));
        screenshot("alerts", WIDE);
    }

    @Test
    void aBrowserWithoutSessionIsSentToTheSignInPage() {
        browser.manage().deleteAllCookies();
        browser.get(url("/kpis?kpi=win_rate"));
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElement(By.id("token")).getAttribute("type")).isEqualTo("password");
    }

    // ------------------------------------------------------------------ helpers

    private static WebDriver chromium() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createTempDirectory("revloop-chromium"), "--window-size=1280,900");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void signIn(String token) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login?token=" + token));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.top")));
    }

    private void open(String path) {
        browser.manage().window().setSize(new Dimension(WIDE, 900));
        browser.get(url(path));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement waitFor(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private WebElement tile(String kpi) {
        return browser.findElement(By.cssSelector("[data-kpi='" + kpi + "']"));
    }

    private String tileValue(String kpi) {
        return tile(kpi).findElement(By.cssSelector(".value")).getText();
    }

    /** A PNG of the whole page at {@code width} pixels. */
    private void screenshot(String name, int width) throws IOException {
        Path dir = Path.of(System.getProperty("revloop.test.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        browser.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 4000)));
        Path png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(WIDE, 900));
    }
}
