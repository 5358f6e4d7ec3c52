package io.revloop.source.ga4;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.revloop.support.ServiceAccountKeys;
import io.revloop.support.SyncApi;
import io.revloop.sync.SyncRunner;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * GA4 against a WireMock Data API and token endpoint over real HTTP (runReport answers shaped like the
 * recorded ones: dimension and metric values as strings, dates as YYYYMMDD, rowCount, metadata,
 * propertyQuota). The service account's key is generated for the test, and the test checks the
 * signed assertion with its public key. D1 = two days ago. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.alerts.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.sources.ga4.property-id=properties/345678901",
        "revloop.sources.ga4.page-size=2",
        "revloop.sources.ga4.min-remaining-tokens=1000",
        "revloop.sources.ga4.backoff=10ms",
        "revloop.sources.ga4.max-backoff=2s"})
abstract class Ga4Scenarios {

    static final WireMockServer GOOGLE = new WireMockServer(options().dynamicPort());
    static final KeyPair KEY = ServiceAccountKeys.newKeyPair();
    private static final String REPORT = "/v1beta/properties/345678901:runReport";
    private static final String TOKEN = "/token";
    private static final String EMAIL = "revloop-ga4@revloop-test.iam.gserviceaccount.com";

    static {
        GOOGLE.start();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;
    @Autowired
    io.revloop.RevloopProperties properties;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate d1 = today.minusDays(2);

    static void ga4At(DynamicPropertyRegistry registry, String name) throws Exception {
        Path keyFile = ServiceAccountKeys.write(Path.of("target", "test-ga4", name, "service-account.json"), KEY, EMAIL);
        registry.add("revloop.sources.ga4.credentials-file", () -> keyFile.toAbsolutePath().toString());
        registry.add("revloop.sources.ga4.base-url", GOOGLE::baseUrl);
        registry.add("revloop.sources.ga4.token-url", () -> GOOGLE.baseUrl() + TOKEN);
        registry.add("revloop.sources.files.inbox",
                () -> Path.of("target", "test-inbox", "ga4-" + name).toAbsolutePath().toString());
    }

    @BeforeEach
    void emptyStore() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(syncRunner, "ga4");
        List.of("web_traffic", "leads", "kpi_values", "sync_runs", "sync_state", "dead_letters")
                .forEach(table -> jdbc.update("DELETE FROM " + table));
        GOOGLE.resetAll();
        GOOGLE.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson(
                "{\"access_token\": \"ya29.ga4-token-1\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
    }

    @Test
    void aMultiPageReportIsSummedPerDayAndChannel() throws Exception {
        stubTwoPages(30000);

        Map<String, Object> run = runGa4();

        // 3 GA4 rows; 2 day × channel rows: Paid Search (google and bing) and Referral (Organic Social)
        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 3).containsEntry("upserted", 2);
        Map<String, Object> paid = jdbc.queryForMap("SELECT * FROM web_traffic WHERE channel = 'Paid Search'");
        // 120 + 30 sessions, 80 + 20 engaged, 300 + 60 views, 6 000 + 900.5 s → 6 901 (rounded)
        assertThat(paid).containsEntry("SESSIONS", 150L).containsEntry("ENGAGED_SESSIONS", 100L)
                .containsEntry("PAGE_VIEWS", 360L).containsEntry("TOTAL_DURATION_SECONDS", 6901L).containsEntry("SOURCE", "ga4");
        assertThat((String) paid.get("EXTRA")).contains("\"key_events\":5", "\"time_zone\":\"Europe/Berlin\"",
                "\"google / cpc / brand-de\":120", "\"bing / cpc / brand-de\":30");
        assertThat(jdbc.queryForObject("SELECT sessions FROM web_traffic WHERE channel = 'Referral'", Long.class)).isEqualTo(50L);
        // two pages by offset; the quota asked for; 90 days up to today
        GOOGLE.verify(postRequestedFor(urlPathEqualTo(REPORT)).withRequestBody(matchingJsonPath("$.offset", equalTo("0")))
                .withRequestBody(matchingJsonPath("$.returnPropertyQuota", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.dateRanges[0].startDate", equalTo(today.minusDays(89).toString())))
                .withHeader("Authorization", equalTo("Bearer ya29.ga4-token-1")));
        GOOGLE.verify(postRequestedFor(urlPathEqualTo(REPORT)).withRequestBody(matchingJsonPath("$.offset", equalTo("2"))));
        // the service account's assertion: signed with its key, for the read-only Analytics scope
        LoggedRequest token = GOOGLE.findAll(postRequestedFor(urlPathEqualTo(TOKEN))).get(0);
        Map<String, String> form = form(token.getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) KEY.getPublic()))).isTrue();
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("k-test-1");
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(EMAIL);
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(GOOGLE.baseUrl() + TOKEN);
        assertThat(assertion.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/analytics.readonly");
    }

