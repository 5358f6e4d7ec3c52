package io.revloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revloop.RevloopApplication;
import io.revloop.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The hub as a user starts it: with no source configured it loads the demo data through the file
 * inbox, serves health and the API, and a restart on the same database adds nothing.
 */
class HubStartupTest {

    private static final List<String> DATA_TABLES = List.of("accounts", "leads", "deals", "deal_stage_changes",
            "campaigns", "touchpoints", "ad_spend", "web_traffic", "activities", "mrr", "costs", "quotas",
            "survey_responses", "fx_rates");

    @Test
    void startsOnDemoDataAndARestartDuplicatesNothingOnHsqldb() throws Exception {
        startOnDemoDataAndRestart("hsqldb", TestDatabase.hsqldb("startup"));
    }

    @Test
    @EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
            disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url")
    void startsOnDemoDataAndARestartDuplicatesNothingOnPostgres() throws Exception {
        startOnDemoDataAndRestart("postgres", TestDatabase.postgres("revloop_test_startup"));
    }

    @Test
    void aWrongSettingStopsTheHubWithAMessageNamingIt() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.hsqldb("bad-config"));
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        properties.put("revloop.base-currency", "euro");

        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.base-currency");
    }

    @Test
    void aScoringRuleOutOfRangeStopsTheHubNamingTheRule() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.hsqldb("bad-rule"));
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        properties.put("revloop.scoring.rules[0].name", "huge");
        properties.put("revloop.scoring.rules[0].criterion", "company_fit");
        properties.put("revloop.scoring.rules[0].industry-in", "Software");
        properties.put("revloop.scoring.rules[0].points", "99");

        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.scoring.rules[0] (huge): points must be 0–30 for company_fit, not 99");
    }

    @Test
    void anAlertRuleNamingAnUnknownKpiStopsTheHubNamingTheRule() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.hsqldb("bad-alert-rule"));
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        properties.put("revloop.alerts.rules[0].name", "typo");
        properties.put("revloop.alerts.rules[0].kpi", "win_rat");
        properties.put("revloop.alerts.rules[0].comparison", "<");
        properties.put("revloop.alerts.rules[0].threshold", "0.2");

        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.alerts.rules[0] (typo): unknown kpi 'win_rat'");
    }

    @Test
    void anAlertRuleWithAMalformedThresholdStopsTheHubNamingTheRule() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.hsqldb("bad-alert-threshold"));
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        properties.put("revloop.alerts.rules[0].name", "percent");
        properties.put("revloop.alerts.rules[0].kpi", "win_rate");
        properties.put("revloop.alerts.rules[0].grain", "day");
        properties.put("revloop.alerts.rules[0].dimension", "owner");
        properties.put("revloop.alerts.rules[0].comparison", "<");
        properties.put("revloop.alerts.rules[0].threshold", "20%");

        // per day, win rate is broken down by channel only
        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.alerts.rules[0] (percent): kpi 'win_rate' has no dimension 'owner' per day");
        properties.put("revloop.alerts.rules[0].grain", "month");
        assertThatThrownBy(() -> start(properties)).hasStackTraceContaining(
                "revloop.alerts.rules[0] (percent): threshold must be a number in the KPI's unit (ratio, as a fraction: 0.2 for 20 %), not '20%'");
    }

    @Test
    void anAlertRuleOnTheRunningPeriodOfACohortRatioStopsTheHubNamingTheRule() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.hsqldb("bad-alert-period"));
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        properties.put("revloop.alerts.rules[0].name", "mql-now");
        properties.put("revloop.alerts.rules[0].kpi", "mql_to_sql_rate");
        properties.put("revloop.alerts.rules[0].comparison", "<");
        properties.put("revloop.alerts.rules[0].threshold", "0.2");
        properties.put("revloop.alerts.rules[0].period", "current");

        assertThatThrownBy(() -> start(properties)).hasStackTraceContaining("revloop.alerts.rules[0] (mql-now): "
                + "period 'current' checks a count or sum pro rata to the share of the period that has passed; "
                + "'mql_to_sql_rate' (ratio) is not one");
        // a min-sample on a KPI whose denominator is no count
        properties.put("revloop.alerts.rules[0].kpi", "new_leads");
        properties.put("revloop.alerts.rules[0].min-sample", "30");
        assertThatThrownBy(() -> start(properties)).hasStackTraceContaining("revloop.alerts.rules[0] (mql-now): "
                + "min-sample applies to a ratio over a count (leads, deals, sessions, responses); 'new_leads' has no "
                + "such denominator");
    }

    @Test
    void anEnabledOutputWithoutItsSettingsStopsTheHubNamingTheKey() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.hsqldb("bad-sink"));
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        properties.put("revloop.sinks.webhook.enabled", "true");
        properties.put("revloop.sinks.webhook.url", "");
        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.sinks.webhook.url: required when the webhook is enabled");

        properties.put("revloop.sinks.webhook.enabled", "false");
        properties.put("revloop.sinks.powerbi.enabled", "true");
        properties.put("revloop.sinks.powerbi.tenant-id", "0c0ffee0-0000-4000-8000-000000000001");
        properties.put("revloop.sinks.powerbi.client-id", "");
        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.sinks.powerbi.client-id: required when the Power BI push is enabled");
    }

    private void startOnDemoDataAndRestart(String name, Map<String, String> database) throws Exception {
        Path inbox = Path.of("target", "test-inbox", "startup-" + name);
        FileSystemUtils.deleteRecursively(inbox);
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("revloop.demo.leads", "400");
        properties.put("revloop.demo.end-date", "2026-11-30");
        properties.put("revloop.sources.files.inbox", inbox.toString());
        properties.put("revloop.sources.files.settle-time", "0s");
        properties.put("revloop.sources.files.schedule", "0 0 0 1 1 ? 2099");

        Map<String, Long> countsAfterDemo;
        Map<String, Object> demoRun;
        try (ConfigurableApplicationContext hub = start(properties)) {
            RestClient api = api(hub);
            demoRun = awaitFinishedRun(api, 1);
            assertThat(demoRun).containsEntry("source", "files").containsEntry("status", "succeeded")
                    .containsEntry("deadLettered", 0);
            long read = ((Number) demoRun.get("recordsRead")).longValue();
            assertThat(read).as("the demo imports thousands of records").isGreaterThan(5_000);
            assertThat(demoRun.get("upserted")).isEqualTo(demoRun.get("recordsRead"));

            assertThat(api.get().uri("/actuator/health").retrieve().body(String.class)).isEqualTo("{\"status\":\"UP\"}");
            for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/configprops")) {
                assertThatThrownBy(() -> api.get().uri(hidden).retrieve().toBodilessEntity())
                        .as(hidden).isInstanceOfSatisfying(HttpClientErrorException.class,
                                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
            }
            countsAfterDemo = counts(hub);
            for (String table : DATA_TABLES) {
                assertThat(countsAfterDemo.get(table)).as(table).isPositive();
            }
        }

        try (ConfigurableApplicationContext hub = start(properties)) {
            RestClient api = api(hub);
            Thread.sleep(1500);
            assertThat(runs(api)).as("a restart does not load the demo again").hasSize(1);
            assertThat(counts(hub)).isEqualTo(countsAfterDemo);

            // the very same demo files dropped again: read in full, nothing changes
            Path archived = inbox.resolve("archive/run-" + demoRun.get("id"));
            try (Stream<Path> files = Files.list(archived)) {
                for (Path file : files.toList()) {
                    Files.copy(file, inbox.resolve(file.getFileName()));
                }
            }
            api.post().uri("/api/syncs?source=files").retrieve().toBodilessEntity();
            Map<String, Object> again = awaitFinishedRun(api, 2);
            assertThat(again).containsEntry("status", "succeeded").containsEntry("upserted", 0)
                    .containsEntry("recordsRead", demoRun.get("recordsRead"));
            assertThat(counts(hub)).isEqualTo(countsAfterDemo);
        }
    }

    /** Starts the hub with the properties as command-line arguments, which win over config/application.yml. */
    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RevloopApplication.class).run(args);
    }

    private static RestClient api(ConfigurableApplicationContext hub) {
        return RestClient.create("http://localhost:" + hub.getEnvironment().getProperty("local.server.port"));
    }

    private static List<Map<String, Object>> runs(RestClient api) {
        return api.get().uri("/api/syncs").retrieve().body(new ParameterizedTypeReference<>() { });
    }

    /** Waits until there are {@code count} runs and the newest has finished; returns it. */
    private static Map<String, Object> awaitFinishedRun(RestClient api, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> runs = runs(api);
            if (runs.size() == count && !"running".equals(runs.get(0).get("status"))) {
                return runs.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished run " + count + " within 90 s");
    }

    private static Map<String, Long> counts(ConfigurableApplicationContext hub) {
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        Map<String, Long> counts = new HashMap<>();
        DATA_TABLES.forEach(t -> counts.put(t, jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Long.class)));
        return counts;
    }
}
