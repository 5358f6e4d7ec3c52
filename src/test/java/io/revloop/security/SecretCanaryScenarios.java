package io.revloop.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * The canary test of the security issue: every secret the hub is configured with is a unique
 * canary, every source and sink is driven into its error paths against a stub that echoes what it
 * was sent (401 naming the bearer token, 400 repeating the OAuth form, 500 repeating the URL,
 * timeouts) — and no canary may appear in the log, in any column of the store or in any API answer.
 * The stub's journal proves each canary did travel to it, so the test cannot pass by sending nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.security.tokens[0].name=canary-admin",
        "revloop.security.tokens[0].role=admin",
        "revloop.security.tokens[0].value=" + SecretCanaryScenarios.API_TOKEN,
        "revloop.sources.salesforce.enabled=true",
        "revloop.sources.salesforce.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.salesforce.client-id=canary-client-id",
        "revloop.sources.salesforce.client-secret=" + SecretCanaryScenarios.SALESFORCE_SECRET,
        "revloop.sources.salesforce.refresh-token=" + SecretCanaryScenarios.SALESFORCE_REFRESH,
        "revloop.sources.salesforce.retries=1",
        "revloop.sources.salesforce.retry-backoff=10ms",
        "revloop.sources.hubspot.enabled=true",
        "revloop.sources.hubspot.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.hubspot.access-token=" + SecretCanaryScenarios.HUBSPOT_TOKEN,
        "revloop.sources.hubspot.max-retries=1",
        "revloop.sources.hubspot.backoff=10ms",
        "revloop.sources.ga4.enabled=true",
        "revloop.sources.ga4.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.ga4.property-id=properties/345678901",
        "revloop.sources.ga4.max-retries=1",
        "revloop.sources.ga4.backoff=10ms",
        "revloop.sources.ga4.timeout=300ms",
        "revloop.sources.google-ads.enabled=true",
        "revloop.sources.google-ads.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.google-ads.customer-id=111-222-3333",
        "revloop.sources.google-ads.developer-token=" + SecretCanaryScenarios.GOOGLE_DEVELOPER_TOKEN,
        "revloop.sources.google-ads.client-id=canary.apps.googleusercontent.com",
        "revloop.sources.google-ads.client-secret=" + SecretCanaryScenarios.GOOGLE_SECRET,
        "revloop.sources.google-ads.refresh-token=" + SecretCanaryScenarios.GOOGLE_REFRESH,
        "revloop.sources.google-ads.max-retries=1",
        "revloop.sources.google-ads.backoff=10ms",
        "revloop.sources.meta-ads.enabled=true",
        "revloop.sources.meta-ads.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.meta-ads.account-id=act_555000111",
        "revloop.sources.meta-ads.access-token=" + SecretCanaryScenarios.META_TOKEN,
        "revloop.sources.meta-ads.max-retries=1",
        "revloop.sources.meta-ads.backoff=10ms",
        "revloop.sources.linkedin-ads.enabled=true",
        "revloop.sources.linkedin-ads.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.linkedin-ads.account-id=5070001",
        "revloop.sources.linkedin-ads.client-id=canary-li-client",
        "revloop.sources.linkedin-ads.client-secret=" + SecretCanaryScenarios.LINKEDIN_SECRET,
        "revloop.sources.linkedin-ads.refresh-token=" + SecretCanaryScenarios.LINKEDIN_REFRESH,
        "revloop.sources.linkedin-ads.max-retries=1",
        "revloop.sources.linkedin-ads.backoff=10ms",
        "revloop.sinks.webhook.enabled=true",
        "revloop.sinks.webhook.secret=" + SecretCanaryScenarios.WEBHOOK_SECRET,
        "revloop.sinks.webhook.max-retries=1",
        "revloop.sinks.webhook.backoff=10ms",
        "revloop.sinks.powerbi.enabled=true",
        "revloop.sinks.powerbi.tenant-id=canary-tenant",
        "revloop.sinks.powerbi.client-id=canary-pbi-client",
        "revloop.sinks.powerbi.client-secret=" + SecretCanaryScenarios.POWERBI_SECRET,
        "revloop.sinks.powerbi.workspace-id=ws-canary",
        "revloop.sinks.powerbi.max-retries=1",
        "revloop.sinks.powerbi.backoff=10ms",
        "revloop.sinks.slack.retry-schedule=* * * * * ?",
        "revloop.sinks.slack.backoff=100ms",
        "revloop.alerts.rules[0].name=any-leads",
        "revloop.alerts.rules[0].kpi=new_leads",
        "revloop.alerts.rules[0].grain=month",
        "revloop.alerts.rules[0].comparison=>",
        "revloop.alerts.rules[0].threshold=0"})