    @Test
    void theLookbackReReadOverwrites() throws Exception {
        stubTwoPages(30000);
        assertThat(runGa4()).containsEntry("status", "succeeded");
        // GA4 settled: D1 Paid Search is 140 sessions, and no Organic Social any more
        GOOGLE.resetMappings();
        emptyStoreTokenOnly();
        GOOGLE.stubFor(post(urlPathEqualTo(REPORT)).willReturn(okJson(report(1, 30000,
                row(d1, "Paid Search", "google", "cpc", "brand-de", "140", "90", "280", "5600", "4")))));

        Map<String, Object> run = runGa4();

        assertThat(run).containsEntry("recordsRead", 1).containsEntry("upserted", 1).containsEntry("deleted", 1);
        assertThat(jdbc.queryForObject("SELECT SUM(sessions) FROM web_traffic WHERE deleted_at IS NULL", Long.class))
                .isEqualTo(140L);
        // 3 days up to the first run's end
        GOOGLE.verify(postRequestedFor(urlPathEqualTo(REPORT))
                .withRequestBody(matchingJsonPath("$.dateRanges[0].startDate", equalTo(today.minusDays(2).toString()))));
    }

    @Test
    void aNearlyUsedUpQuotaStopsTheRunBeforeItIsGoneAndTheNextRunCompletes() throws Exception {
        // after the first page only 500 tokens per hour remain, below the 1 000 kept in reserve
        stubTwoPages(500);

        Map<String, Object> stopped = runGa4();

        assertThat(stopped).containsEntry("status", "failed");
        assertThat((String) stopped.get("error")).contains("GA4 quota nearly used up (tokensPerHour remaining 500)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM web_traffic", Long.class)).isZero();
        GOOGLE.verify(1, postRequestedFor(urlPathEqualTo(REPORT)));

