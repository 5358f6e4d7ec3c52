package io.revloop.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiCatalog;
import io.revloop.kpi.KpiResult;
import io.revloop.kpi.KpiValue;
import io.revloop.support.SyncApi;
import io.revloop.support.TestClock;
import io.revloop.sync.SyncRunner;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * KPI alerts end to end: deals imported through the file inbox, the KPI compute that follows, the
 * rules checked, and messages posted to a WireMock Slack over real HTTP. The hub's clock stands at
 * Saturday 5 December 2026, 12:00 UTC: the last complete month is November (M), the running one
 * December, of which 4.5 of 31 days have passed (0.1451612903). The deals close in M, in October
 * (M-1) and one on 2 December; a lead created this morning shows the CRM data reaches today, so
 * November is complete. By hand: M has 4 closed deals, 1 won → win rate 1 ÷ 4 = 25 %; M-1 has 2
 * closed, 1 won → 50 %. Rule "win-rate-low" (win rate < 50 %, min-sample 4 deals) fires for M; 50
 * "storm" rules (deals won ≥ 1, another webhook) fire at once and are combined 15 to a message:
 * 15 + 15 + 15 + 5. Runs once per database (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.base-currency=EUR",
        "revloop.public-url=https://revloop.example",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.sinks.slack.retry-schedule=0 0 0 1 1 ? 2099",
        "revloop.sinks.slack.backoff=100ms",
        "revloop.sinks.slack.max-backoff=200ms",
        "revloop.sinks.slack.max-inline-wait=2s",
        "revloop.kpi.refresh-schedule=0 0 0 1 1 ? 2099",
        "test.clock=2026-12-05T12:00:00Z"})