@ExtendWith(OutputCaptureExtension.class)
abstract class SecretCanaryScenarios {

    static final String API_TOKEN = "canary-api-token-a1b2c3d4e5";
    static final String SALESFORCE_SECRET = "canary-sf-secret-71c4";
    static final String SALESFORCE_REFRESH = "canary-sf-refresh-5d0e";
    static final String HUBSPOT_TOKEN = "canary-hubspot-pat-88f1";
    static final String GOOGLE_DEVELOPER_TOKEN = "canary-gads-devtoken-2b7c";
    static final String GOOGLE_SECRET = "canary-gads-secret-64aa";
    static final String GOOGLE_REFRESH = "canary-gads-refresh-0c19";
    static final String GOOGLE_ACCESS = "canary-gads-access-93de";
    static final String GA4_ACCESS = "canary-ga4-access-41b0";
    static final String GA4_KEY_ID = "canary-ga4-key-id-7e2a";
    static final String META_TOKEN = "canary-meta-token-ff02";
    static final String LINKEDIN_SECRET = "canary-li-secret-3a3a";
    static final String LINKEDIN_REFRESH = "canary-li-refresh-9c9c";
    static final String WEBHOOK_SECRET = "canary-webhook-secret-11ee";
    static final String WEBHOOK_PATH = "/hooks/canary-webhook-path-5511";
    static final String POWERBI_SECRET = "canary-pbi-secret-d00d";
    static final String SLACK_PATH = "/services/T0CANARY/B0CANARY/canary-slack-path-9090";
    static final String DB_PASSWORD = "canary-db-password-7777";

    static final List<String> CANARIES = List.of(API_TOKEN, SALESFORCE_SECRET, SALESFORCE_REFRESH, HUBSPOT_TOKEN,
            GOOGLE_DEVELOPER_TOKEN, GOOGLE_SECRET, GOOGLE_REFRESH, GOOGLE_ACCESS, GA4_ACCESS, GA4_KEY_ID, META_TOKEN,
            LINKEDIN_SECRET, LINKEDIN_REFRESH, WEBHOOK_SECRET, "canary-webhook-path-5511", POWERBI_SECRET,
            "canary-slack-path-9090", DB_PASSWORD);

    private static final List<String> SOURCES = List.of("salesforce", "hubspot", "ga4", "google-ads", "meta-ads",
            "linkedin-ads");

