package io.revloop.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.revloop.alert.OperationsAlerts;
import io.revloop.support.CommitGate;
import io.revloop.support.DataSourceWrapping;
import io.revloop.support.SyncApi;
import io.revloop.support.TestClock;
import io.revloop.sync.SyncRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * The hub's own failures made loud: runs of the file inbox and of a HubSpot served by WireMock end
 * in operations alerts posted to a WireMock Slack (their own webhook, beside the default one that
 * takes KPI alerts), in the status of GET /api/sources, in the health component {@code sources},
 * in the metrics, and in the progress and phase of a run. Runs once per database (see the subclasses).
 * Metrics export is on ({@code @AutoConfigureObservability}): Spring's tests switch it off otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.sources.files.batch-size=4",
        "revloop.sources.hubspot.enabled=true",
        "revloop.sources.hubspot.access-token=" + OperationsScenarios.HUBSPOT_TOKEN,
        "revloop.sources.hubspot.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.hubspot.backoff=10ms",
        "revloop.sources.hubspot.max-backoff=50ms",
        "revloop.sources.hubspot.rate=1000",
        "revloop.sources.hubspot.burst=1000",
        "revloop.sources.hubspot.search-rate=1000",
        "revloop.sources.hubspot.search-burst=1000",
        "revloop.alerts.operations.stale-after.files=1h",
        "revloop.alerts.operations.dead-letter-threshold=1",
        "revloop.alerts.operations.check-schedule=0 0 0 1 1 ? 2099",
        "revloop.sinks.slack.retry-schedule=0 0 0 1 1 ? 2099"})
@Import(OperationsScenarios.Instruments.class)
@AutoConfigureObservability(tracing = false)
abstract class OperationsScenarios {

