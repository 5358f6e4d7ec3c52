package io.revloop.sink.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.revloop.support.SyncApi;
import io.revloop.sync.SyncRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * The KPI webhook against a WireMock receiver over real HTTP: two deals closed in January 2026, one
 * won — win rate 1 ÷ 2 = 0.5 — imported through the inbox; the compute that follows posts its values,
 * 100 per request, each signed with HMAC-SHA256 of the body. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.alerts.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.sinks.webhook.enabled=true",
        "revloop.sinks.webhook.secret=" + WebhookScenarios.SECRET,
        "revloop.sinks.webhook.batch-size=100",
        "revloop.sinks.webhook.max-retries=3",
        "revloop.sinks.webhook.backoff=10ms"})
abstract class WebhookScenarios {

    static final String SECRET = "whsec-revloop-test-only";
    static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());
    private static final String PATH = "/hooks/kpis/token-in-path";

    static {
        RECEIVER.start();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;
    @Autowired
    io.revloop.RevloopProperties properties;

    static void receiverAt(DynamicPropertyRegistry registry, String name) {
        registry.add("revloop.sinks.webhook.url", () -> RECEIVER.baseUrl() + PATH);
        registry.add("revloop.sources.files.inbox",
                () -> Path.of("target", "test-inbox", "webhook-" + name).toAbsolutePath().toString());
    }

    @BeforeEach
    void emptyStore() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
        List.of("deals", "kpi_values", "sync_runs", "sync_state", "dead_letters")
                .forEach(table -> jdbc.update("DELETE FROM " + table));
        RECEIVER.resetAll();
    }

    @Test
    void everyValueOfTheComputeArrivesSignedInBatches() throws Exception {
        RECEIVER.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));

        importDeals();

        List<LoggedRequest> requests = RECEIVER.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        long written = jdbc.queryForObject("SELECT COUNT(*) FROM kpi_values WHERE superseded_at IS NULL", Long.class);
        assertThat(requests).hasSize((int) ((written + 99) / 100));
        List<JsonNode> values = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            LoggedRequest request = requests.get(i);
            assertThat(request.getHeader(KpiWebhook.SIGNATURE_HEADER)).isEqualTo("sha256=" + hmac(request.getBody()));
            JsonNode body = new ObjectMapper().readTree(request.getBody());
            assertThat(body.get("event").asText()).isEqualTo("kpis.computed");
            assertThat(body.get("part").asInt()).isEqualTo(i + 1);
            assertThat(body.get("parts").asInt()).isEqualTo(requests.size());
            assertThat(body.get("values").size()).isLessThanOrEqualTo(100);
            body.get("values").forEach(values::add);
        }
        assertThat(values).hasSize((int) written);
        JsonNode winRate = values.stream().filter(v -> v.get("kpi").asText().equals("win_rate")
                && v.get("grain").asText().equals("month") && v.get("periodStart").asText().equals("2026-01-01")
                && v.get("dimension").isNull()).findFirst().orElseThrow();
        assertThat(winRate.get("value").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(winRate.get("numerator").decimalValue()).isEqualByComparingTo("1");
        assertThat(winRate.get("denominator").decimalValue()).isEqualByComparingTo("2");
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        RECEIVER.stubFor(post(urlPathEqualTo(PATH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        RECEIVER.stubFor(post(urlPathEqualTo(PATH)).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));

        importDeals();

        long written = jdbc.queryForObject("SELECT COUNT(*) FROM kpi_values WHERE superseded_at IS NULL", Long.class);
        List<LoggedRequest> requests = RECEIVER.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        // the first batch twice (503, then 200), every other batch once
        assertThat(requests).hasSize((int) ((written + 99) / 100) + 1);
        assertThat(requests.get(0).getBodyAsString()).isEqualTo(requests.get(1).getBodyAsString());
    }

    private void importDeals() throws Exception {
        Path inbox = properties.sources().files().inbox();
        FileSystemUtils.deleteRecursively(inbox);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("deals.csv"), """
                id,name,owner,type,amount,currency,stage,created_at,closed_at,is_won
                W1,Won deal,anna,new,1000,EUR,closed_won,2026-01-02T10:00:00Z,2026-01-10T10:00:00Z,true
                W2,Lost deal,anna,new,2000,EUR,closed_lost,2026-01-03T10:00:00Z,2026-01-12T10:00:00Z,false
                """);
        Map<String, Object> run = SyncApi.run(http, "files");
        assertThat(run).containsEntry("status", "succeeded").containsEntry("deadLettered", 0);
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
