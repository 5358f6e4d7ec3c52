package io.revloop.source.ads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.revloop.support.SyncApi;
import io.revloop.sync.SyncRunner;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Google Ads against a WireMock Google Ads API over real HTTP (searchStream answers shaped like the
 * recorded ones: an array of batches of results, numbers of int64 as strings, cost in micros). Days
 * are dated from today (D1 = two days ago, D2 = yesterday), as a run reads up to today. The account
 * bills in USD; expected values are worked out by hand in the comments. A JSON document may be at most
 * 16 KB here, so a stream of many batches is read only batch by batch. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.alerts.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.base-currency=EUR",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.sources.google-ads.customer-id=111-222-3333",
        "revloop.sources.google-ads.login-customer-id=999-888-7777",
        "revloop.sources.google-ads.developer-token=dev-token-test-only",
        "revloop.sources.google-ads.client-id=revloop-test.apps.googleusercontent.com",
        "revloop.sources.google-ads.client-secret=gads-secret-test-only",
        "revloop.sources.google-ads.refresh-token=1//refresh-test-only",
        "revloop.sources.google-ads.backoff=10ms",
        "revloop.sources.google-ads.max-backoff=2s",
        "revloop.http.max-document-size=16KB"})
abstract class GoogleAdsScenarios {

    static final WireMockServer GOOGLE = new WireMockServer(options().dynamicPort());
    private static final String STREAM = "/v21/customers/1112223333/googleAds:searchStream";
    private static final String TOKEN = "/token";

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
    private final LocalDate d2 = today.minusDays(1);

    static void googleAt(DynamicPropertyRegistry registry, String name) {
        registry.add("revloop.sources.google-ads.base-url", GOOGLE::baseUrl);
        registry.add("revloop.sources.google-ads.token-url", () -> GOOGLE.baseUrl() + TOKEN);
        registry.add("revloop.sources.files.inbox",
                () -> Path.of("target", "test-inbox", "google-ads-" + name).toAbsolutePath().toString());
    }

