package io.revloop.source.ads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
 * Meta ads against a WireMock Graph API over real HTTP (insights answers shaped like the recorded
 * ones: numbers as strings, actions as a list, cursor paging). Days are dated from today (D1 = two
 * days ago, D2 = yesterday); the account bills in EUR. Expected values worked out by hand in the
 * comments. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.alerts.enabled=false",
        "revloop.time-zone=UTC",
        "revloop.base-currency=EUR",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.meta-ads.account-id=act_555000111",
        "revloop.sources.meta-ads.access-token=EAAG-meta-token-test-only",
        "revloop.sources.meta-ads.page-size=2",
        "revloop.sources.meta-ads.backoff=10ms",
        "revloop.sources.meta-ads.max-backoff=2s"})
abstract class MetaAdsScenarios {

    static final WireMockServer META = new WireMockServer(options().dynamicPort());
    /** Another host, where a crafted answer would send the token: must never be asked anything. */
    static final WireMockServer ELSEWHERE = new WireMockServer(options().dynamicPort());
    private static final String ACCOUNT = "/v21.0/act_555000111";
    private static final String INSIGHTS = ACCOUNT + "/insights";

    static {
        META.start();
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

    static void metaAt(DynamicPropertyRegistry registry) {
        registry.add("revloop.sources.meta-ads.base-url", META::baseUrl);
    }

    @BeforeEach
    void emptyStore() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(syncRunner, "meta-ads");
        List.of("ad_spend", "kpi_values", "sync_runs", "sync_state", "dead_letters")
                .forEach(table -> jdbc.update("DELETE FROM " + table));
        META.resetAll();
        ELSEWHERE.resetAll();
        META.stubFor(get(urlPathEqualTo(ACCOUNT)).willReturn(okJson(
                "{\"currency\": \"EUR\", \"timezone_name\": \"Europe/Berlin\", \"id\": \"act_555000111\"}")));
    }