    @RegisterExtension
    static WireMockExtension stub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().templatingEnabled(true)).build();

    @Autowired
    DataSource dataSource;
    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    /** The settings every database shares: stubbed endpoints, a service account key, the inbox. */
    static void configure(DynamicPropertyRegistry registry, String name, Map<String, String> database) throws Exception {
        database.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.password", () -> DB_PASSWORD);
        Path dir = Path.of("target", "test-canary", name);
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("inbox"));
        // leads of last month and of this one, so the alert rule below fires and Slack is called
        LocalDate lastMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
        Files.writeString(dir.resolve("inbox/leads.csv"), "id,email,channel,created_at\n"
                + "cl-1,one@canary.example,Email," + lastMonth + "T10:00:00Z\n"
                + "cl-2,two@canary.example,Email," + lastMonth.plusDays(3) + "T10:00:00Z\n");
        registry.add("revloop.sources.files.inbox", () -> dir.resolve("inbox").toAbsolutePath().toString());
        registry.add("revloop.sources.ga4.credentials-file", () -> serviceAccount(dir).toString());
        String base = "http://localhost:" + stub.getPort();
        registry.add("revloop.sources.salesforce.login-url", () -> base + "/sf");
        registry.add("revloop.sources.hubspot.base-url", () -> base + "/hubspot");
        registry.add("revloop.sources.ga4.base-url", () -> base + "/ga4");
        registry.add("revloop.sources.ga4.token-url", () -> base + "/ga4-token");
        registry.add("revloop.sources.google-ads.base-url", () -> base + "/gads");
        registry.add("revloop.sources.google-ads.token-url", () -> base + "/gads-token");
        registry.add("revloop.sources.meta-ads.base-url", () -> base + "/meta");
        registry.add("revloop.sources.linkedin-ads.base-url", () -> base + "/linkedin");
        registry.add("revloop.sources.linkedin-ads.token-url", () -> base + "/linkedin-token");
        registry.add("revloop.sinks.webhook.url", () -> base + WEBHOOK_PATH);
        registry.add("revloop.sinks.powerbi.base-url", () -> base + "/pbi");
        registry.add("revloop.sinks.powerbi.token-url", () -> base + "/pbi-token/{tenant-id}");
        registry.add("revloop.sinks.slack.webhook-url", () -> base + SLACK_PATH);
    }

    @Test
    void noConfiguredSecretAppearsInTheLogTheStoreOrTheApi(CapturedOutput output) throws Exception {
        stubEchoingErrors();

        long files = start("files");
        awaitFinished(files);
        List<Long> runs = new ArrayList<>();
        for (String source : SOURCES) {
            runs.add(start(source));
        }
        for (long run : runs) {
            Map<String, Object> finished = awaitFinished(run);
            assertThat(finished.get("status")).as("run %s of %s", run, finished.get("source")).isEqualTo("failed");
        }
        assertThat(call("POST", "/api/kpis/compute").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> stub.findAll(postRequestedFor(urlPathEqualTo(SLACK_PATH)))
                .size() > 0);

        // each canary did travel to the stub, which echoed it back
        assertThat(journal()).contains(SALESFORCE_SECRET, SALESFORCE_REFRESH, HUBSPOT_TOKEN, GOOGLE_DEVELOPER_TOKEN,
                GOOGLE_SECRET, GOOGLE_REFRESH, GOOGLE_ACCESS, META_TOKEN, LINKEDIN_SECRET, LINKEDIN_REFRESH,
                POWERBI_SECRET, "canary-webhook-path-5511", "canary-slack-path-9090");

        List<String> answers = new ArrayList<>();
        for (String path : List.of("/api/syncs", "/api/alerts", "/api/kpis/catalog", "/api/kpis?kpi=new_leads")) {
            answers.add(call("GET", path).body());
        }
        for (long run : runs) {
            answers.add(call("GET", "/api/syncs/" + run).body());
            answers.add(call("GET", "/api/dead-letters?run=" + run).body());
        }
        String api = String.join("\n", answers);
        String store = String.join("\n", storedText());
        String log = output.getAll();
        assertThat(api).contains("salesforce", "hubspot");
        for (String canary : CANARIES) {
            assertThat(log).as("the log").doesNotContain(canary)
                    .doesNotContain(URLEncoder.encode(canary, StandardCharsets.UTF_8));
            assertThat(store).as("the store").doesNotContain(canary);
            assertThat(api).as("the API").doesNotContain(canary);
        }
    }

    /**
     * Every endpoint answers with an error that repeats what it was sent: OAuth token endpoints
     * repeat the form (client secret, refresh token), APIs repeat the URL and the credentials
     * headers, GA4's report endpoint does not answer in time.
     */
    private static void stubEchoingErrors() {
        String echo = "echo of {{request.method}} {{request.url}} authorization={{request.headers.Authorization}}"
                + " developer-token={{request.headers.developer-token}} body={{{request.body}}}";
        stub.stubFor(any(anyUrl()).atPriority(10).willReturn(error(500, "{\"message\": \"" + echo + "\"}")));
        stub.stubFor(post(urlPathEqualTo("/sf/services/oauth2/token")).willReturn(error(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"" + echo + "\"}")));
        stub.stubFor(any(urlPathMatching("/hubspot/.*")).willReturn(error(401, "{\"status\": \"error\", \"message\": \""
                + echo + "\", \"category\": \"INVALID_AUTHENTICATION\"}")));
        stub.stubFor(post(urlPathEqualTo("/ga4-token")).willReturn(okJson("{\"access_token\": \"" + GA4_ACCESS
                + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
        stub.stubFor(any(urlPathMatching("/ga4/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)
                .withBody("{}")));
        stub.stubFor(post(urlPathEqualTo("/gads-token")).willReturn(okJson("{\"access_token\": \"" + GOOGLE_ACCESS
                + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
        stub.stubFor(any(urlPathMatching("/gads/.*")).willReturn(error(400,
                "[{\"error\": {\"code\": 400, \"message\": \"" + echo + "\", \"status\": \"INVALID_ARGUMENT\"}}]")));
        stub.stubFor(any(urlPathMatching("/meta/.*")).willReturn(error(400,
                "{\"error\": {\"message\": \"" + echo + "\", \"type\": \"OAuthException\", \"code\": 190}}")));
        stub.stubFor(post(urlPathEqualTo("/linkedin-token")).willReturn(error(400,
                "{\"error\": \"invalid_request\", \"error_description\": \"" + echo + "\"}")));
        stub.stubFor(post(urlPathMatching("/pbi-token/.*")).willReturn(error(401,
                "{\"error\": \"invalid_client\", \"error_description\": \"" + echo + "\"}")));
    }

    private static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .withTransformers("response-template");
    }

    private static String journal() {
        StringBuilder sent = new StringBuilder();
        stub.getAllServeEvents().forEach(event -> sent.append(event.getRequest().getUrl()).append(' ')
                .append(event.getRequest().getHeaders()).append(' ').append(event.getRequest().getBodyAsString())
                .append('\n'));
        return sent.toString();
    }

    private long start(String source) throws Exception {
        HttpResponse<String> started = call("POST", "/api/syncs?source=" + source);
        assertThat(started.statusCode()).as(source + ": " + started.body()).isEqualTo(202);
        return Long.parseLong(started.body().replaceAll("\\D+", ""));
    }

    private Map<String, Object> awaitFinished(long run) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String body = call("GET", "/api/syncs/" + run).body();
            return new ObjectMapper().readValue(body, new TypeReference<Map<String, Object>>() { });
        }, finished -> !"running".equals(finished.get("status")));
    }

    private HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + API_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every text value in every table of the store. */
    private List<String> storedText() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> tables = new ArrayList<>();
        try (var connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet found = metadata.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (found.next()) {
                    tables.add(found.getString("TABLE_NAME"));
                }
            }
        }
        assertThat(tables).isNotEmpty();
        List<String> texts = new ArrayList<>();
        for (String table : tables) {
            jdbc.query("SELECT * FROM \"" + table + "\"", (ResultSet row) -> {
                ResultSetMetaData columns = row.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    int type = columns.getColumnType(i);
                    if (type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB || type == Types.LONGVARCHAR
                            || type == Types.OTHER) {
                        String value = row.getString(i);
                        if (value != null) {
                            texts.add(table + ": " + value);
                        }
                    }
                }
            });
        }
        return texts;
    }

    private static Path serviceAccount(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\\n"
                    + Base64.getMimeEncoder(64, new byte[] {(byte) 10})
                            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                            .replace("\r", "").replace("\n", "\\n")
                    + "\\n-----END PRIVATE KEY-----\\n";
            Path keyFile = dir.resolve("service-account.json").toAbsolutePath();
            Files.writeString(keyFile, "{\"type\": \"service_account\", \"private_key_id\": \"" + GA4_KEY_ID
                    + "\", \"private_key\": \"" + pem + "\", \"client_email\": \"canary@revloop-test.iam.gserviceaccount.com\"}");
            return keyFile;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