    @BeforeEach
    void emptyStore() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(syncRunner, "google-ads");
        List.of("ad_spend", "fx_rates", "leads", "kpi_values", "sync_runs", "sync_state", "dead_letters")
                .forEach(table -> jdbc.update("DELETE FROM " + table));
        GOOGLE.resetAll();
        GOOGLE.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson(
                "{\"access_token\": \"ya29.test-1\", \"expires_in\": 3599, \"scope\": \"https://www.googleapis.com/auth/adwords\", "
                        + "\"token_type\": \"Bearer\"}")));
    }

    @Test
    void aFirstSyncReadsEveryBatchIntoAdSpend() throws Exception {
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson(firstAnswer())));

        Map<String, Object> run = runGoogleAds();

        // 3 results read and written
        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 3).containsEntry("upserted", 3)
                .containsEntry("deleted", 0).containsEntry("deadLettered", 0);
        // C1 on D1: 12 345 670 micros = 12.34567 USD, a search campaign
        Map<String, Object> brand = jdbc.queryForMap("SELECT * FROM ad_spend WHERE campaign_external_id = '1001' "
                + "AND spend_date = ?", d1);
        assertThat((BigDecimal) brand.get("COST")).isEqualByComparingTo("12.34567");
        assertThat(brand).containsEntry("CURRENCY", "USD").containsEntry("CHANNEL", "Paid Search")
                .containsEntry("PLATFORM", "google_ads").containsEntry("SOURCE", "google-ads")
                .containsEntry("CLICKS", 10L).containsEntry("IMPRESSIONS", 100L)
                .containsEntry("EXTRA", "{\"campaign_name\":\"Brand search\",\"time_zone\":\"America/New_York\"}");
        assertThat((BigDecimal) brand.get("CONVERSIONS")).isEqualByComparingTo("1.5");
        assertThat(jdbc.queryForObject("SELECT channel FROM ad_spend WHERE campaign_external_id = '1002'", String.class))
                .isEqualTo("Other");
        // the request: developer token, manager account, the refreshed OAuth token, 90 days up to today
        GOOGLE.verify(postRequestedFor(urlPathEqualTo(STREAM)).withHeader("developer-token", equalTo("dev-token-test-only"))
                .withHeader("login-customer-id", equalTo("9998887777")).withHeader("Authorization", equalTo("Bearer ya29.test-1"))
                .withRequestBody(containing("segments.date BETWEEN '" + today.minusDays(89) + "' AND '" + today + "'")));
        GOOGLE.verify(postRequestedFor(urlPathEqualTo(TOKEN)).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=1%2F%2Frefresh-test-only")));
    }

    @Test
    void theLookbackReReadOverwritesAndDropsWhatTheAccountNoLongerReports() throws Exception {
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson(firstAnswer())));
        assertThat(runGoogleAds()).containsEntry("status", "succeeded");
        // Google restated C1 on D1 (12.34567 → 15) and no longer reports C2 on D1; C1 on D2 is unchanged
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson("[" + batch(
                result("1001", "Brand search", "SEARCH", d1, "15000000", "12", "120", "2"),
                result("1001", "Brand search", "SEARCH", d2, "30000000", "20", "300", "0")) + "]")));

        Map<String, Object> run = runGoogleAds();

        // read 2; upserted: C1 on D1 (changed); deleted: C2 on D1
        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 2).containsEntry("upserted", 1)
                .containsEntry("deleted", 1);
        // the store's total is Google's second answer: 15 + 30, not 15 + 30 + 12.34567 + 2
        assertThat(jdbc.queryForObject("SELECT SUM(cost) FROM ad_spend WHERE deleted_at IS NULL", BigDecimal.class))
                .isEqualByComparingTo("45");
        // the second run re-reads the 30 days up to the first run's end
        GOOGLE.verify(postRequestedFor(urlPathEqualTo(STREAM))
                .withRequestBody(containing("BETWEEN '" + today.minusDays(29) + "' AND '" + today + "'")));
    }

    @Test
    void aQuotaErrorIsBackedOffAndTheRunCompletes() throws Exception {
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "[{\"error\": {\"code\": 429, \"message\": \"Resource has been exhausted (e.g. check quota).\", "
                                + "\"status\": \"RESOURCE_EXHAUSTED\"}}]")).willSetStateTo("ok"));
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).inScenario("quota").whenScenarioStateIs("ok")
                .willReturn(okJson(firstAnswer())));

        Map<String, Object> run = runGoogleAds();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 3).containsEntry("upserted", 3);
        GOOGLE.verify(2, postRequestedFor(urlPathEqualTo(STREAM)));
    }

    @Test
    void anExpiredTokenIsRefreshedOnce() throws Exception {
        GOOGLE.stubFor(post(urlPathEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\": \"ya29.test-1\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}"))
                .willSetStateTo("renewed"));
        GOOGLE.stubFor(post(urlPathEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"access_token\": \"ya29.test-2\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).withHeader("Authorization", equalTo("Bearer ya29.test-1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(
                        "[{\"error\": {\"code\": 401, \"message\": \"Request had invalid authentication credentials.\", "
                                + "\"status\": \"UNAUTHENTICATED\"}}]")));
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).withHeader("Authorization", equalTo("Bearer ya29.test-2"))
                .willReturn(okJson(firstAnswer())));

        Map<String, Object> run = runGoogleAds();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("upserted", 3);
        GOOGLE.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    @Test
    void aMalformedRowIsDeadLetteredAndTheRestStored() throws Exception {
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson("[" + batch(
                result("1001", "Brand search", "SEARCH", d1, "12345670", "10", "100", "1.5"),
                result("1003", "Broken", "SEARCH", d1, "12,5", "1", "1", "0"),
                result("1004", "Leap", "SEARCH", null, "1000000", "1", "1", "0").replace("\"date\": null", "\"date\": \"2026-02-30\"")) + "]")));

        Map<String, Object> run = runGoogleAds();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 3).containsEntry("upserted", 1)
                .containsEntry("deadLettered", 2);
        assertThat(jdbc.queryForList("SELECT reason FROM dead_letters ORDER BY id", String.class)).containsExactly(
                "google_ads campaign 1003: cost_micros '12,5' is not a number",
                "google_ads campaign 1004 on 2026-02-30: date '2026-02-30' is not a date (YYYY-MM-DD)");
    }

    @Test
    void aStreamLargerThanTheDocumentCapIsReadBatchByBatch() throws Exception {
        // 60 batches of one result each (about 0.7 KB a batch, over 40 KB in all): campaigns 2001–2060 on D1,
        // 1 USD each; read whole, the answer would pass the 16 KB cap
        StringBuilder batches = new StringBuilder();
        for (int campaign = 2001; campaign <= 2060; campaign++) {
            batches.append(campaign == 2001 ? "" : ", ").append(batch(result(Integer.toString(campaign), "Campaign "
                    + campaign, "SEARCH", d1, "1000000", "1", "10", "0")));
        }
        assertThat(batches.length()).isGreaterThan(40_000);
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson("[" + batches + "]")));

        Map<String, Object> run = runGoogleAds();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 60).containsEntry("upserted", 60);
        // 60 × 1 USD
        assertThat(jdbc.queryForObject("SELECT SUM(cost) FROM ad_spend", BigDecimal.class)).isEqualByComparingTo("60");
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT campaign_external_id) FROM ad_spend", Long.class))
                .isEqualTo(60L);
    }

    @Test
    void aBatchLargerThanTheDocumentCapFailsTheRunAndTheNextRunGoesOn() throws Exception {
        // one batch of 100 results: some 40 KB, over the 16 KB cap (and the parser's 8 KB read-ahead)
        String[] results = new String[100];
        for (int i = 0; i < results.length; i++) {
            results[i] = result(Integer.toString(3001 + i), "Campaign " + i, "SEARCH", d1, "1000000", "1", "10", "0");
        }
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson("[" + batch(results) + "]")));

        Map<String, Object> refused = runGoogleAds();

        assertThat(refused).containsEntry("status", "failed").containsEntry("upserted", 0);
        assertThat((String) refused.get("error")).contains("Google Ads answered POST " + STREAM
                + " with a JSON document larger than 16KB (revloop.http.max-document-size)");
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson(firstAnswer())));
        assertThat(runGoogleAds()).containsEntry("status", "succeeded").containsEntry("upserted", 3);
    }

    @Test
    void costInTwoCurrenciesIsConvertedWithTheDaysRate() throws Exception {
        // a LinkedIn row of 100 EUR from a file, and USD at 0.9 EUR since 2020
        Path inbox = properties.sources().files().inbox();
        FileSystemUtils.deleteRecursively(inbox);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("fx_rates.csv"), "date,currency,rate\n2020-01-01,USD,0.9\n");
        Files.writeString(inbox.resolve("ad_spend.csv"), "date,platform,campaign_id,channel,cost,currency\n"
                + d1 + ",linkedin_ads,li-7,Paid Social,100.00,EUR\n");
        // two leads whose UTM campaign carries Google's campaign id ({campaignid}), as docs/ads.md advises
        Files.writeString(inbox.resolve("leads.csv"), "id,email,channel,campaign_id,created_at\n"
                + "GL1,gl1@a.example,Paid Search,1001," + d1 + "T09:00:00Z\n"
                + "GL2,gl2@b.example,Paid Search,1001," + d1 + "T15:00:00Z\n");
        assertThat(SyncApi.run(http, "files")).containsEntry("status", "succeeded");
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
        GOOGLE.stubFor(post(urlPathEqualTo(STREAM)).willReturn(okJson("[" + batch(
                result("1001", "Brand search", "SEARCH", d1, "10000000", "10", "100", "0")) + "]")));

        assertThat(runGoogleAds()).containsEntry("status", "succeeded");

        // D1's ad spend: 100 EUR + 10 USD × 0.9 = 109 EUR; by channel Paid Search 9, Paid Social 100
        assertThat(kpi("ad_spend", d1, null)).isEqualByComparingTo("109");
        assertThat(kpi("ad_spend", d1, "Paid Search")).isEqualByComparingTo("9");
        // the closed loop per campaign: cost per lead of campaign 1001 in D1's month = 9 EUR ÷ 2 leads
        List<Map<String, Object>> cpl = http.exchange("/api/kpis?kpi=cost_per_lead&grain=month&from=" + d1 + "&to=" + d1
                + "&by=campaign", HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        assertThat(cpl).filteredOn(r -> "1001".equals(r.get("dimensionValue"))).singleElement()
                .satisfies(r -> assertThat(new BigDecimal(r.get("value").toString())).isEqualByComparingTo("4.5"));
    }

    // ------------------------------------------------------------------ payloads and helpers

    /** Two batches: C1 (search) and C2 (display) on D1, then C1 on D2. */
    private String firstAnswer() {
        return "[" + batch(result("1001", "Brand search", "SEARCH", d1, "12345670", "10", "100", "1.5"),
                result("1002", "Retargeting", "DISPLAY", d1, "2000000", "3", "900", "0")) + ", "
                + batch(result("1001", "Brand search", "SEARCH", d2, "30000000", "20", "300", "0")) + "]";
    }

    private static String batch(String... results) {
        return "{\"results\": [" + String.join(", ", results) + "], \"fieldMask\": \"customer.currencyCode,"
                + "customer.timeZone,campaign.id,campaign.name,campaign.advertisingChannelType,segments.date,"
                + "metrics.costMicros,metrics.clicks,metrics.impressions,metrics.conversions\", "
                + "\"requestId\": \"rvl-test-request\", \"queryResourceConsumption\": \"120\"}";
    }

    private static String result(String id, String name, String type, LocalDate date, String costMicros, String clicks,
                                 String impressions, String conversions) {
        return """
                {"customer": {"resourceName": "customers/1112223333", "currencyCode": "USD", "timeZone": "America/New_York"},
                 "campaign": {"resourceName": "customers/1112223333/campaigns/%s", "id": "%s", "name": "%s",
                              "advertisingChannelType": "%s"},
                 "segments": {"date": %s},
                 "metrics": {"costMicros": "%s", "clicks": "%s", "impressions": "%s", "conversions": %s}}"""
                .formatted(id, id, name, type, date == null ? "null" : "\"" + date + "\"", costMicros, clicks,
                        impressions, conversions);
    }

    /** A run through the API, and the work after it (scoring, KPIs), as the next run waits for it anyway. */
    private Map<String, Object> runGoogleAds() throws InterruptedException {
        Map<String, Object> run = SyncApi.run(http, "google-ads");
        SyncApi.awaitWorkAfterRuns(syncRunner, "google-ads");
        return run;
    }

    private BigDecimal kpi(String kpi, LocalDate day, String channel) {
        List<Map<String, Object>> rows = http.exchange("/api/kpis?kpi=" + kpi + "&grain=day&from=" + day + "&to=" + day
                + (channel == null ? "" : "&by=channel"), HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        return rows.stream().filter(r -> channel == null || channel.equals(r.get("dimensionValue")))
                .map(r -> new BigDecimal(r.get("value").toString())).findFirst().orElseThrow();
    }
}