    @Test
    void aFirstSyncFollowsTheCursorThroughEveryPage() throws Exception {
        stubTwoPages();

        Map<String, Object> run = runMeta();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 3).containsEntry("upserted", 3)
                .containsEntry("deadLettered", 0);
        Map<String, Object> leadGen = jdbc.queryForMap("SELECT * FROM ad_spend WHERE campaign_external_id = '23850000001' "
                + "AND spend_date = ?", d1);
        // spend 50.25 EUR; 3 "lead" actions (the 30 link clicks are not leads)
        assertThat((BigDecimal) leadGen.get("COST")).isEqualByComparingTo("50.25");
        assertThat((BigDecimal) leadGen.get("CONVERSIONS")).isEqualByComparingTo("3");
        assertThat(leadGen).containsEntry("CURRENCY", "EUR").containsEntry("CHANNEL", "Paid Social")
                .containsEntry("PLATFORM", "meta_ads").containsEntry("CLICKS", 30L).containsEntry("IMPRESSIONS", 1000L)
                .containsEntry("EXTRA", "{\"campaign_name\":\"Lead gen DE\",\"time_zone\":\"Europe/Berlin\"}");
        // 50.25 + 10 + 20.5
        assertThat(jdbc.queryForObject("SELECT SUM(cost) FROM ad_spend", BigDecimal.class)).isEqualByComparingTo("80.75");
        META.verify(getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("level", equalTo("campaign"))
                .withQueryParam("time_increment", equalTo("1"))
                .withQueryParam("time_range", equalTo("{\"since\":\"" + today.minusDays(89) + "\",\"until\":\"" + today + "\"}"))
                .withQueryParam("after", absent()).withHeader("Authorization", equalTo("Bearer EAAG-meta-token-test-only")));
        META.verify(getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("after", equalTo("QVFIUcursor2")));
    }

    @Test
    void theLookbackReReadOverwrites() throws Exception {
        stubTwoPages();
        assertThat(runMeta()).containsEntry("status", "succeeded");
        // Meta restated campaign 1 on D1 (50.25 → 55) and dropped campaign 2's day
        META.resetMappings();
        emptyAccount();
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson(page(null,
                row("23850000001", "Lead gen DE", d1, "55.00", "1100", "33", "4"),
                row("23850000001", "Lead gen DE", d2, "20.50", "400", "12", "1")))));

        Map<String, Object> run = runMeta();

        assertThat(run).containsEntry("recordsRead", 2).containsEntry("upserted", 1).containsEntry("deleted", 1);
        // the store holds Meta's second answer: 55 + 20.5
        assertThat(jdbc.queryForObject("SELECT SUM(cost) FROM ad_spend WHERE deleted_at IS NULL", BigDecimal.class))
                .isEqualByComparingTo("75.5");
        // 28 days up to the first run's end
        META.verify(getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("time_range",
                containing("\"since\":\"" + today.minusDays(27) + "\"")));
    }

    @Test
    void throttlingErrorsAreBackedOffAndTheRunCompletes() throws Exception {
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"message\": \"(#80004) There have been too many calls to this ad-account. Wait a bit "
                                + "and try again.\", \"type\": \"OAuthException\", \"code\": 80004, \"error_subcode\": 2446079, "
                                + "\"fbtrace_id\": \"Arvl0test1\"}}")).willSetStateTo("again"));
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("throttle").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"message\": \"(#17) User request limit reached\", \"type\": \"OAuthException\", "
                                + "\"code\": 17, \"fbtrace_id\": \"Arvl0test2\"}}")).willSetStateTo("open"));
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(okJson(page(null, row("23850000001", "Lead gen DE", d1, "50.25", "1000", "30", "3")))));

        Map<String, Object> run = runMeta();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 1).containsEntry("upserted", 1);
        META.verify(3, getRequestedFor(urlPathEqualTo(INSIGHTS)));
    }

    @Test
    void aMalformedRowIsDeadLetteredAndARefusedTokenFailsTheRunWithoutShowingIt() throws Exception {
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson(page(null,
                row("23850000001", "Lead gen DE", d1, "50.25", "1000", "30", "3"),
                row("23850000003", "Broken", d1, "n/a", "10", "1", "0")))));

        Map<String, Object> run = runMeta();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 2).containsEntry("upserted", 1)
                .containsEntry("deadLettered", 1);
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letters", String.class))
                .startsWith("meta_ads campaign 23850000003 on " + d1 + ": cost 'n/a'");

        META.stubFor(get(urlPathEqualTo(ACCOUNT)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"message\": \"Error validating "
                        + "access token: Session has expired\", \"type\": \"OAuthException\", \"code\": 190}}")));
        Map<String, Object> refused = runMeta();
        assertThat(refused).containsEntry("status", "failed");
        assertThat((String) refused.get("error")).contains("revloop.sources.meta-ads.access-token")
                .doesNotContain("EAAG-meta-token-test-only");
    }

    @Test
    void aNextLinkToAnotherHostStopsTheRunBeforeAnyRequestGoesThere() throws Exception {
        String elsewhere = ELSEWHERE.baseUrl() + INSIGHTS + "?after=QVFIUcursor2";
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", absent()).willReturn(okJson("{\"data\": ["
                + row("23850000001", "Lead gen DE", d1, "50.25", "1000", "30", "3") + "], \"paging\": {\"cursors\":"
                + " {\"before\": \"QVFIUcursor1\", \"after\": \"QVFIUcursor2\"}, \"next\": \"" + elsewhere + "\"}}")));

        Map<String, Object> run = runMeta();

        assertThat(run).containsEntry("status", "failed").containsEntry("upserted", 0);
        assertThat((String) run.get("error")).contains("Meta answered a paging.next outside " + META.baseUrl() + INSIGHTS
                + " ('" + elsewhere + "'); no request was sent to it");
        META.verify(0, getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("after", equalTo("QVFIUcursor2")));
        assertThat(ELSEWHERE.getAllServeEvents()).isEmpty();
    }

    // ------------------------------------------------------------------ payloads and helpers

    private void emptyAccount() {
        META.stubFor(get(urlPathEqualTo(ACCOUNT)).willReturn(okJson(
                "{\"currency\": \"EUR\", \"timezone_name\": \"Europe/Berlin\", \"id\": \"act_555000111\"}")));
    }

    /** Page 1: campaigns 1 and 2 on D1; page 2 (after cursor QVFIUcursor2): campaign 1 on D2. */
    private void stubTwoPages() {
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", absent()).willReturn(okJson(page("QVFIUcursor2",
                row("23850000001", "Lead gen DE", d1, "50.25", "1000", "30", "3"),
                row("23850000002", "Awareness", d1, "10.00", "5000", "5", "0")))));
        META.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", equalTo("QVFIUcursor2")).willReturn(okJson(
                page(null, row("23850000001", "Lead gen DE", d2, "20.50", "400", "12", "1")))));
    }

    private String page(String after, String... rows) {
        String paging = after == null
                ? "{\"cursors\": {\"before\": \"QVFIUcursor1\", \"after\": \"QVFIUcursorEnd\"}}"
                : "{\"cursors\": {\"before\": \"QVFIUcursor1\", \"after\": \"" + after + "\"}, \"next\": \""
                        + META.baseUrl() + INSIGHTS + "?after=" + after + "\"}";
        return "{\"data\": [" + String.join(", ", rows) + "], \"paging\": " + paging + "}";
    }

    private static String row(String campaign, String name, LocalDate day, String spend, String impressions, String clicks,
                              String leads) {
        return """
                {"campaign_id": "%s", "campaign_name": "%s", "spend": "%s", "impressions": "%s", "clicks": "%s",
                 "account_currency": "EUR", "date_start": "%s", "date_stop": "%s",
                 "actions": [{"action_type": "link_click", "value": "%s"}, {"action_type": "lead", "value": "%s"}]}"""
                .formatted(campaign, name, spend, impressions, clicks, day, day, clicks, leads);
    }

    private Map<String, Object> runMeta() throws InterruptedException {
        Map<String, Object> run = SyncApi.run(http, "meta-ads");
        SyncApi.awaitWorkAfterRuns(syncRunner, "meta-ads");
        return run;
    }
}
