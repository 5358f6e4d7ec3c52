package io.revloop.source.ads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * LinkedIn ads against a WireMock Marketing API over real HTTP (adAnalytics shaped like the recorded
 * answers: costs as decimal strings, dates as year/month/day objects, campaign URNs in pivotValues).
 * Campaigns 9001 and 9002 belong to campaign group 600 ("Q4 ABM"), 9003 to group 601; the account
 * bills in EUR. D1 = two days ago, D2 = yesterday. Campaigns are keyed by name here
 * ({@code campaign-key=name}, for UTM tags written by hand); Google Ads and Meta test the id. Runs once
 * per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.alerts.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.base-currency=EUR",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.linkedin-ads.account-id=5070001",
        "revloop.sources.linkedin-ads.client-id=78rvltest",
        "revloop.sources.linkedin-ads.client-secret=li-secret-test-only",
        "revloop.sources.linkedin-ads.refresh-token=AQX-li-refresh-test-only",
        "revloop.sources.linkedin-ads.page-size=2",
        "revloop.sources.linkedin-ads.campaign-key=name",
        "revloop.sources.linkedin-ads.backoff=10ms",
        "revloop.sources.linkedin-ads.max-backoff=2s"})
abstract class LinkedInAdsScenarios {

    static final WireMockServer LINKEDIN = new WireMockServer(options().dynamicPort());
    /** Another host, where a crafted answer would send the token: must never be asked anything. */
    static final WireMockServer ELSEWHERE = new WireMockServer(options().dynamicPort());
    private static final String ANALYTICS = "/rest/adAnalytics";
    private static final String TOKEN = "/oauth/v2/accessToken";

