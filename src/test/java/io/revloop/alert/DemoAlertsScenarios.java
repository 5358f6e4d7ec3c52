package io.revloop.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.support.SyncApi;
import io.revloop.support.TestClock;
import io.revloop.sync.SyncRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.util.FileSystemUtils;

/**
 * What users met on 5 December: the hub started on its demo data that day, with the default alert
 * rules. The running month (and week) must raise no alert: the rules judge the last complete period,
 * November (the week of 23 November for the weekly rule). Runs once per database (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=true",
        "revloop.demo.end-date=2026-12-05",
        "revloop.time-zone=UTC",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.kpi.refresh-schedule=0 0 0 1 1 ? 2099",
        "revloop.sinks.slack.webhook-url=",
        "test.clock=2026-12-05T10:00:00Z"})
@Import(TestClock.Configuration.class)
abstract class DemoAlertsScenarios {

    @Autowired
    TestRestTemplate http;

    /** A new inbox for the demo files: the import of an earlier run of the test left its archive there. */
    static String emptyInbox(String name) {
        Path inbox = Path.of("target", "test-inbox", name).toAbsolutePath();
        FileSystemUtils.deleteRecursively(inbox.toFile());
        return inbox.toString();
    }
    @Autowired
    SyncRunner syncRunner;

    @Test
    void theDefaultRulesRaiseNoAlertOnTheRunningPeriodOfTheDemo() throws InterruptedException {
        awaitTheDemoImport();

        List<Map<String, Object>> rules = get("/api/alerts/rules");
        assertThat(rules).extracting(r -> r.get("name")).contains("mql-to-sql-low", "lead-velocity-negative",
                "win-rate-low", "lead-response-slow");
        for (Map<String, Object> rule : rules) {
            assertThat(rule.get("periodStart")).as((String) rule.get("name"))
                    .isEqualTo("week".equals(rule.get("grain")) ? "2026-11-23" : "2026-11-01");
        }
        List<Map<String, Object>> events = get("/api/alerts?limit=1000");
        assertThat(events).noneMatch(e -> "2026-12-01".equals(e.get("periodStart"))
                || "2026-11-30".equals(e.get("periodStart")));
        // December's values are there, marked as not complete
        assertThat(get("/api/kpis?kpi=lead_velocity_rate&from=2026-12-01&to=2026-12-31")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("complete", false));
        assertThat(get("/api/kpis?kpi=mql_to_sql_rate&from=2026-11-01&to=2026-11-30")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("complete", true));
    }

    private void awaitTheDemoImport() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> runs = get("/api/syncs");
            if (!runs.isEmpty() && !"running".equals(runs.get(0).get("status"))) {
                assertThat(runs.get(0)).containsEntry("status", "succeeded");
                SyncApi.awaitWorkAfterRuns(syncRunner, "files");
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the demo was not imported within 5 minutes");
    }

    private List<Map<String, Object>> get(String path) {
        return http.exchange(path, HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
    }
}