        GOOGLE.resetMappings();
        emptyStoreTokenOnly();
        stubTwoPages(30000);
        assertThat(runGa4()).containsEntry("status", "succeeded").containsEntry("upserted", 2);
    }

    @Test
    void aTokenRefusedOnceIsRenewedAndA429BackedOff() throws Exception {
        GOOGLE.stubFor(post(urlPathEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\": \"ya29.ga4-token-1\", \"expires_in\": 3599}")).willSetStateTo("renewed"));
        GOOGLE.stubFor(post(urlPathEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"access_token\": \"ya29.ga4-token-2\", \"expires_in\": 3599}")));
        GOOGLE.stubFor(post(urlPathEqualTo(REPORT)).withHeader("Authorization", equalTo("Bearer ya29.ga4-token-1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"code\": 401, \"message\": \"Request had invalid authentication credentials.\", "
                                + "\"status\": \"UNAUTHENTICATED\"}}")));
        GOOGLE.stubFor(post(urlPathEqualTo(REPORT)).withHeader("Authorization", equalTo("Bearer ya29.ga4-token-2"))
                .inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"code\": 429, \"message\": \"Exhausted concurrent requests quota.\", "
                                + "\"status\": \"RESOURCE_EXHAUSTED\"}}")).willSetStateTo("open"));
        GOOGLE.stubFor(post(urlPathEqualTo(REPORT)).withHeader("Authorization", equalTo("Bearer ya29.ga4-token-2"))
                .inScenario("quota").whenScenarioStateIs("open").willReturn(okJson(report(1, 30000,
                        row(d1, "Direct", "(direct)", "(none)", "(not set)", "10", "5", "20", "100", "0")))));

        Map<String, Object> run = runGa4();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("upserted", 1);
        GOOGLE.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
        GOOGLE.verify(3, postRequestedFor(urlPathEqualTo(REPORT)));
    }

    @Test
    void malformedRowsAreDeadLetteredAndTheVisitorToLeadRateUsesTheRest() throws Exception {
        // 3 leads from Paid Search created on D1, from a file
        Path inbox = properties.sources().files().inbox();
        FileSystemUtils.deleteRecursively(inbox);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("leads.csv"), "id,email,channel,created_at\n"
                + "G1,g1@a.example,Paid Search," + d1 + "T09:00:00Z\n" + "G2,g2@b.example,Paid Search," + d1 + "T10:00:00Z\n"
                + "G3,g3@c.example,Paid Search," + d1 + "T11:00:00Z\n");
        assertThat(SyncApi.run(http, "files")).containsEntry("status", "succeeded");
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
        GOOGLE.stubFor(post(urlPathEqualTo(REPORT)).willReturn(okJson(report(3, 30000,
                row(d1, "Paid Search", "google", "cpc", "brand-de", "150", "100", "360", "6900", "5"),
                row(d1, "Paid Search", "google", "cpc", "x", "-3", "0", "0", "0", "0"),
                row(d1, "Direct", "(direct)", "(none)", "(not set)", "10", "5", "20", "100", "0")
                        .replace(d1.format(DateTimeFormatter.BASIC_ISO_DATE), "2026113x")))));

        Map<String, Object> run = runGa4();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 3).containsEntry("upserted", 1)
                .containsEntry("deadLettered", 2);
        assertThat(jdbc.queryForList("SELECT reason FROM dead_letters ORDER BY id", String.class)).hasSize(2)
                .anySatisfy(reason -> assertThat(reason).startsWith("ga4 row: negative metric"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("ga4 row: date '2026113x' is not a GA4 date (YYYYMMDD)"));
        // visitor-to-lead rate, Paid Search on D1: 3 leads ÷ 150 sessions = 0.02
        List<Map<String, Object>> rate = http.exchange("/api/kpis?kpi=visitor_to_lead_rate&grain=day&from=" + d1 + "&to=" + d1
                + "&by=channel", HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        assertThat(rate).filteredOn(r -> "Paid Search".equals(r.get("dimensionValue"))).singleElement()
                .satisfies(r -> assertThat(new BigDecimal(r.get("value").toString())).isEqualByComparingTo("0.02"));
    }

    // ------------------------------------------------------------------ payloads and helpers

    private void emptyStoreTokenOnly() {
        GOOGLE.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson(
                "{\"access_token\": \"ya29.ga4-token-1\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
    }

    /** Page 1 (offset 0): Paid Search from google and bing on D1; page 2 (offset 2): Organic Social. */
    private void stubTwoPages(long tokensPerHourRemaining) {
        GOOGLE.stubFor(post(urlPathEqualTo(REPORT)).withRequestBody(matchingJsonPath("$.offset", equalTo("0")))
                .willReturn(okJson(report(3, tokensPerHourRemaining,
                        row(d1, "Paid Search", "google", "cpc", "brand-de", "120", "80", "300", "6000", "4"),
                        row(d1, "Paid Search", "bing", "cpc", "brand-de", "30", "20", "60", "900.5", "1")))));
        GOOGLE.stubFor(post(urlPathEqualTo(REPORT)).withRequestBody(matchingJsonPath("$.offset", equalTo("2")))
                .willReturn(okJson(report(3, tokensPerHourRemaining,
                        row(d1, "Organic Social", "linkedin.com", "social", "(not set)", "50", "30", "70", "2000", "0")))));
    }

    private static String report(long rowCount, long tokensPerHourRemaining, String... rows) {
        return "{\"dimensionHeaders\": [{\"name\": \"date\"}, {\"name\": \"sessionDefaultChannelGroup\"}, "
                + "{\"name\": \"sessionSource\"}, {\"name\": \"sessionMedium\"}, {\"name\": \"sessionCampaignName\"}], "
                + "\"metricHeaders\": [{\"name\": \"sessions\", \"type\": \"TYPE_INTEGER\"}, {\"name\": \"engagedSessions\", "
                + "\"type\": \"TYPE_INTEGER\"}, {\"name\": \"screenPageViews\", \"type\": \"TYPE_INTEGER\"}, "
                + "{\"name\": \"userEngagementDuration\", \"type\": \"TYPE_SECONDS\"}, {\"name\": \"keyEvents\", \"type\": \"TYPE_FLOAT\"}], "
                + "\"rows\": [" + String.join(", ", rows) + "], \"rowCount\": " + rowCount + ", "
                + "\"metadata\": {\"currencyCode\": \"EUR\", \"timeZone\": \"Europe/Berlin\"}, "
                + "\"propertyQuota\": {\"tokensPerDay\": {\"consumed\": 40, \"remaining\": 199000}, "
                + "\"tokensPerHour\": {\"consumed\": 40, \"remaining\": " + tokensPerHourRemaining + "}, "
                + "\"concurrentRequests\": {\"consumed\": 0, \"remaining\": 10}}, \"kind\": \"analyticsData#runReport\"}";
    }

    private static String row(LocalDate day, String group, String source, String medium, String campaign, String sessions,
                              String engaged, String views, String seconds, String keyEvents) {
        return "{\"dimensionValues\": [{\"value\": \"" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "\"}, {\"value\": \""
                + group + "\"}, {\"value\": \"" + source + "\"}, {\"value\": \"" + medium + "\"}, {\"value\": \"" + campaign
                + "\"}], \"metricValues\": [{\"value\": \"" + sessions + "\"}, {\"value\": \"" + engaged + "\"}, {\"value\": \""
                + views + "\"}, {\"value\": \"" + seconds + "\"}, {\"value\": \"" + keyEvents + "\"}]}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }


    private Map<String, Object> runGa4() throws InterruptedException {
        Map<String, Object> run = SyncApi.run(http, "ga4");
        SyncApi.awaitWorkAfterRuns(syncRunner, "ga4");
        return run;
    }
}