    static final String HUBSPOT_TOKEN = "pat-eu1-revloop-test-revoked";
    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());
    static final WireMockServer HUBSPOT = new WireMockServer(options().dynamicPort());
    private static final String KPI_WEBHOOK = "/services/T0REVLOOP/B0KPI/secret-kpi";
    private static final String OPS_WEBHOOK = "/services/T0REVLOOP/B0OPS/secret-ops";
    private static final List<String> TABLES = List.of("leads", "touchpoints", "lead_scores", "kpi_values",
            "alert_events", "sync_runs", "sync_state", "dead_letters");

    static {
        SLACK.start();
        HUBSPOT.start();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner runner;
    @Autowired
    OperationsAlerts operationsAlerts;
    @Autowired
    SourcesHealthIndicator sourcesHealth;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;
    CommitGate gate;

    abstract Path inbox();

    /** The test's clock, and a gate on every commit of the hub's DataSource. */
    @TestConfiguration
    static class Instruments {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }

        @Bean
        static BeanPostProcessor gatedDataSource() {
            return DataSourceWrapping.wrapWith(CommitGate.class, CommitGate::new);
        }
    }

    static void remotesAt(DynamicPropertyRegistry registry, String name) {
        registry.add("revloop.sinks.slack.webhook-url", () -> SLACK.baseUrl() + KPI_WEBHOOK);
        registry.add("revloop.alerts.operations.webhook-url", () -> SLACK.baseUrl() + OPS_WEBHOOK);
        registry.add("revloop.sources.hubspot.base-url", HUBSPOT::baseUrl);
        registry.add("revloop.sources.files.inbox",
                () -> Path.of("target", "test-inbox", "operations-" + name).toAbsolutePath().toString());
    }

    @BeforeEach
    void emptyStoreInboxAndRemotes(@Autowired DataSource dataSource) throws Exception {
        gate = (CommitGate) dataSource;
        gate.open();
        SyncApi.awaitWorkAfterRuns(runner, "files");
        SyncApi.awaitWorkAfterRuns(runner, "hubspot");
        clock.reset();
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        FileSystemUtils.deleteRecursively(inbox());
        Files.createDirectories(inbox());
        SLACK.resetAll();
        SLACK.stubFor(post(urlPathMatching("/services/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        quietHubSpot();
    }

    @AfterEach
    void openGate() {
        gate.open();
    }

    @Test
    void aFailedRunIsAnnouncedOnceAndItsRecoveryOnce() throws Exception {
        write("leads.csv", """
                id,email,created
                l1,a@example.com,2026-03-01T10:00:00Z
                """);

        Map<String, Object> failed = run("files");
        Map<String, Object> failedAgain = run("files");

        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat(failedAgain.get("status")).isEqualTo("failed");
        List<String> messages = opsMessages();
        assertThat(messages).as("one message for the failure, none for it going on").hasSize(1);
        assertThat(messages.get(0)).contains("\"text\":\"revloop: 1 source alert\"")
                .contains(":red_circle: *files* sync failed — run " + failed.get("id")
                        + "\\nleads.csv: header misses required column created_at")
                .contains("source `files` · critical · <http://localhost:8080/syncs?source=files|open in revloop>");

        write("leads.csv", """
                id,email,created_at
                l1,a@example.com,2026-03-01T10:00:00Z
                """);
        Map<String, Object> recovered = run("files");

        assertThat(recovered.get("status")).isEqualTo("succeeded");
        messages = opsMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1)).contains("\"text\":\"revloop: 1 resolved\"")
                .contains(":white_check_mark: Resolved: *files* syncs again — run " + recovered.get("id") + " succeeded");
        assertThat(run("files").get("status")).as("an empty inbox: a clean run").isEqualTo("succeeded");
        assertThat(opsMessages()).as("nothing more once resolved").hasSize(2);

        List<Map<String, Object>> events = alerts();
        assertThat(events).extracting(e -> e.get("rule") + " " + e.get("state") + " " + e.get("source") + " "
                + e.get("severity") + " " + e.get("kpi") + " " + e.get("delivery"))
                .containsExactly("sync-failed resolved files critical null sent",
                        "sync-failed firing files critical null sent");
    }

    @Test
    void refusedCredentialsAreAnnouncedNamingTheKeyNeverTheToken() throws Exception {
        HUBSPOT.resetAll();
        HUBSPOT.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"status\":\"error\",\"message\":\"Authentication credentials not"
                + " found.\",\"category\":\"INVALID_AUTHENTICATION\"}")));

        Map<String, Object> refused = run("hubspot");
        run("hubspot");

        assertThat(refused.get("status")).isEqualTo("failed");
        List<String> messages = opsMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0))
                .contains(":red_circle: *hubspot* refused the hub's credentials — run " + refused.get("id"))
                .contains("revloop.sources.hubspot.access-token")
                .doesNotContain(HUBSPOT_TOKEN);
        assertThat(alerts()).extracting(e -> e.get("rule") + " " + e.get("state") + " " + e.get("source"))
                .containsExactly("credentials-refused firing hubspot");

        quietHubSpot();
        Map<String, Object> recovered = run("hubspot");

        assertThat(recovered.get("status")).isEqualTo("succeeded");
        messages = opsMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1))
                .contains(":white_check_mark: Resolved: *hubspot* syncs again — run " + recovered.get("id") + " succeeded");
    }

    @Test
    void deadLettersAboveTheThresholdWarnOnceAndTheNextRunWithinItResolves() throws Exception {
        // threshold 1: two dead-lettered rows warn (2 > 1), one does not (1 ≤ 1)
        write("leads.csv", """
                id,email,created_at
                ok-1,a@example.com,2026-03-01T10:00:00Z
                bad-date,b@example.com,2026-02-30
                ,c@example.com,2026-03-02T10:00:00Z
                """);
        Map<String, Object> warned = run("files");
        write("leads-2.csv", """
                id,email,created_at
                bad-date-2,d@example.com,2026-02-31
                ,e@example.com,2026-03-03T10:00:00Z
                """);
        Map<String, Object> warnedAgain = run("files");

        assertThat(warned).containsEntry("status", "succeeded").containsEntry("deadLettered", 2)
                .containsEntry("warnings", 2);
        assertThat(warnedAgain).containsEntry("status", "succeeded").containsEntry("warnings", 2);
        List<String> messages = opsMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains(":warning: *files* run " + warned.get("id")
                        + " succeeded with *2* dead-lettered rows — alert when more than 1")
                .contains("source `files` · warning · <http://localhost:8080/syncs?source=files|open in revloop>");

        write("leads-3.csv", """
                id,email,created_at
                ok-3,f@example.com,2026-03-04T10:00:00Z
                bad-date-3,g@example.com,2026-13-04
                """);
        Map<String, Object> within = run("files");

        assertThat(within).containsEntry("status", "succeeded").containsEntry("warnings", 1);
        messages = opsMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1)).contains(":white_check_mark: Resolved: *files* run " + within.get("id")
                + " dead-lettered 1 row — within 1");
        assertThat(alerts()).extracting(e -> e.get("rule") + " " + e.get("state") + " " + e.get("value") + " "
                + e.get("threshold")).containsExactly("dead-letters resolved 1 1", "dead-letters firing 2 1");
    }

    @Test
    void aStaleSourceIsAnnouncedOnceAndResolvedByTheNextSuccess() throws Exception {
        write("leads.csv", """
                id,email,created_at
                ok-1,a@example.com,2026-03-01T10:00:00Z
                """);
        Map<String, Object> synced = run("files");

        assertThat(operationsAlerts.checkStaleSources()).as("synced just now").isZero();
        // files are stale one hour after their last success (stale-after.files=1h); two hours later:
        clock.advance(Duration.ofHours(2));
        assertThat(operationsAlerts.checkStaleSources()).isEqualTo(1);
        assertThat(operationsAlerts.checkStaleSources()).as("still stale: no second message").isZero();

        List<String> messages = opsMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains(":warning: *files* is stale: no successful sync since "
                + OffsetDateTime.parse((String) synced.get("finishedAt")) + " (stale after 1h)")
                .contains("source `files` · warning · <http://localhost:8080/syncs?source=files|open in revloop>");
        assertThat(source("files")).containsEntry("status", "stale");

        write("leads-2.csv", """
                id,email,created_at
                ok-2,b@example.com,2026-03-02T10:00:00Z
                """);
        Map<String, Object> recovered = run("files");

        messages = opsMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1))
                .contains(":white_check_mark: Resolved: *files* syncs again — run " + recovered.get("id") + " succeeded");
        assertThat(source("files")).containsEntry("status", "ok");
        assertThat(operationsAlerts.checkStaleSources()).isZero();
    }

    @Test
    void everySourceTheHubKnowsIsListedWithItsStatus() throws Exception {
        List<Map<String, Object>> sources = sources();
        assertThat(sources).extracting(s -> s.get("name") + " " + s.get("status")).containsExactly(
                "files never", "salesforce disabled", "hubspot never", "ga4 disabled", "google-ads disabled",
                "linkedin-ads disabled", "meta-ads disabled");
        Map<String, Object> disabled = new HashMap<>();
        disabled.put("name", "salesforce");
        disabled.put("enabled", false);
        disabled.put("status", "disabled");
        disabled.put("lastRunId", null);
        disabled.put("lastSuccessAt", null);
        disabled.put("lastRunStatus", null);
        disabled.put("nextRunAt", null);
        disabled.put("error", null);
        assertThat(sources.get(1)).isEqualTo(disabled);

        write("leads.csv", """
                id,email,created_at
                ok-1,a@example.com,2026-03-01T10:00:00Z
                """);
        Map<String, Object> synced = run("files");
        HUBSPOT.resetAll();
        HUBSPOT.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withBody("{}")));
        Map<String, Object> refused = run("hubspot");

        Map<String, Object> files = source("files");
        assertThat(files).containsEntry("enabled", true).containsEntry("status", "ok")
                .containsEntry("lastRunId", synced.get("id")).containsEntry("lastRunStatus", "succeeded")
                .containsEntry("error", null);
        assertThat(OffsetDateTime.parse((String) files.get("lastSuccessAt")))
                .isEqualTo(OffsetDateTime.parse((String) synced.get("finishedAt")));
        // the files schedule "0 0 0 1 1 ? 2099" fires next at midnight of 1 January 2099, in the JVM's zone
        assertThat(OffsetDateTime.parse((String) files.get("nextRunAt")).toInstant())
                .isEqualTo(LocalDateTime.of(2099, 1, 1, 0, 0).atZone(ZoneId.systemDefault()).toInstant());
        Map<String, Object> hubspot = source("hubspot");
        assertThat(hubspot).containsEntry("status", "failing").containsEntry("lastRunId", refused.get("id"))
                .containsEntry("lastRunStatus", "failed").containsEntry("lastSuccessAt", null);
        assertThat(hubspot.get("error")).asString().contains("revloop.sources.hubspot.access-token");

        clock.advance(Duration.ofHours(2));

        assertThat(sources()).extracting(s -> s.get("name") + " " + s.get("status")).startsWith(
                "files stale", "salesforce disabled", "hubspot failing");
    }

    @Test
    void theHubStaysUpWhileASourceFailsAndShowsNoDetailsToAnonymousCallers() throws Exception {
        HUBSPOT.resetAll();
        HUBSPOT.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withBody("{}")));
        run("hubspot");

        Health sources = sourcesHealth.health();
        assertThat(sources.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(sources.getDetails().get("hubspot")).asString().contains("status=DEGRADED", "state=failing");
        assertThat(sources.getDetails().get("files")).asString().contains("status=UP", "state=never");

        HttpResponse<String> health = anonymousGet("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> component = anonymousGet("/actuator/health/sources");
        assertThat(component.body()).doesNotContain("hubspot", "details", "revloop.sources");
    }

    @Test
    void prometheusExposesTheRunsRecordsComputesAndDeliveries() throws Exception {
        String before = prometheus();
        // 3 rows: ok-1 and ok-2 upserted, bad-date dead-lettered (1 ≤ threshold 1: no operations alert)
        write("leads.csv", """
                id,email,created_at
                ok-1,a@example.com,2026-03-01T10:00:00Z
                bad-date,b@example.com,2026-02-30
                ok-2,c@example.com,2026-03-02T10:00:00Z
                """);
        run("files");
        String after = prometheus();

        assertThat(delta(before, after, "revloop_sync_runs_total{source=\"files\",status=\"succeeded\"}")).isEqualTo(1);
        assertThat(delta(before, after, "revloop_sync_duration_seconds_count{source=\"files\",status=\"succeeded\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "revloop_sync_records_read_total{source=\"files\"}")).isEqualTo(3);
        assertThat(delta(before, after, "revloop_sync_records_upserted_total{source=\"files\"}")).isEqualTo(2);
        assertThat(delta(before, after, "revloop_sync_records_dead_lettered_total{source=\"files\"}")).isEqualTo(1);
        assertThat(delta(before, after, "revloop_kpi_compute_duration_seconds_count")).isEqualTo(1);
        assertThat(after).contains("revloop_alerts_outbox_pending ", "revloop_alerts_deliveries_total{outcome=\"sent\"}",
                "http_server_requests_seconds_count{");
        assertThat(value(after, "revloop_alerts_outbox_pending")).as("Slack took everything").isZero();
    }

    @Test
    void aRunningImportShowsItsProgressAndThenThePhasesAfterIt() throws Exception {
        // 10 rows in batches of 4: commits after 4, 8 and 10 rows
        StringBuilder leads = new StringBuilder("id,email,created_at\n");
        for (int i = 1; i <= 10; i++) {
            leads.append("p-").append(i).append(",p").append(i).append("@example.com,2026-03-0").append(i % 9 + 1)
                    .append("T10:00:00Z\n");
        }
        write("leads.csv", leads.toString());
        gate.close();

        long id = ((Number) http.postForEntity("/api/syncs?source=files", null, Map.class).getBody().get("id"))
                .longValue();
        List<String> seen = new ArrayList<>();
        // at each commit held at the gate, the run as the API shows it; then the commit goes through
        for (CountDownLatch held = gate.nextHeld(10_000); held != null || runner.isRunning("files");
             held = gate.nextHeld(200)) {
            if (held != null) {
                Map<String, Object> run = syncRun(id);
                seen.add(run.get("phase") + " " + run.get("recordsRead") + "/" + run.get("recordsTotal") + " "
                        + run.get("progress"));
                held.countDown();
            }
        }
        gate.open();

        // while importing: 0, 4 and 8 of the 10 rows committed; after it the work on the whole import
        assertThat(seen).startsWith("importing 0/10 0.0", "importing 4/10 0.4", "importing 8/10 0.8");
        assertThat(seen.stream().map(s -> s.substring(0, s.indexOf(' '))).distinct())
                .containsExactly("importing", "scoring", "computing");
        assertThat(seen).contains("scoring 10/10 1.0", "computing 10/10 1.0");
        assertThat(syncRun(id)).containsEntry("phase", "done").containsEntry("status", "succeeded")
                .containsEntry("recordsTotal", 10).containsEntry("progress", 1.0).containsEntry("warnings", 0);
    }

    private Map<String, Object> run(String source) throws InterruptedException {
        Map<String, Object> run = SyncApi.run(http, source);
        SyncApi.awaitWorkAfterRuns(runner, source);
        return run;
    }

    private void quietHubSpot() {
        HUBSPOT.resetAll();
        HUBSPOT.stubFor(get(urlPathMatching("/crm/v3/(owners|pipelines/deals|objects/.*)"))
                .willReturn(okJson("{\"results\":[]}")));
        HUBSPOT.stubFor(post(urlPathMatching("/crm/v3/objects/.*/search"))
                .willReturn(okJson("{\"total\":0,\"results\":[]}")));
        HUBSPOT.stubFor(post(urlPathMatching("/crm/v3/associations/.*/batch/read"))
                .willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
    }

    private void write(String file, String content) throws Exception {
        Files.writeString(inbox().resolve(file), content);
    }

    private List<String> opsMessages() {
        return SLACK.findAll(postRequestedFor(urlPathEqualTo(OPS_WEBHOOK))).stream()
                .map(request -> request.getBodyAsString()).toList();
    }

    private List<Map<String, Object>> alerts() {
        return http.exchange("/api/alerts", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody().stream()
                .filter(e -> e.get("source") != null).toList();
    }

    private List<Map<String, Object>> sources() {
        var answer = http.exchange("/api/sources", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private Map<String, Object> source(String name) {
        return sources().stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }

    private Map<String, Object> syncRun(long id) {
        return http.exchange("/api/syncs/" + id, HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    }

    private String prometheus() {
        var answer = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    /** A caller without any credentials, as a load balancer probes the hub. */
    private HttpResponse<String> anonymousGet(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The value of a series in Prometheus' text format; 0 when it is not there yet. */
    private static double value(String text, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
