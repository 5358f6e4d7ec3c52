package io.revloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revloop.RevloopApplication;
import io.revloop.config.DatabaseUnavailableException;
import io.revloop.config.UnknownConfigurationKeysException;
import io.revloop.support.OwnerOnly;
import io.revloop.support.TestDatabase;
import io.revloop.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
@ExtendWith(OutputCaptureExtension.class)
class HubStartupTest {

    private static final List<String> DATA_TABLES = List.of("accounts", "leads", "deals", "deal_stage_changes",
            "campaigns", "touchpoints", "ad_spend", "web_traffic", "activities", "mrr", "costs", "quotas",
            "survey_responses", "fx_rates");

    @Test
    void startsOnDemoDataAndARestartDuplicatesNothingOnHsqldb(CapturedOutput output) throws Exception {
        // the database as configured by default: HSQLDB in revloop.data-dir, which the hub creates owner-only
        Path dataDir = Path.of("target", "test-db", "startup", "data");
        FileSystemUtils.deleteRecursively(dataDir.getParent());
        startOnDemoDataAndRestart("hsqldb", Map.of("revloop.data-dir", dataDir.toString()), output);
        OwnerOnly.assertDirectory(dataDir);
        OwnerOnly.assertDirectory(dataDir.getParent());
    }

    @Test
    @EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
            disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url")
    void startsOnDemoDataAndARestartDuplicatesNothingOnPostgres(CapturedOutput output) throws Exception {
        startOnDemoDataAndRestart("postgres", TestDatabase.postgres("revloop_test_startup"), output);
    }

