package io.revloop.sink;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.revloop.sink.webhook.KpiWebhook;
import io.revloop.support.SyncApi;
import io.revloop.sync.SyncRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * The outputs that push each compute's values — the signed KPI webhook and the Power BI push dataset —
 * against WireMock receivers over real HTTP. Two deals closed in January 2026, one won — win rate
 * 1 ÷ 2 = 0.5 — are imported through the inbox; the compute that follows pushes its values (webhook:
 * 100 per request, signed with two secrets as during a rotation; the tests recompute each HMAC from
 * the raw body and the timestamp header). Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.alerts.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.sinks.webhook.enabled=true",
        "revloop.sinks.webhook.secret=" + SinkPushScenarios.SECRET,
        "revloop.sinks.webhook.previous-secret=" + SinkPushScenarios.PREVIOUS_SECRET,
        "revloop.sinks.webhook.batch-size=100",
        "revloop.sinks.webhook.max-retries=3",
        "revloop.sinks.webhook.backoff=10ms",
        "revloop.sinks.powerbi.enabled=true",
        "revloop.sinks.powerbi.tenant-id=" + SinkPushScenarios.TENANT,
        "revloop.sinks.powerbi.client-id=revloop-test-app",
        "revloop.sinks.powerbi.client-secret=pbi-secret-test-only",
        "revloop.sinks.powerbi.workspace-id=ws-7e57",
        "revloop.sinks.powerbi.backoff=10ms",
        "revloop.sinks.powerbi.max-backoff=2s"})
abstract class SinkPushScenarios {

    static final String SECRET = "whsec-revloop-test-only";
    static final String PREVIOUS_SECRET = "whsec-revloop-previous-test-only";
    static final String TENANT = "0c0ffee0-0000-4000-8000-000000000001";
    private static final String DATASETS = "/v1.0/myorg/groups/ws-7e57/datasets";
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

    static void receiversAt(DynamicPropertyRegistry registry, String name) {
        registry.add("revloop.sinks.webhook.url", () -> RECEIVER.baseUrl() + PATH);
        registry.add("revloop.sinks.powerbi.base-url", () -> RECEIVER.baseUrl() + "/v1.0/myorg");
        registry.add("revloop.sinks.powerbi.token-url", () -> RECEIVER.baseUrl() + "/{tenant-id}/oauth2/v2.0/token");
        registry.add("revloop.sources.files.inbox",
                () -> Path.of("target", "test-inbox", "webhook-" + name).toAbsolutePath().toString());
    }