@Import(TestClock.Configuration.class)
abstract class AlertScenarios {

    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());
    static final int STORM_RULES = 50;
    private static final String MAIN = "/services/T0REVLOOP/B0MAIN/secret-main";
    private static final String STORM = "/services/T0REVLOOP/B0STORM/secret-storm";
    private static final String PACE = "/services/T0REVLOOP/B0PACE/secret-pace";

    static {
        SLACK.start();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;
    @Autowired
    SlackDelivery delivery;
    @Autowired
    AlertDigests digests;
    @Autowired
    io.revloop.RevloopProperties properties;
    @Autowired
    AlertMessages messages;
    @Autowired
    KpiCatalog catalog;

    private final LocalDate lastMonth = LocalDate.of(2026, 11, 1);

    /**
     * The default webhook; the rule "win-rate-low", and 50 rules with a webhook of their own (a list
     * binds from one property source, so all rules are given here).
     */
    static void slackAt(DynamicPropertyRegistry registry, String name) {
        registry.add("revloop.sinks.slack.webhook-url", () -> SLACK.baseUrl() + MAIN);
        registry.add("revloop.alerts.rules[0].name", () -> "win-rate-low");
        registry.add("revloop.alerts.rules[0].kpi", () -> "win_rate");
        registry.add("revloop.alerts.rules[0].grain", () -> "month");
        registry.add("revloop.alerts.rules[0].comparison", () -> "<");
        registry.add("revloop.alerts.rules[0].threshold", () -> "0.5");
        registry.add("revloop.alerts.rules[0].severity", () -> "critical");
        registry.add("revloop.alerts.rules[0].min-sample", () -> "4");
        registry.add("revloop.sources.files.inbox",
                () -> Path.of("target", "test-inbox", "alerts-" + name).toAbsolutePath().toString());
        for (int i = 1; i <= STORM_RULES; i++) {
            String rule = "revloop.alerts.rules[" + i + "].";
            int n = i;
            registry.add(rule + "name", () -> "storm-" + n);
            registry.add(rule + "kpi", () -> "deals_won");
            registry.add(rule + "grain", () -> "month");
            registry.add(rule + "comparison", () -> ">=");
            registry.add(rule + "threshold", () -> "1");
            registry.add(rule + "webhook-url", () -> SLACK.baseUrl() + STORM);
        }
        // win rate below 50 % on its default min-sample (20 closed deals); deals won and won revenue of
        // December so far, against their thresholds pro rata
        rule(registry, STORM_RULES + 1, "win-rate-small", "win_rate", "<", "0.5", null);
        rule(registry, STORM_RULES + 2, "deals-won-pace", "deals_won", "<", "5", "current");
        rule(registry, STORM_RULES + 3, "won-revenue-pace", "won_revenue", ">", "5000", "current");
    }

    private static void rule(DynamicPropertyRegistry registry, int index, String name, String kpi, String comparison,
                             String threshold, String period) {
        String rule = "revloop.alerts.rules[" + index + "].";
        registry.add(rule + "name", () -> name);
        registry.add(rule + "kpi", () -> kpi);
        registry.add(rule + "comparison", () -> comparison);
        registry.add(rule + "threshold", () -> threshold);
        registry.add(rule + "webhook-url", () -> SLACK.baseUrl() + PACE);
        if (period != null) {
            registry.add(rule + "period", () -> period);
        }
    }

    @BeforeEach
    void emptyStoreAndSlack() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
        List.of("deals", "leads", "kpi_values", "kpi_coverage", "alert_events", "sync_runs", "sync_state",
                "dead_letters").forEach(table -> jdbc.update("DELETE FROM " + table));
        SLACK.resetAll();
        SLACK.stubFor(post(urlPathEqualTo(STORM)).willReturn(ok()));
        SLACK.stubFor(post(urlPathEqualTo(PACE)).willReturn(ok()));
    }

    @Test
    void aBreachIsAnnouncedOnceAndItsEndOnce() throws Exception {
        SLACK.stubFor(post(urlPathEqualTo(MAIN)).willReturn(ok()));

        importDeals(false);

        List<LoggedRequest> main = SLACK.findAll(postRequestedFor(urlPathEqualTo(MAIN)));
        assertThat(main).hasSize(1);
        String month = lastMonth.toString().substring(0, 7);
        assertThat(main.get(0).getBodyAsString())
                .contains("\"text\":\"revloop: 1 KPI alert\"")
                .contains(":red_circle: *Win rate* is *25.0 %* — alert when < 50.0 %\\n" + month)
                .contains("Trend: 50.0 % → 25.0 %")
                .contains("rule `win-rate-low` · critical · <https://revloop.example/kpis?kpi=win_rate&grain=month"
                        + "&from=2026-11-01&to=2026-11-30|open in revloop>");
        assertThat(main.get(0).getHeader("Content-Type")).startsWith("application/json");
        // 50 storm rules fired at once: 4 messages, not 50
        List<LoggedRequest> storm = SLACK.findAll(postRequestedFor(urlPathEqualTo(STORM)));
        assertThat(storm).hasSize(4);
        assertThat(storm.get(0).getBodyAsString()).contains("\"text\":\"revloop: 15 KPI alerts\"");
        assertThat(storm.get(3).getBodyAsString()).contains("\"text\":\"revloop: 5 KPI alerts\"");

        // the breach goes on: a compute sends nothing
        http.postForEntity("/api/kpis/compute", null, Map.class);
        assertThat(SLACK.findAll(postRequestedFor(urlPathEqualTo(MAIN)))).hasSize(1);
        assertThat(SLACK.findAll(postRequestedFor(urlPathEqualTo(STORM)))).hasSize(4);

        // two lost deals of M turn out won: 3 ÷ 4 = 75 %, the breach is over
        importDeals(true);
        main = SLACK.findAll(postRequestedFor(urlPathEqualTo(MAIN)));
        assertThat(main).hasSize(2);
        assertThat(main.get(1).getBodyAsString()).contains("\"text\":\"revloop: 1 resolved\"")
                .contains(":white_check_mark: Resolved: *Win rate* is *75.0 %* — back within < 50.0 %");
        assertThat(SLACK.findAll(postRequestedFor(urlPathEqualTo(STORM)))).hasSize(4);

        // and won revenue's pace (see aRunningPeriodIsCheckedProRata)
        List<Map<String, Object>> events = alerts("?state=firing&limit=1000");
        assertThat(events).hasSize(1 + STORM_RULES + 1);
        Map<String, Object> resolved = alerts("?state=resolved").get(0);
        assertThat(resolved).containsEntry("rule", "win-rate-low").containsEntry("kpi", "win_rate")
                .containsEntry("periodStart", lastMonth.toString()).containsEntry("delivery", "sent")
                .containsEntry("comparison", "<").containsEntry("severity", "critical");
        assertThat(resolved.toString()).doesNotContain("secret-main");
    }

    @Test
    void a429IsWaitedForAndTheMessageDeliveredOnce() throws Exception {
        SLACK.stubFor(post(urlPathEqualTo(MAIN)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
                .willSetStateTo("open"));
        SLACK.stubFor(post(urlPathEqualTo(MAIN)).inScenario("limit").whenScenarioStateIs("open").willReturn(ok()));

        importDeals(false);

        assertThat(SLACK.findAll(postRequestedFor(urlPathEqualTo(MAIN)))).hasSize(2);
        assertThat(alerts("?state=firing&limit=1000")).filteredOn(e -> "win-rate-low".equals(e.get("rule")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("delivery", "sent"));
    }

    @Test
    void aSlackOutageKeepsTheAlertUntilItIsDelivered() throws Exception {
        SLACK.stubFor(post(urlPathEqualTo(MAIN)).willReturn(aResponse().withStatus(500).withBody("internal_error")));

        importDeals(false);

        Map<String, Object> pending = alerts("?state=firing&limit=1000").stream()
                .filter(e -> "win-rate-low".equals(e.get("rule"))).findFirst().orElseThrow();
        assertThat(pending).containsEntry("delivery", "pending").containsEntry("attempts", 1)
                .containsEntry("lastError", "HTTP 500 internal_error");

        SLACK.stubFor(post(urlPathEqualTo(MAIN)).willReturn(ok()));
        Thread.sleep(300); // past the backoff of 100 ms (max 200 ms) of this test's settings
        assertThat(delivery.deliverPending()).isEqualTo(1);
        assertThat(delivery.deliverPending()).isZero();

        List<LoggedRequest> main = SLACK.findAll(postRequestedFor(urlPathEqualTo(MAIN)));
        assertThat(main).hasSize(2);
        assertThat(main.get(1).getBodyAsString()).contains("*Win rate* is *25.0 %*");
    }

    @Test
    void aDigestCarriesTheCurrentAndTheLastCompletePeriod() throws Exception {
        SLACK.stubFor(post(urlPathEqualTo(MAIN)).willReturn(ok()));
        importDeals(false);
        SLACK.resetRequests();

        assertThat(digests.send("monthly")).isTrue();

        List<LoggedRequest> main = SLACK.findAll(postRequestedFor(urlPathEqualTo(MAIN)));
        assertThat(main).hasSize(1);
        // December so far: 4.5 of 31 days have passed, its one closed deal was won; November: 25 %
        assertThat(main.get(0).getBodyAsString()).contains("revloop monthly digest")
                .contains("*2026-12* so far (14.5 % passed; before: 2026-11)")
                .contains("• Win rate: *100.0 %* so far (25.0 %)")
                .contains("<https://revloop.example/?grain=month|open in revloop> · <https://revloop.example/kpis|KPI catalogue>");
        assertThat(digests.send("hourly")).isFalse();
    }

    @Test
    void anAlertOfADimensionLinksToItsValueOnTheKpiPage() {
        AlertRule rule = new AlertRule("won-by-channel", catalog.get("won_revenue"), Grain.QUARTER, Dimension.CHANNEL,
                null, AlertRule.Comparison.LESS, new BigDecimal("1000"), AlertRule.Severity.WARNING, null,
                Duration.ZERO, AlertRule.Period.COMPLETE, null);
        KpiValue value = new KpiValue("won_revenue", Grain.QUARTER, LocalDate.of(2026, 7, 1), Dimension.CHANNEL,
                "Paid Search & Social|EU", new KpiResult(new BigDecimal("250"), null, null), true);

        String blocks = messages.alertBlocks(new AlertChecks.Check(rule, value, new BigDecimal("1000"), null,
                AlertChecks.Status.BREACHED, null), false, List.of());

        // Q3 2026 runs from 1 July to 30 September; the value URL-encoded: space +, & %26, | %7C
        assertThat(blocks).contains("<https://revloop.example/kpis?kpi=won_revenue&grain=quarter&from=2026-07-01"
                + "&to=2026-09-30&dimension=channel&value=Paid+Search+%26+Social%7CEU|open in revloop>");
    }

    @Test
    void aRatioBelowItsMinSampleIsSkippedAndTheRuleListingSaysWhy() throws Exception {
        SLACK.stubFor(post(urlPathEqualTo(MAIN)).willReturn(ok()));

        importDeals(false);

        // November's win rate, 25 %, is below 50 % — but of 4 closed deals, under the default 20
        Map<String, Object> small = rule("win-rate-small");
        assertThat(small).containsEntry("period", "complete").containsEntry("periodStart", "2026-11-01")
                .containsEntry("minSample", 20);
        assertThat(checks(small)).singleElement().satisfies(check -> assertThat(check)
                .containsEntry("status", "skipped").containsEntry("value", 0.25).containsEntry("denominator", 4)
                .containsEntry("complete", true)
                .containsEntry("reason", "4 closed deals, fewer than min-sample 20 closed deals"));
        assertThat(alerts("?limit=1000")).noneMatch(e -> "win-rate-small".equals(e.get("rule")));
        // the same ratio with min-sample 4 is judged, and breached
        assertThat(checks(rule("win-rate-low"))).singleElement()
                .satisfies(check -> assertThat(check).containsEntry("status", "breached"));
    }

    @Test
    void aRunningPeriodIsCheckedProRata() throws Exception {
        SLACK.stubFor(post(urlPathEqualTo(MAIN)).willReturn(ok()));

        importDeals(false);

        // December so far: 1 deal won (N1), 1 000 EUR; 4.5 of 31 days passed = 0.1451612903.
        // deals won < 5 pro rata: 1 against 5 × 0.1451612903 = 0.7258064515 → within (not 1 < 5)
        Map<String, Object> deals = rule("deals-won-pace");
        assertThat(deals).containsEntry("period", "current").containsEntry("periodStart", "2026-12-01");
        assertThat(checks(deals)).singleElement().satisfies(check -> assertThat(check)
                .containsEntry("status", "within").containsEntry("value", 1).containsEntry("complete", false)
                .containsEntry("elapsedShare", 0.1451612903).containsEntry("comparedWith", 0.7258064515));
        // won revenue > 5 000 pro rata: 1 000 against 725.806451500 → breached (not 1 000 > 5 000)
        assertThat(checks(rule("won-revenue-pace"))).singleElement().satisfies(check -> assertThat(check)
                .containsEntry("status", "breached").containsEntry("comparedWith", 725.8064515));

        List<LoggedRequest> pace = SLACK.findAll(postRequestedFor(urlPathEqualTo(PACE)));
        assertThat(pace).hasSize(1);
        assertThat(pace.get(0).getBodyAsString()).contains("\"text\":\"revloop: 1 KPI alert\"")
                .contains(":warning: *Won revenue* is *1,000.00 EUR* so far — alert when > 725.81 EUR (pro rata: "
                        + "5,000.00 EUR × 14.5 % of the period passed)\\n2026-12, so far");
        assertThat(alerts("?state=firing&limit=1000")).filteredOn(e -> "won-revenue-pace".equals(e.get("rule")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("periodStart", "2026-12-01")
                        .containsEntry("threshold", 725.8064515));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Deals of M-1 (1 won, 1 lost), M (1 won, 3 lost; with {@code turned}, 2 of the lost won) and one
     * won on 2 December; and a lead created this morning.
     */
    private void importDeals(boolean turned) throws Exception {
        LocalDate m = lastMonth.plusDays(9);
        LocalDate before = lastMonth.minusMonths(1).plusDays(9);
        StringBuilder csv = new StringBuilder("id,name,owner,type,amount,currency,stage,created_at,closed_at,is_won\n");
        csv.append(deal("P1", before, true)).append(deal("P2", before, false))
                .append(deal("D1", m, true)).append(deal("D2", m, turned)).append(deal("D3", m, turned))
                .append(deal("D4", m, false)).append(deal("N1", LocalDate.of(2026, 12, 2), true));
        Path inbox = properties.sources().files().inbox();
        FileSystemUtils.deleteRecursively(inbox);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("deals.csv"), csv);
        Files.writeString(inbox.resolve("leads.csv"), "id,created_at\nL-today,2026-12-05T06:00:00Z\n");
        Map<String, Object> run = SyncApi.run(http, "files");
        assertThat(run).containsEntry("status", "succeeded").containsEntry("deadLettered", 0);
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
    }

    private static String deal(String id, LocalDate closed, boolean won) {
        return String.join(",", id, "Deal " + id, "anna", "new", "1000", "EUR", won ? "closed_won" : "closed_lost",
                closed.minusDays(5) + "T10:00:00Z", closed + "T10:00:00Z", Boolean.toString(won)) + "\n";
    }

    private Map<String, Object> rule(String name) {
        return http.exchange("/api/alerts/rules", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody().stream()
                .filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> checks(Map<String, Object> rule) {
        return (List<Map<String, Object>>) rule.get("checks");
    }

    private List<Map<String, Object>> alerts(String query) {
        return http.exchange("/api/alerts" + query, HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("ok");
    }
}