    @Test
    void aWrongSettingStopsTheHubWithAMessageNamingIt() {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("bad-config"));
        properties.put("revloop.base-currency", "euro");

        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.base-currency");
    }

    @Test
    void aMistypedKeyStopsTheHubNamingTheClosestKnownKey(CapturedOutput output) {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("typo"));
        properties.put("revloop.base-curency", "USD");
        properties.put("revloop.sources.files.setle-time", "5s");

        assertThatThrownBy(() -> start(properties)).isInstanceOf(UnknownConfigurationKeysException.class);
        assertThat(output.getOut())
                .contains("revloop.base-curency (\"revloop.base-curency\" from property source \"commandLineArgs\"):"
                        + " unknown key; did you mean revloop.base-currency?")
                .contains("did you mean revloop.sources.files.settle-time?");
    }

    @Test
    void aListSetOnTheCommandLineIsNotMistakenForUnknownKeys() throws Exception {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("list-override"));
        properties.put("revloop.sources.files.schedule", "0 0 0 1 1 ? 2099");
        // config/application.yml has nine rules; this list of one replaces them
        properties.put("revloop.alerts.rules[0].name", "only-rule");
        properties.put("revloop.alerts.rules[0].kpi", "win_rate");
        properties.put("revloop.alerts.rules[0].comparison", "<");
        properties.put("revloop.alerts.rules[0].threshold", "0.2");
        try (ConfigurableApplicationContext hub = start(properties)) {
            assertThat(hub.isRunning()).isTrue();
        }
    }

    @Test
    void aBadCronStopsTheHubNamingTheKey(CapturedOutput output) {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("bad-cron"));
        properties.put("revloop.sources.files.schedule", "0 0 25 * * ?");

        assertThatThrownBy(() -> start(properties)).hasStackTraceContaining("revloop.sources.files.schedule");
        assertThat(output.getOut()).contains("Property: revloop.sources.files.schedule")
                .contains("'0 0 25 * * ?' must be a Quartz cron expression");
    }

    @Test
    void anUnreachableDatabaseStopsTheHubWithOneSentenceNamingTheSetting(CapturedOutput output) {
        Map<String, Object> properties = withoutDemo(Map.of());
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/revloop");
        properties.put("spring.datasource.username", "revloop");
        int before = output.getOut().length();

        assertThatThrownBy(() -> start(properties)).isInstanceOf(DatabaseUnavailableException.class);
        String report = output.getOut().substring(before);
        assertThat(report).contains("The hub cannot use its store: the database at jdbc:postgresql://127.0.0.1:1/revloop"
                + " cannot be reached").contains("Check spring.datasource.url (REVLOOP_DB_URL");
        assertThat(report).as("no stack trace").doesNotContain("\tat org.");
    }

    @Test
    @EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
            disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url")
    void aWrongDatabaseUserStopsTheHubWithOneSentenceNamingTheSetting(CapturedOutput output) {
        Map<String, Object> properties = withoutDemo(TestDatabase.postgres("revloop_test_wrong_user"));
        properties.put("spring.datasource.username", "no_such_role");
        int before = output.getOut().length();

        assertThatThrownBy(() -> start(properties)).isInstanceOf(DatabaseUnavailableException.class);
        assertThat(output.getOut().substring(before)).contains("refused the login of user 'no_such_role'")
                .contains("Check spring.datasource.username / spring.datasource.password (REVLOOP_DB_USER")
                .doesNotContain("\tat org.");
    }

    @Test
    void aScoringRuleOutOfRangeStopsTheHubNamingTheRule() {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("bad-rule"));
        properties.put("revloop.scoring.rules[0].name", "huge");
        properties.put("revloop.scoring.rules[0].criterion", "company_fit");
        properties.put("revloop.scoring.rules[0].industry-in", "Software");
        properties.put("revloop.scoring.rules[0].points", "99");

        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.scoring.rules[0] (huge): points must be 0–30 for company_fit, not 99");
    }

    @Test
    void anAlertRuleNamingAnUnknownKpiStopsTheHubNamingTheRule() {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("bad-alert-rule"));
        properties.put("revloop.alerts.rules[0].name", "typo");
        properties.put("revloop.alerts.rules[0].kpi", "win_rat");
        properties.put("revloop.alerts.rules[0].comparison", "<");
        properties.put("revloop.alerts.rules[0].threshold", "0.2");

        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.alerts.rules[0] (typo): unknown kpi 'win_rat'");
    }

    @Test
    void anAlertRuleWithAMalformedThresholdStopsTheHubNamingTheRule() {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("bad-alert-threshold"));
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
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("bad-alert-period"));
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
    void aStaleLimitForAnUnknownSourceStopsTheHubNamingTheKey() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.hsqldb("bad-stale-after"));
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        properties.put("revloop.alerts.operations.stale-after.dropbox", "2h");

        assertThatThrownBy(() -> start(properties)).hasStackTraceContaining(
                "revloop.alerts.operations.stale-after.dropbox: source: 'dropbox' is not a source; use one of files, salesforce,");
    }

    @Test
    void anEnabledOutputWithoutItsSettingsStopsTheHubNamingTheKey() {
        Map<String, Object> properties = withoutDemo(TestDatabase.hsqldb("bad-sink"));
        properties.put("revloop.sinks.webhook.enabled", "true");
        properties.put("revloop.sinks.webhook.url", "");
        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.sinks.webhook.url is required when revloop.sinks.webhook.enabled is true");

        properties.put("revloop.sinks.webhook.enabled", "false");
        properties.put("revloop.sinks.powerbi.enabled", "true");
        properties.put("revloop.sinks.powerbi.tenant-id", "0c0ffee0-0000-4000-8000-000000000001");
        properties.put("revloop.sinks.powerbi.client-id", "");
        assertThatThrownBy(() -> start(properties))
                .hasStackTraceContaining("revloop.sinks.powerbi.client-id is required when revloop.sinks.powerbi.enabled is true");
    }

    private void startOnDemoDataAndRestart(String name, Map<String, String> database, CapturedOutput output)
            throws Exception {
        Path inbox = Path.of("target", "test-inbox", "startup-" + name);
        Path dataDir = Path.of(database.getOrDefault("revloop.data-dir", "target/test-data/startup-" + name));
        FileSystemUtils.deleteRecursively(inbox);
        FileSystemUtils.deleteRecursively(dataDir);
        Map<String, Object> properties = new HashMap<>(database);
        // a first start as a user makes it: no token configured
        properties.put(TestTokens.FIRST_START, "true");
        properties.put("revloop.data-dir", dataDir.toString());
        properties.put("server.port", "0");
        properties.put("revloop.demo.leads", "400");
        properties.put("revloop.demo.end-date", "2026-11-30");
        properties.put("revloop.sources.files.inbox", inbox.toString());
        properties.put("revloop.sources.files.settle-time", "0s");
        properties.put("revloop.sources.files.schedule", "0 0 0 1 1 ? 2099");

        Map<String, Long> countsAfterDemo;
        Map<String, Object> demoRun;
        String token;
        try (ConfigurableApplicationContext hub = start(properties)) {
            // the hub made an admin token, kept it in a file only its owner can read and printed a sign-in link
            Path tokenFile = dataDir.resolve("admin-token");
            token = Files.readString(tokenFile).strip();
            assertThat(token).hasSizeGreaterThanOrEqualTo(40);
            assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String port = hub.getEnvironment().getProperty("local.server.port");
            assertThat(output.getOut()).containsOnlyOnce("http://localhost:" + port + "/login?token=" + token);
            assertThat(hub.getBean(JdbcTemplate.class).queryForObject("SELECT sha256 FROM api_tokens", String.class))
                    .as("the store keeps only the token's SHA-256").isEqualTo(sha256Hex(token))
                    .isNotEqualTo(token);

            RestClient anonymous = RestClient.create("http://localhost:" + port);
            assertThatThrownBy(() -> anonymous.get().uri("/api/syncs").retrieve().toBodilessEntity())
                    .isInstanceOfSatisfying(HttpClientErrorException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));

            RestClient api = api(hub, token);
            demoRun = awaitFinishedRun(api, 1);
            assertThat(demoRun).containsEntry("source", "files").containsEntry("status", "succeeded")
                    .containsEntry("deadLettered", 0);
            long read = ((Number) demoRun.get("recordsRead")).longValue();
            assertThat(read).as("the demo imports thousands of records").isGreaterThan(5_000);
            assertThat(demoRun.get("upserted")).isEqualTo(demoRun.get("recordsRead"));

            assertThat(anonymous.get().uri("/actuator/health").retrieve().body(String.class))
                    .isEqualTo("{\"status\":\"UP\"}");
            for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/configprops")) {
                assertThatThrownBy(() -> api.get().uri(hidden).retrieve().toBodilessEntity())
                        .as(hidden).isInstanceOfSatisfying(HttpClientErrorException.class,
                                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
                assertThatThrownBy(() -> anonymous.get().uri(hidden).retrieve().toBodilessEntity())
                        .as(hidden).isInstanceOfSatisfying(HttpClientErrorException.class,
                                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
            }
            countsAfterDemo = counts(hub);
            for (String table : DATA_TABLES) {
                assertThat(countsAfterDemo.get(table)).as(table).isPositive();
            }
        }

        try (ConfigurableApplicationContext hub = start(properties)) {
            RestClient api = api(hub, token);
            assertThat(output.getOut()).as("the token is printed at the first start only").containsOnlyOnce(token);
            Thread.sleep(1500);
            assertThat(runs(api)).as("a restart does not load the demo again").hasSize(1);
            assertThat(counts(hub)).isEqualTo(countsAfterDemo);

            // the very same demo files dropped again: read in full, nothing changes
            Path archived = inbox.resolve("archive/run-" + demoRun.get("id"));
            OwnerOnly.assertDirectory(archived);
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

    /** Settings of a hub on {@code database} without demo data, on a free port. */
    private static Map<String, Object> withoutDemo(Map<String, String> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("revloop.demo.enabled", "false");
        return properties;
    }

    /** Starts the hub with the properties as command-line arguments, which win over config/application.yml. */
    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RevloopApplication.class).run(args);
    }

    private static RestClient api(ConfigurableApplicationContext hub, String token) {
        return RestClient.builder().baseUrl("http://localhost:" + hub.getEnvironment().getProperty("local.server.port"))
                .defaultHeader("Authorization", TestTokens.bearer(token)).build();
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
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