    @BeforeEach
    void emptyStore() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
        List.of("deals", "kpi_values", "sync_runs", "sync_state", "dead_letters")
                .forEach(table -> jdbc.update("DELETE FROM " + table));
        RECEIVER.resetAll();
        // Power BI: a token, an existing dataset and rows accepted, unless a test says otherwise
        RECEIVER.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token")).willReturn(okJson(
                "{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"ext_expires_in\": 3599, "
                        + "\"access_token\": \"eyJ0eXAi.pbi-test-token\"}")));
        RECEIVER.stubFor(get(urlPathEqualTo(DATASETS)).willReturn(okJson(
                "{\"@odata.context\": \"http://wabi/v1.0/myorg/groups/ws-7e57/$metadata#datasets\", \"value\": ["
                        + "{\"id\": \"ds-other\", \"name\": \"Sales\"}, {\"id\": \"ds-revloop\", \"name\": \"revloop\"}]}")));
        RECEIVER.stubFor(post(urlPathMatching(DATASETS + "/[^/]+/tables/kpi_values/rows")).willReturn(aResponse().withStatus(200)));
        RECEIVER.stubFor(put(urlPathMatching(DATASETS + "/[^/]+/tables/kpi_values")).willReturn(okJson("{\"name\": \"kpi_values\"}")));
    }

    @Test
    void everyValueOfTheComputeArrivesSignedInBatches() throws Exception {
        RECEIVER.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
        long before = Instant.now().getEpochSecond();

        importDeals();

        long after = Instant.now().getEpochSecond();
        List<LoggedRequest> requests = RECEIVER.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        long written = jdbc.queryForObject("SELECT COUNT(*) FROM kpi_values WHERE superseded_at IS NULL", Long.class);
        assertThat(requests).hasSize((int) ((written + 99) / 100));
        assertThat(requests).extracting(r -> r.getHeader(KpiWebhook.DELIVERY_HEADER)).doesNotHaveDuplicates();
        List<JsonNode> values = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            LoggedRequest request = requests.get(i);
            String timestamp = request.getHeader(KpiWebhook.TIMESTAMP_HEADER);
            assertThat(Long.parseLong(timestamp)).isBetween(before, after);
            assertSigned(request);
            // the first scheme's body-only signature, for receivers not moved yet
            assertThat(request.getHeader(KpiWebhook.BODY_SIGNATURE_HEADER))
                    .isEqualTo("sha256=" + hmac(SECRET, request.getBody()));
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
        // the deals, the only CRM data, reach 12 January: January is not complete, 10 January is
        assertThat(winRate.get("complete").asBoolean()).isFalse();
        assertThat(values).anyMatch(v -> v.get("kpi").asText().equals("deals_won") && v.get("grain").asText().equals("day")
                && v.get("periodStart").asText().equals("2026-01-10") && v.get("complete").asBoolean());
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
        // one delivery: the same id in both attempts, each attempt signed with its own timestamp
        assertThat(requests.get(1).getHeader(KpiWebhook.DELIVERY_HEADER))
                .isEqualTo(requests.get(0).getHeader(KpiWebhook.DELIVERY_HEADER)).isNotBlank();
        assertThat(requests.get(2).getHeader(KpiWebhook.DELIVERY_HEADER))
                .isNotEqualTo(requests.get(0).getHeader(KpiWebhook.DELIVERY_HEADER));
        assertSigned(requests.get(0));
        assertSigned(requests.get(1));
    }

    @Test
    void powerBiGetsTheComputesValuesAsRowsOfTheExistingDataset() throws Exception {
        RECEIVER.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));

        importDeals();

        long written = jdbc.queryForObject("SELECT COUNT(*) FROM kpi_values WHERE superseded_at IS NULL", Long.class);
        List<LoggedRequest> token = RECEIVER.findAll(postRequestedFor(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token")));
        assertThat(token).hasSize(1);
        assertThat(token.get(0).getBodyAsString()).contains("grant_type=client_credentials", "client_id=revloop-test-app",
                "scope=https%3A%2F%2Fanalysis.windows.net%2Fpowerbi%2Fapi%2F.default");
        RECEIVER.verify(0, postRequestedFor(urlPathEqualTo(DATASETS)));
        List<LoggedRequest> rows = RECEIVER.findAll(postRequestedFor(urlPathEqualTo(DATASETS + "/ds-revloop/tables/kpi_values/rows")));
        // fewer than 10 000 values: one request
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getHeader("Authorization")).isEqualTo("Bearer eyJ0eXAi.pbi-test-token");
        JsonNode sent = new ObjectMapper().readTree(rows.get(0).getBody()).get("rows");
        assertThat(sent).hasSize((int) written);
        JsonNode winRate = null;
        for (JsonNode row : sent) {
            if (row.get("kpi").asText().equals("win_rate") && row.get("grain").asText().equals("month")
                    && row.get("period_start").asText().equals("2026-01-01T00:00Z") && row.get("dimension").isNull()) {
                winRate = row;
            }
        }
        assertThat(winRate).isNotNull();
        assertThat(winRate.get("value").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(winRate.get("complete").isBoolean()).isTrue();
    }

    @Test
    void aDatasetFoundGetsTheTableSchemaOncePerStart(@Autowired io.revloop.sink.powerbi.PowerBiPush powerBi)
            throws Exception {
        // a dataset an earlier version of the hub created, without the column complete
        RECEIVER.stubFor(get(urlPathEqualTo(DATASETS)).willReturn(okJson("{\"value\": [{\"id\": \"ds-older\", "
                + "\"name\": \"revloop\"}]}")));
        Map<String, Object> row = Map.of("kpi", "new_leads", "grain", "day", "period_start", "2026-01-01T00:00:00Z",
                "value", 1, "complete", true);

        powerBi.pushRows(List.of(row));
        powerBi.pushRows(List.of(row));

        List<LoggedRequest> schema = RECEIVER.findAll(putRequestedFor(urlPathEqualTo(DATASETS + "/ds-older/tables/kpi_values")));
        assertThat(schema).hasSize(1);
        JsonNode table = new ObjectMapper().readTree(schema.get(0).getBody());
        assertThat(table.get("name").asText()).isEqualTo("kpi_values");
        assertThat(table.at("/columns/9").toString()).isEqualTo("{\"name\":\"complete\",\"dataType\":\"Boolean\"}");
        assertThat(RECEIVER.findAll(postRequestedFor(urlPathEqualTo(DATASETS + "/ds-older/tables/kpi_values/rows"))))
                .hasSize(2);
    }

    @Test
    void aMissingDatasetIsCreatedAnd25000RowsGoIn3Requests(@Autowired io.revloop.sink.powerbi.PowerBiPush powerBi)
            throws Exception {
        RECEIVER.stubFor(get(urlPathEqualTo(DATASETS)).willReturn(okJson("{\"value\": []}")));
        RECEIVER.stubFor(post(urlPathEqualTo(DATASETS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"ds-new\", \"name\": \"revloop\", "
                        + "\"defaultRetentionPolicy\": \"basicFIFO\", \"addRowsAPIEnabled\": true}")));
        RECEIVER.stubFor(post(urlPathEqualTo(DATASETS + "/ds-new/tables/kpi_values/rows")).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        RECEIVER.stubFor(post(urlPathEqualTo(DATASETS + "/ds-new/tables/kpi_values/rows")).inScenario("limit")
                .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            rows.add(Map.of("kpi", "new_leads", "grain", "day", "period_start", "2026-01-01T00:00:00Z", "value", i));
        }

        // 25 000 rows at most 10 000 per request: 10 000 + 10 000 + 5 000
        assertThat(powerBi.pushRows(rows)).isEqualTo(3);

        List<LoggedRequest> created = RECEIVER.findAll(postRequestedFor(urlPathEqualTo(DATASETS)));
        assertThat(created).hasSize(1);
        assertThat(created.get(0).getQueryParams().get("defaultRetentionPolicy").firstValue()).isEqualTo("basicFIFO");
        JsonNode definition = new ObjectMapper().readTree(created.get(0).getBody());
        assertThat(definition.get("defaultMode").asText()).isEqualTo("Push");
        assertThat(definition.at("/tables/0/name").asText()).isEqualTo("kpi_values");
        assertThat(definition.at("/tables/0/columns/2").toString()).isEqualTo("{\"name\":\"period_start\",\"dataType\":\"DateTime\"}");
        // the first request got 429 and was sent again: 4 requests, 3 delivered
        List<LoggedRequest> posts = RECEIVER.findAll(postRequestedFor(urlPathEqualTo(DATASETS + "/ds-new/tables/kpi_values/rows")));
        assertThat(posts).hasSize(4);
        List<Integer> sizes = new ArrayList<>();
        for (LoggedRequest request : posts.subList(1, 4)) {
            sizes.add(new ObjectMapper().readTree(request.getBody()).get("rows").size());
        }
        assertThat(sizes).containsExactly(10_000, 10_000, 5_000);
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

    /** v1 of the new secret, then of the previous one, over "<timestamp>.<raw body>". */
    private static void assertSigned(LoggedRequest request) throws Exception {
        byte[] timestamp = (request.getHeader(KpiWebhook.TIMESTAMP_HEADER) + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[timestamp.length + request.getBody().length];
        System.arraycopy(timestamp, 0, signed, 0, timestamp.length);
        System.arraycopy(request.getBody(), 0, signed, timestamp.length, request.getBody().length);
        assertThat(request.getHeader(KpiWebhook.SIGNATURE_HEADER))
                .isEqualTo("v1=" + hmac(SECRET, signed) + ",v1=" + hmac(PREVIOUS_SECRET, signed));
    }

    private static String hmac(String secret, byte[] text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text));
    }
}