    static {
        LINKEDIN.start();
        ELSEWHERE.start();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate d1 = today.minusDays(2);
    private final LocalDate d2 = today.minusDays(1);

    static void linkedInAt(DynamicPropertyRegistry registry) {
        registry.add("revloop.sources.linkedin-ads.base-url", LINKEDIN::baseUrl);
        registry.add("revloop.sources.linkedin-ads.token-url", () -> LINKEDIN.baseUrl() + TOKEN);
    }

    @BeforeEach
    void emptyStoreAndAccount() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(syncRunner, "linkedin-ads");
        List.of("ad_spend", "kpi_values", "sync_runs", "sync_state", "dead_letters")
                .forEach(table -> jdbc.update("DELETE FROM " + table));
        LINKEDIN.resetAll();
        ELSEWHERE.resetAll();
        LINKEDIN.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson(
                "{\"access_token\": \"AQV-li-token-1\", \"expires_in\": 5183999, \"refresh_token\": \"AQX-li-refresh-test-only\", "
                        + "\"refresh_token_expires_in\": 31535999}")));
        LINKEDIN.stubFor(get(urlPathEqualTo("/rest/adAccounts/5070001")).willReturn(okJson(
                "{\"id\": 5070001, \"name\": \"Revloop test account\", \"currency\": \"EUR\", \"status\": \"ACTIVE\", "
                        + "\"type\": \"BUSINESS\"}")));
        LINKEDIN.stubFor(get(urlPathEqualTo("/rest/adAccounts/5070001/adCampaignGroups")).willReturn(okJson(
                "{\"elements\": [{\"id\": 600, \"name\": \"Q4 ABM\", \"status\": \"ACTIVE\"}, "
                        + "{\"id\": 601, \"name\": \"Webinar promo\", \"status\": \"ACTIVE\"}], \"metadata\": {}}")));
        // two pages of campaigns
        LINKEDIN.stubFor(get(urlPathEqualTo("/rest/adAccounts/5070001/adCampaigns")).withQueryParam("pageToken", absent())
                .willReturn(okJson("{\"elements\": [" + campaign(9001, 600) + ", " + campaign(9002, 600) + "], "
                        + "\"metadata\": {\"nextPageToken\": \"DgIQ2\"}}")));
        LINKEDIN.stubFor(get(urlPathEqualTo("/rest/adAccounts/5070001/adCampaigns")).withQueryParam("pageToken", equalTo("DgIQ2"))
                .willReturn(okJson("{\"elements\": [" + campaign(9003, 601) + "], \"metadata\": {}}")));
    }

    @Test
    void campaignsAreSummedToTheirCampaignGroupPerDay() throws Exception {
        LINKEDIN.stubFor(get(urlPathEqualTo(ANALYTICS)).willReturn(okJson(analytics(
                element(9001, d1, "12.50", 1000, 20, 2), element(9002, d1, "7.50", 500, 5, 1),
                element(9003, d1, "-2E-18", 0, 0, 0), element(9001, d2, "5", 200, 4, 0)))));

        Map<String, Object> run = runLinkedIn();

        // 3 group days: 600 on D1 (9001 + 9002), 601 on D1, 600 on D2
        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 3).containsEntry("upserted", 3);
        Map<String, Object> abm = jdbc.queryForMap("SELECT * FROM ad_spend WHERE campaign_external_id = 'Q4 ABM' AND spend_date = ?", d1);
        // 12.50 + 7.50 = 20; clicks 20 + 5; impressions 1 000 + 500; leads 2 + 1
        assertThat((BigDecimal) abm.get("COST")).isEqualByComparingTo("20");
        assertThat((BigDecimal) abm.get("CONVERSIONS")).isEqualByComparingTo("3");
        assertThat(abm).containsEntry("CLICKS", 25L).containsEntry("IMPRESSIONS", 1500L).containsEntry("CURRENCY", "EUR")
                .containsEntry("CHANNEL", "Paid Social").containsEntry("PLATFORM", "linkedin_ads")
                .containsEntry("EXTRA", "{\"platform_campaign_id\":\"600\",\"campaign_name\":\"Q4 ABM\"}");
        // LinkedIn's rounding noise -2E-18 is no spend
        assertThat(jdbc.queryForObject("SELECT cost FROM ad_spend WHERE campaign_external_id = 'Webinar promo'", BigDecimal.class))
                .isEqualByComparingTo("0");
        LINKEDIN.verify(getRequestedFor(urlPathEqualTo(ANALYTICS)).withQueryParam("q", equalTo("analytics"))
                .withQueryParam("pivot", equalTo("CAMPAIGN")).withQueryParam("timeGranularity", equalTo("DAILY"))
                .withQueryParam("dateRange", equalTo("(start:" + restli(today.minusDays(89)) + ",end:" + restli(today) + ")"))
                .withQueryParam("accounts", equalTo("List(urn:li:sponsoredAccount:5070001)"))
                .withHeader("LinkedIn-Version", equalTo("202410")).withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withHeader("Authorization", equalTo("Bearer AQV-li-token-1")));
    }

    @Test
    void theLookbackReReadOverwrites() throws Exception {
        LINKEDIN.stubFor(get(urlPathEqualTo(ANALYTICS)).willReturn(okJson(analytics(
                element(9001, d1, "12.50", 1000, 20, 2), element(9003, d1, "3", 10, 1, 0)))));
        assertThat(runLinkedIn()).containsEntry("status", "succeeded");
        // LinkedIn restated 9001 on D1 (12.50 → 11) and no longer reports 9003 (group 601) on D1
        LINKEDIN.stubFor(get(urlPathEqualTo(ANALYTICS)).willReturn(okJson(analytics(element(9001, d1, "11", 1000, 20, 2)))));

        Map<String, Object> run = runLinkedIn();

        assertThat(run).containsEntry("recordsRead", 1).containsEntry("upserted", 1).containsEntry("deleted", 1);
        assertThat(jdbc.queryForObject("SELECT SUM(cost) FROM ad_spend WHERE deleted_at IS NULL", BigDecimal.class))
                .isEqualByComparingTo("11");
    }

    @Test
    void anExpiredTokenIsRefreshedAndA429BackedOff() throws Exception {
        LINKEDIN.stubFor(post(urlPathEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\": \"AQV-li-token-1\", \"expires_in\": 5183999}")).willSetStateTo("renewed"));
        LINKEDIN.stubFor(post(urlPathEqualTo(TOKEN)).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"access_token\": \"AQV-li-token-2\", \"expires_in\": 5183999}")));
        LINKEDIN.stubFor(get(urlPathEqualTo(ANALYTICS)).withHeader("Authorization", equalTo("Bearer AQV-li-token-1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\": 401, \"serviceErrorCode\": 65601, \"code\": \"REVOKED_ACCESS_TOKEN\", "
                                + "\"message\": \"The token used in the request has been revoked by the user\"}")));
        LINKEDIN.stubFor(get(urlPathEqualTo(ANALYTICS)).withHeader("Authorization", equalTo("Bearer AQV-li-token-2"))
                .inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Resource level throttle APPLICATION DAY limit for calls to this resource "
                                + "is reached.\", \"status\": 429}")).willSetStateTo("open"));
        LINKEDIN.stubFor(get(urlPathEqualTo(ANALYTICS)).withHeader("Authorization", equalTo("Bearer AQV-li-token-2"))
                .inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson(analytics(element(9001, d1, "12.50", 1000, 20, 2)))));

        Map<String, Object> run = runLinkedIn();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("upserted", 1);
        LINKEDIN.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
        LINKEDIN.verify(3, getRequestedFor(urlPathEqualTo(ANALYTICS)));
    }

    @Test
    void aMalformedElementIsDeadLetteredAndTheRestStored() throws Exception {
        LINKEDIN.stubFor(get(urlPathEqualTo(ANALYTICS)).willReturn(okJson(analytics(
                element(9001, d1, "12.50", 1000, 20, 2), element(9003, d1, "twelve", 10, 1, 0)))));

        Map<String, Object> run = runLinkedIn();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 2).containsEntry("upserted", 1)
                .containsEntry("deadLettered", 1);
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letters", String.class))
                .startsWith("linkedin_ads campaign 9003: ");
    }

    @Test
    void aPageTokenThatIsALinkStopsTheRunBeforeAnyRequestGoesWithIt() throws Exception {
        String elsewhere = ELSEWHERE.baseUrl() + "/rest/adAccounts/5070001/adCampaigns?q=search&pageToken=DgIQ2";
        LINKEDIN.stubFor(get(urlPathEqualTo("/rest/adAccounts/5070001/adCampaigns")).withQueryParam("pageToken", absent())
                .willReturn(okJson("{\"elements\": [" + campaign(9001, 600) + "], \"metadata\": {\"nextPageToken\": \""
                        + elsewhere + "\"}}")));

        Map<String, Object> run = runLinkedIn();

        assertThat(run).containsEntry("status", "failed");
        assertThat((String) run.get("error")).contains("LinkedIn answered a metadata.nextPageToken that is not a paging"
                + " token ('" + elsewhere + "'); no request was sent with it");
        LINKEDIN.verify(1, getRequestedFor(urlPathEqualTo("/rest/adAccounts/5070001/adCampaigns")));
        LINKEDIN.verify(0, getRequestedFor(urlPathEqualTo(ANALYTICS)));
        assertThat(ELSEWHERE.getAllServeEvents()).isEmpty();
    }

    // ------------------------------------------------------------------ payloads and helpers

    private static String campaign(long id, long group) {
        return "{\"id\": " + id + ", \"name\": \"Campaign " + id + "\", \"account\": \"urn:li:sponsoredAccount:5070001\", "
                + "\"campaignGroup\": \"urn:li:sponsoredCampaignGroup:" + group + "\", \"status\": \"ACTIVE\"}";
    }

    private static String analytics(String... elements) {
        return "{\"paging\": {\"start\": 0, \"count\": 10, \"links\": []}, \"elements\": [" + String.join(", ", elements) + "]}";
    }

    private static String element(long campaign, LocalDate day, String cost, long impressions, long clicks, long leads) {
        String date = "{\"month\": " + day.getMonthValue() + ", \"day\": " + day.getDayOfMonth() + ", \"year\": " + day.getYear() + "}";
        return "{\"clicks\": " + clicks + ", \"impressions\": " + impressions + ", \"oneClickLeads\": " + leads
                + ", \"pivotValues\": [\"urn:li:sponsoredCampaign:" + campaign + "\"], \"costInLocalCurrency\": \"" + cost
                + "\", \"dateRange\": {\"start\": " + date + ", \"end\": " + date + "}}";
    }

    private static String restli(LocalDate day) {
        return "(year:" + day.getYear() + ",month:" + day.getMonthValue() + ",day:" + day.getDayOfMonth() + ")";
    }

    private Map<String, Object> runLinkedIn() throws InterruptedException {
        Map<String, Object> run = SyncApi.run(http, "linkedin-ads");
        SyncApi.awaitWorkAfterRuns(syncRunner, "linkedin-ads");
        return run;
    }
}
