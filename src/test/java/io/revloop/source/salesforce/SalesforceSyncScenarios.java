package io.revloop.source.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.revloop.store.SyncRunRepository;
import io.revloop.support.KpiParity;
import io.revloop.support.SyncApi;
import io.revloop.sync.SyncRunView;
import io.revloop.sync.SyncRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * A Salesforce org served by WireMock over real HTTP, synced through camel-salesforce into the
 * store: OAuth token, /limits, queryAll with queryMore paging, REST errors. Expected values are
 * worked out by hand from the payloads in src/test/resources/salesforce. An answer may be at most
 * 64 KB here, one JSON document or Bulk API record at most 16 KB. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.enabled=false",
        "revloop.sources.files.settle-time=0s",
        "revloop.sources.salesforce.enabled=true",
        "revloop.sources.salesforce.client-id=revloop-test-client",
        "revloop.sources.salesforce.client-secret=revloop-test-secret",
        "revloop.sources.salesforce.refresh-token=revloop-test-refresh-token",
        "revloop.sources.salesforce.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.salesforce.batch-size=2",
        "revloop.sources.salesforce.retry-backoff=10ms",
        "revloop.sources.salesforce.bulk-threshold=100",
        "revloop.sources.salesforce.bulk-poll-interval=10ms",
        "revloop.sources.salesforce.api-budget-share=0.5",
        "revloop.sources.salesforce.field-mappings[0].object=Lead",
        "revloop.sources.salesforce.field-mappings[0].field=gclid__c",
        "revloop.sources.salesforce.field-mappings[0].to=gclid",
        "revloop.sources.salesforce.field-mappings[1].object=Lead",
        "revloop.sources.salesforce.field-mappings[1].field=BANT_Budget__c",
        "revloop.sources.salesforce.field-mappings[1].to=bant_budget",
        "revloop.sources.salesforce.field-mappings[2].object=Opportunity",
        "revloop.sources.salesforce.field-mappings[2].field=Go_Live_Date__c",
        "revloop.sources.salesforce.field-mappings[2].to=go_live_date",
        "revloop.http.max-response-size=64KB",
        "revloop.http.max-document-size=16KB"})
abstract class SalesforceSyncScenarios {

    static final WireMockServer ORG = new WireMockServer(wireMockConfig().dynamicPort());
    /** Another host, where a crafted answer would send the session token: must never be asked anything. */
    static final WireMockServer ELSEWHERE = new WireMockServer(wireMockConfig().dynamicPort());
    private static final String API = "/services/data/v62.0/";
    private static final List<String> TABLES = List.of("accounts", "leads", "deals", "deal_stage_changes",
            "campaigns", "touchpoints", "activities", "fx_rates", "sync_runs", "sync_state", "dead_letters",
            "salesforce_conversions");

    private static final Path INBOXES = Path.of("target", "test-inbox");

    static {
        ORG.start();
        ELSEWHERE.start();
    }

    @Autowired
    SyncRunner runner;
    @Autowired
    SyncRunRepository runs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    static void salesforceAt(DynamicPropertyRegistry registry, String name) {
        registry.add("revloop.sources.salesforce.login-url", ORG::baseUrl);
        registry.add("revloop.sources.files.inbox", () -> INBOXES.resolve(name).toAbsolutePath().toString());
    }

    @BeforeEach
    void emptyStoreAndOrg() throws InterruptedException {
        SyncApi.awaitWorkAfterRuns(runner, "salesforce");
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        stubOrgWithNoChanges();
    }

    /** The token endpoint, /limits, and an empty answer to any query. */
    private static void stubOrgWithNoChanges() {
        ORG.resetAll();
        ELSEWHERE.resetAll();
        ORG.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(json(200, """
                {"access_token": "00DQy000000Rev1!AQ0Aaccess-token", "instance_url": "%s",
                 "id": "%s/id/00DQy000000Rev1EAC/005Qy00000UsR01IAF", "token_type": "Bearer",
                 "issued_at": "1772409600000", "signature": "c2lnbmF0dXJl"}""".formatted(ORG.baseUrl(), ORG.baseUrl()))));
        ORG.stubFor(post(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
        ORG.stubFor(get(urlPathEqualTo(API + "limits/")).willReturn(file(200, "limits.json")));
        ORG.stubFor(get(urlPathEqualTo(API + "queryAll/")).atPriority(10).willReturn(file(200, "empty.json")));
    }

    @Test
    void firstRunReadsEveryObjectAcrossPagesIntoTheCanonicalModel() {
        stubFullOrg();

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(run.error()).isNull();
        // read: 2 accounts + 1 campaign + 6 leads + 2 contacts + 2 opportunities + 4 opportunity history
        //       rows + 2 campaign members + 1 task + 1 event = 21
        // dead-lettered: lead 04 (CreatedDate "yesterday"), the stage change of unknown opportunity 99 = 2
        // deleted: lead 06 (IsDeleted) = 1
        // not written: contact 01 folds into converted lead 01; history row 04 changed the amount of a
        //       deal already Closed Won, not its stage
        // upserted: 21 - 2 - 1 - 2 = 16
        assertThat(counts(run)).containsExactly(21L, 16L, 1L, 2L);

        // three Lead pages: the query, then two queryMore calls on nextRecordsUrl
        ORG.verify(1, getRequestedFor(urlPathEqualTo(API + "queryAll/")).withQueryParam("q", containing("FROM Lead ")));
        ORG.verify(1, getRequestedFor(urlPathEqualTo(API + "query/01gQy00000LdQ01IAF-2")));
        ORG.verify(1, getRequestedFor(urlPathEqualTo(API + "query/01gQy00000LdQ01IAF-4")));
        // the first run has no cursor: everything, oldest change first
        ORG.verify(getRequestedFor(urlPathEqualTo(API + "queryAll/")).withQueryParam("q", containing(
                "FROM Lead ORDER BY SystemModstamp ASC, Id ASC")));

        assertThat(text("SELECT name FROM accounts WHERE external_id = '001Qy00000RvA02IAF'")).isEqualTo("Bergmann & Söhne AG");
        assertThat(text("SELECT web_domain FROM accounts WHERE external_id = '001Qy00000RvA01IAF'")).isEqualTo("nordlicht.example");
        assertThat(decimal("SELECT annual_revenue FROM accounts WHERE external_id = '001Qy00000RvA01IAF'"))
                .isEqualByComparingTo("12500000.5");
        assertThat(text("SELECT channel FROM campaigns WHERE external_id = '701Qy00000CmP01IAF'")).isEqualTo("Events");

        // leads 01, 02, 03, 05, 06 (deleted) and contact 02, which never was a lead
        assertThat(jdbc.queryForList("SELECT external_id FROM leads ORDER BY external_id", String.class)).containsExactly(
                "003Qy00000CoN02IAF", "00QQy00000LdA01IAF", "00QQy00000LdA02IAF", "00QQy00000LdA03IAF",
                "00QQy00000LdA05IAF", "00QQy00000LdA06IAF");
        String anna = "FROM leads WHERE external_id = '00QQy00000LdA01IAF'";
        assertThat(text("SELECT email " + anna)).isEqualTo("anna.schmidt@nordlicht.example");
        assertThat(text("SELECT channel " + anna)).isEqualTo("Events");
        assertThat(text("SELECT owner " + anna)).isEqualTo("Jonas Weber");
        assertThat(text("SELECT account_external_id " + anna)).isEqualTo("001Qy00000RvA01IAF");
        assertThat(text("SELECT extra " + anna)).isEqualTo("{\"gclid\":\"Cj0KCQiA-revloop-1\",\"bant_budget\":\"50k-100k\"}");
        // converted with an opportunity on 2026-02-10: opportunity, and the stages before it, entered then
        Instant converted = Instant.parse("2026-02-10T00:00:00Z");
        assertThat(instant("SELECT mql_at " + anna)).isEqualTo(converted);
        assertThat(instant("SELECT sql_at " + anna)).isEqualTo(converted);
        assertThat(instant("SELECT opportunity_at " + anna)).isEqualTo(converted);
        assertThat(instant("SELECT customer_at " + anna)).isNull();
        // "Working - Contacted" maps to mql: entered at the record's SystemModstamp
        assertThat(instant("SELECT mql_at FROM leads WHERE external_id = '00QQy00000LdA02IAF'"))
                .isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(instant("SELECT sql_at FROM leads WHERE external_id = '00QQy00000LdA02IAF'")).isNull();
        assertThat(instant("SELECT disqualified_at FROM leads WHERE external_id = '00QQy00000LdA03IAF'"))
                .isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(instant("SELECT deleted_at FROM leads WHERE external_id = '00QQy00000LdA06IAF'"))
                .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(text("SELECT owner FROM leads WHERE external_id = '00QQy00000LdA05IAF'")).isEqualTo("Inbound queue");
        assertThat(text("SELECT email FROM leads WHERE external_id = '003Qy00000CoN02IAF'")).isEqualTo("max.berg@bergmann.example");
        assertThat(text("SELECT company FROM leads WHERE external_id = '003Qy00000CoN02IAF'")).isEqualTo("Bergmann & Söhne AG");

        String won = "FROM deals WHERE external_id = '006Qy00000OpP01IAF'";
        assertThat(text("SELECT lead_external_id " + won)).isEqualTo("00QQy00000LdA01IAF");
        assertThat(text("SELECT deal_type " + won)).isEqualTo("new");
        assertThat(text("SELECT stage " + won)).isEqualTo("closed_won");
        assertThat(decimal("SELECT amount " + won)).isEqualByComparingTo("24000");
        assertThat(text("SELECT currency " + won)).isEqualTo("EUR");
        assertThat(jdbc.queryForObject("SELECT is_won " + won, Boolean.class)).isTrue();
        assertThat(instant("SELECT closed_at " + won)).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(text("SELECT extra " + won)).isEqualTo("{\"go_live_date\":\"2026-04-01\"}");
        String open = "FROM deals WHERE external_id = '006Qy00000OpP02IAF'";
        assertThat(decimal("SELECT amount " + open)).isEqualByComparingTo("0");
        assertThat(text("SELECT deal_type " + open)).isEqualTo("expansion");
        assertThat(text("SELECT stage " + open)).isEqualTo("negotiation");
        assertThat(jdbc.queryForObject("SELECT is_won " + open, Boolean.class)).isNull();
        assertThat(instant("SELECT closed_at " + open)).isNull();
        assertThat(jdbc.queryForObject("SELECT expected_close_date " + open, LocalDate.class))
                .isEqualTo(LocalDate.of(2026, 4, 30));

        assertThat(jdbc.queryForList("SELECT stage FROM deal_stage_changes ORDER BY entered_at", String.class))
                .containsExactly("qualification", "closed_won");
        // the member that became a contact is the converted lead's touchpoint
        assertThat(jdbc.queryForList("SELECT lead_external_id || ' ' || touch_type || ' ' || channel FROM touchpoints"
                + " ORDER BY external_id", String.class)).containsExactly(
                "00QQy00000LdA02IAF campaign_response Events", "00QQy00000LdA01IAF campaign_member Events");
        assertThat(jdbc.queryForList("SELECT lead_external_id || ' ' || activity_type FROM activities ORDER BY external_id",
                String.class)).containsExactly("00QQy00000LdA01IAF call", "00QQy00000LdA02IAF meeting");
        // the first sales response is the person's earliest activity: the call logged on the contact
        assertThat(instant("SELECT first_response_at " + anna)).isEqualTo(Instant.parse("2026-01-05T09:30:00Z"));
        assertThat(instant("SELECT first_response_at FROM leads WHERE external_id = '00QQy00000LdA02IAF'"))
                .isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
        assertThat(instant("SELECT first_response_at FROM leads WHERE external_id = '00QQy00000LdA03IAF'")).isNull();

        assertThat(jdbc.queryForList("SELECT reason FROM dead_letters ORDER BY id", String.class)).containsExactly(
                "Lead 00QQy00000LdA04IAF: created_at 'yesterday' is not an ISO-8601 timestamp (e.g. 2026-03-01T09:30:00Z)",
                "unknown deal '006Qy00000OpP99IAF' in deal_id");
        assertThat(cursor("Lead")).isEqualTo("2026-03-02T10:00Z");
        assertThat(cursor("Account")).isEqualTo("2026-01-04T08:00Z");
    }

    @Test
    void secondRunFetchesOnlyTheDeltaFromTheCursorMinusTheOverlapAndKeepsRecordsAtTheBoundary() {
        stubFullOrg();
        run();
        stubOrgWithNoChanges();
        // the cursor is 2026-03-02T10:00Z; with the 5-minute overlap the next query starts at 09:55
        ORG.stubFor(queryAll("FROM Lead WHERE SystemModstamp >= 2026-03-02T09:55:00.000Z ").willReturn(
                file(200, "leads-delta.json")));
        ORG.stubFor(queryAll("FROM Opportunity WHERE SystemModstamp >= 2026-03-01T08:55:00.000Z ").willReturn(
                file(200, "opportunities-delta.json")));

        SyncRunView second = run();

        assertThat(second.status()).isEqualTo("succeeded");
        // read: 3 leads + 1 opportunity; lead 05 is replayed unchanged, lead 08 was saved at the
        // cursor's own second after the first run had read it, lead 02 changed; opportunity 02 was deleted
        assertThat(counts(second)).containsExactly(4L, 2L, 1L, 0L);
        ORG.verify(0, getRequestedFor(urlPathMatching(API + "query/.*")));
        assertThat(text("SELECT email FROM leads WHERE external_id = '00QQy00000LdA08IAF'")).isEqualTo("emil.roth@example.net");
        assertThat(text("SELECT title FROM leads WHERE external_id = '00QQy00000LdA02IAF'")).isEqualTo("Chief Financial Officer");
        // a stage is entered once: the later modification does not move lead 02's mql_at, nor lose
        // the first response its event gave it
        assertThat(instant("SELECT mql_at FROM leads WHERE external_id = '00QQy00000LdA02IAF'"))
                .isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(instant("SELECT first_response_at FROM leads WHERE external_id = '00QQy00000LdA02IAF'"))
                .isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
        assertThat(instant("SELECT deleted_at FROM deals WHERE external_id = '006Qy00000OpP02IAF'"))
                .isEqualTo(Instant.parse("2026-03-04T12:00:00Z"));
        assertThat(cursor("Lead")).isEqualTo("2026-03-05T08:00Z");
        assertThat(count("leads")).isEqualTo(7);
    }

    @Test
    void aRunStartedThroughTheApiReportsItsCounts() throws InterruptedException {
        stubFullOrg();

        Map<String, Object> run = SyncApi.run(http, "salesforce");
        SyncApi.awaitWorkAfterRuns(runner, "salesforce");

        assertThat(run).containsEntry("source", "salesforce").containsEntry("status", "succeeded")
                .containsEntry("recordsRead", 21).containsEntry("upserted", 16).containsEntry("deleted", 1)
                .containsEntry("deadLettered", 2);
    }

    @Test
    void anExpiredSessionLogsInOnceMoreAndServerErrorsAreRetried() {
        stubFullOrg();
        ORG.stubFor(get(urlPathEqualTo(API + "limits/")).inScenario("session").whenScenarioStateIs(STARTED)
                .willReturn(file(401, "error-invalid-session.json")).willSetStateTo("renewed"));
        ORG.stubFor(get(urlPathEqualTo(API + "limits/")).inScenario("session").whenScenarioStateIs("renewed")
                .willReturn(file(200, "limits.json")));
        ORG.stubFor(queryAll("FROM Account ").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")).willSetStateTo("recovered"));
        ORG.stubFor(queryAll("FROM Account ").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(file(200, "accounts.json")));

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(counts(run)).containsExactly(21L, 16L, 1L, 2L);
        ORG.verify(2, getRequestedFor(urlPathEqualTo(API + "limits/")));
        ORG.verify(2, getRequestedFor(urlPathEqualTo(API + "queryAll/")).withQueryParam("q", containing("FROM Account ")));
        assertThat(count("accounts")).isEqualTo(2);
    }

    @Test
    void refusedCredentialsFailTheRunNamingTheSettingsAndRaiseAnOperationsAlert() {
        jdbc.update("DELETE FROM alert_events");
        // the session is no longer valid, and logging in again is refused: the refresh token was revoked
        ORG.stubFor(get(urlPathEqualTo(API + "limits/")).willReturn(file(401, "error-invalid-session.json")));
        ORG.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(json(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"expired access/refresh token\"}")));

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("AuthenticationException: Salesforce refused the credentials",
                        "revloop.sources.salesforce.client-id", "refresh-token")
                .doesNotContain("revloop-test-refresh-token", "revloop-test-secret");
        // no Slack webhook in this test: the alert is recorded, and GET /api/alerts shows it
        assertThat(jdbc.queryForList("SELECT rule_id FROM alert_events WHERE source = 'salesforce' AND alert_state = ?",
                String.class, "firing")).containsExactly("credentials-refused");
    }

    @Test
    void requestLimitExceededEndsTheRunAsFailedButResumable() {
        stubFullOrg();
        ORG.stubFor(get(urlPathEqualTo(API + "query/01gQy00000LdQ01IAF-2"))
                .willReturn(file(403, "error-request-limit.json")));

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded", "resumable");
        // 2 accounts + 1 campaign + the first Lead page (2 leads), each batch committed with its cursor
        assertThat(counts(run)).containsExactly(5L, 5L, 0L, 0L);
        assertThat(cursor("Lead")).isEqualTo("2026-03-01T08:00Z");
        ORG.verify(0, getRequestedFor(urlPathEqualTo(API + "queryAll/")).withQueryParam("q", containing("FROM Contact ")));

        stubOrgWithNoChanges();
        ORG.stubFor(queryAll("FROM Lead WHERE SystemModstamp >= 2026-03-01T07:55:00.000Z ")
                .willReturn(file(200, "leads-delta.json")));
        SyncRunView resumed = run();
        assertThat(resumed.status()).isEqualTo("succeeded");
        assertThat(cursor("Lead")).isEqualTo("2026-03-05T08:00Z");
    }

    @Test
    void aRunDoesNotStartWhenTheOrgHasUsedItsApiBudget() {
        stubFullOrg();
        // 8 000 of 15 000 requests used: 53 %, over the 50 % budget
        ORG.stubFor(get(urlPathEqualTo(API + "limits/")).willReturn(file(200, "limits-exhausted.json")));

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).startsWith("API budget reached: 8000 of 15000 daily API requests used (53 %),"
                + " the budget is 50 %").contains("resumable");
        assertThat(counts(run)).containsExactly(0L, 0L, 0L, 0L);
        ORG.verify(0, getRequestedFor(urlPathEqualTo(API + "queryAll/")));
    }

    @Test
    void theApiBudgetIsCheckedAgainstTheUsageEachAnswerReports() {
        stubFullOrg();
        // the Account page reports 7 600 of 15 000 used: past the 50 % budget before the next call
        ORG.stubFor(queryAll("FROM Account ").willReturn(file(200, "accounts.json")
                .withHeader("Sforce-Limit-Info", "api-usage=7600/15000")));

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).startsWith("API budget reached: 7600 of 15000");
        assertThat(counts(run)).containsExactly(2L, 2L, 0L, 0L);
        ORG.verify(0, getRequestedFor(urlPathEqualTo(API + "queryAll/")).withQueryParam("q", containing("FROM Campaign ")));
    }

    /**
     * The closed loop does not depend on where the data came from: the KPIs of the synced org equal
     * those of the same records written by hand in the import format (src/test/resources/salesforce/
     * as-files: each payload record translated with the mapping of the source's README and the
     * default config — converted lead 01 with its contact, its task and the opportunity it became;
     * contact 02 as a lead of its own; lead 04 (dead-lettered) and 06 (deleted) left out).
     */
    @Test
    void theKpisOfSyncedDataEqualThoseOfTheSameDataImportedFromFiles(@Autowired
            io.revloop.RevloopProperties properties) throws Exception {
        stubFullOrg();
        assertThat(run().status()).isEqualTo("succeeded");
        SyncApi.awaitWorkAfterRuns(runner, "salesforce");
        Map<String, String> synced = KpiParity.currentValues(jdbc);
        // by hand: February 2026 has three new leads (contact 02 on the 1st, leads 02 and 03 on the 20th
        // and 25th) and one closed deal, won (opportunity 01 on the 28th): win rate 1 ÷ 1
        assertThat(synced).containsEntry("new_leads|month|2026-02-01||", "3 3 null")
                .containsEntry("win_rate|month|2026-02-01||", "1 1 1");

        KpiParity.emptyStore(jdbc);
        KpiParity.dropFiles(Path.of("src/test/resources/salesforce/as-files"), properties.sources().files().inbox());
        Map<String, Object> imported = SyncApi.run(http, "files");
        assertThat(imported).containsEntry("status", "succeeded").containsEntry("deadLettered", 0);
        SyncApi.awaitWorkAfterRuns(runner, "files");

        assertThat(KpiParity.currentValues(jdbc)).isEqualTo(synced);
    }

    @Test
    void aFirstLoadAboveTheBulkThresholdGoesThroughABulkQueryJob() {
        String job = API + "jobs/query/750Qy00000BuL01IAF";
        ORG.stubFor(queryAll("FROM Account ").willReturn(file(200, "accounts-above-threshold.json")));
        ORG.stubFor(post(urlPathEqualTo(API + "jobs/query")).willReturn(json(200, bulkJob("UploadComplete"))));
        ORG.stubFor(get(urlPathEqualTo(job)).inScenario("job").whenScenarioStateIs(STARTED)
                .willReturn(json(200, bulkJob("InProgress"))).willSetStateTo("done"));
        ORG.stubFor(get(urlPathEqualTo(job)).inScenario("job").whenScenarioStateIs("done")
                .willReturn(json(200, bulkJob("JobComplete"))));
        ORG.stubFor(get(urlPathEqualTo(job + "/results")).withQueryParam("locator", absent())
                .willReturn(csv("bulk-accounts-1.csv").withHeader("Sforce-Locator", "MTAwMDA")));
        ORG.stubFor(get(urlPathEqualTo(job + "/results")).withQueryParam("locator", equalTo("MTAwMDA"))
                .willReturn(csv("bulk-accounts-2.csv").withHeader("Sforce-Locator", "null")));

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("succeeded");
        // the first REST page (1 record) is dropped for the job; the job's 3 records: 2 live, 1 deleted
        assertThat(counts(run)).containsExactly(3L, 2L, 1L, 0L);
        ORG.verify(postRequestedFor(urlPathEqualTo(API + "jobs/query"))
                .withRequestBody(matchingJsonPath("$.operation", equalTo("queryAll")))
                .withRequestBody(matchingJsonPath("$.query", containing("FROM Account")))
                .withRequestBody(notContaining("ORDER BY")));
        ORG.verify(0, getRequestedFor(urlPathEqualTo(API + "query/01gQy00000AcQ01IAF-2000")));
        assertThat(text("SELECT web_domain FROM accounts WHERE external_id = '001Qy00000RvA05IAF'")).isEqualTo("jansen.example");
        assertThat(decimal("SELECT annual_revenue FROM accounts WHERE external_id = '001Qy00000RvA05IAF'"))
                .isEqualByComparingTo("2500000");
        assertThat(jdbc.queryForObject("SELECT employees FROM accounts WHERE external_id = '001Qy00000RvA03IAF'",
                Long.class)).isEqualTo(40L);
        assertThat(instant("SELECT deleted_at FROM accounts WHERE external_id = '001Qy00000RvA04IAF'"))
                .isEqualTo(Instant.parse("2026-02-15T08:00:00Z"));
        // the results are unordered: the cursor is the latest SystemModstamp of all, not the last one read
        assertThat(cursor("Account")).isEqualTo("2026-02-15T08:00Z");

        stubOrgWithNoChanges();
        run();
        ORG.verify(getRequestedFor(urlPathEqualTo(API + "queryAll/"))
                .withQueryParam("q", containing("FROM Account WHERE SystemModstamp >= 2026-02-15T07:55:00.000Z ")));
        ORG.verify(0, postRequestedFor(urlPathEqualTo(API + "jobs/query")));
    }

    @Test
    void aNextRecordsUrlOffTheInstanceIsNeverFollowed() {
        stubFullOrg();
        // the component puts the instance URL before the path: "@host:port/…" would make the instance the
        // user part of a URL on another host, and send the token there
        String crafted = "@localhost:" + ELSEWHERE.port() + API + "query/01gQy00000LdQ01IAF-2";
        ORG.stubFor(queryAll("FROM Lead ").willReturn(file(200, "leads-page1.json")
                .withBody(read("leads-page1.json").replace(API + "query/01gQy00000LdQ01IAF-2", crafted))));
        ELSEWHERE.stubFor(get(urlPathMatching(".*")).willReturn(file(200, "leads-page2.json")));

        SyncRunView run = run();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("Salesforce answered a nextRecordsUrl that is not a query locator's path ('"
                + crafted + "', expected /services/data/v62.0/query/<locator>-<offset>); no request was sent to it");
        assertThat(ELSEWHERE.getAllServeEvents()).isEmpty();
    }

    @Test
    void aBulkLocatorOfAnotherShapeEndsTheLoadAndARecordOverTheCapToo() {
        String job = stubBulkJob();
        ORG.stubFor(get(urlPathEqualTo(job + "/results")).withQueryParam("locator", absent())
                .willReturn(csv("bulk-accounts-1.csv").withHeader("Sforce-Locator", "MTAw&maxRecords=1")));

        SyncRunView crafted = run();

        assertThat(crafted.status()).isEqualTo("failed");
        assertThat(crafted.error()).contains("Salesforce answered a Sforce-Locator that is not a Bulk API locator"
                + " ('MTAw&maxRecords=1'); no request was sent with it");
        ORG.verify(1, getRequestedFor(urlPathEqualTo(job + "/results")));

        // a record of 40 KB, over the 16 KB cap of one record (and the reader's 8 KB read-ahead)
        ORG.stubFor(get(urlPathEqualTo(job + "/results")).withQueryParam("locator", absent())
                .willReturn(csv("bulk-accounts-1.csv").withBody(read("bulk-accounts-1.csv")
                        .replace("Kessler KG", "Kessler KG " + "x".repeat(40_000))).withHeader("Sforce-Locator", "null")));
        SyncRunView tooLarge = run();
        assertThat(tooLarge.status()).isEqualTo("failed");
        assertThat(tooLarge.error()).contains("bulk query job 750Qy00000BuL01IAF results: a Bulk API result record"
                + " larger than 16KB (revloop.http.max-document-size)");
    }

    @Test
    void anAnswerOverTheCapsFailsTheRunAndTheNextRunGoesOn() {
        // 100 accounts of about 300 bytes: 30 KB, over the 16 KB document cap (and the parser's 8 KB read-ahead)
        // but under the 64 KB answer cap; then 300 of them, 90 KB, over the answer cap
        ORG.stubFor(queryAll("FROM Account ").willReturn(json(200, accounts(100))));
        SyncRunView overDocument = run();
        ORG.stubFor(queryAll("FROM Account ").willReturn(json(200, accounts(300))));
        SyncRunView overAnswer = run();

        assertThat(overDocument.status()).isEqualTo("failed");
        assertThat(overDocument.error()).contains("Salesforce answered with a JSON document larger than 16KB"
                + " (revloop.http.max-document-size)");
        assertThat(overAnswer.status()).isEqualTo("failed");
        assertThat(overAnswer.error()).contains("queryAll answered with an answer larger than 64KB"
                + " (revloop.http.max-response-size)");
        stubOrgWithNoChanges();
        stubFullOrg();
        assertThat(run().status()).isEqualTo("succeeded");
    }

    /** A Bulk API 2.0 query job for Account, complete at the first poll; returns its path. */
    private static String stubBulkJob() {
        String job = API + "jobs/query/750Qy00000BuL01IAF";
        ORG.stubFor(queryAll("FROM Account ").willReturn(file(200, "accounts-above-threshold.json")));
        ORG.stubFor(post(urlPathEqualTo(API + "jobs/query")).willReturn(json(200, bulkJob("UploadComplete"))));
        ORG.stubFor(get(urlPathEqualTo(job)).willReturn(json(200, bulkJob("JobComplete"))));
        return job;
    }

    /** A queryAll page of {@code count} accounts of about 300 bytes each. */
    private static String accounts(int count) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < count; i++) {
            records.append(i == 0 ? "" : ",").append(("{\"attributes\": {\"type\": \"Account\", \"url\":"
                    + " \"/services/data/v62.0/sobjects/Account/001Qy00000Rv%1$04dAF\"}, \"Id\": \"001Qy00000Rv%1$04dAF\","
                    + " \"Name\": \"Account %1$d\", \"Website\": null, \"Industry\": null, \"NumberOfEmployees\": null,"
                    + " \"AnnualRevenue\": null, \"SystemModstamp\": \"2026-01-03T08:00:00.000+0000\", \"IsDeleted\": false}")
                    .formatted(i));
        }
        return "{\"totalSize\": " + count + ", \"done\": true, \"records\": [" + records + "]}";
    }

    private static String bulkJob(String state) {
        try {
            return Files.readString(Path.of("src/test/resources/salesforce/bulk-job.json")).formatted(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder csv(String name) {
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "text/csv")
                    .withHeader("Sforce-NumberOfRecords", "2")
                    .withBody(Files.readString(Path.of("src/test/resources/salesforce", name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stubFullOrg() {
        ORG.stubFor(queryAll("FROM Account ").willReturn(file(200, "accounts.json")));
        ORG.stubFor(queryAll("FROM Campaign ").willReturn(file(200, "campaigns.json")));
        ORG.stubFor(queryAll("FROM Lead ").willReturn(file(200, "leads-page1.json")));
        ORG.stubFor(get(urlPathEqualTo(API + "query/01gQy00000LdQ01IAF-2")).willReturn(file(200, "leads-page2.json")));
        ORG.stubFor(get(urlPathEqualTo(API + "query/01gQy00000LdQ01IAF-4")).willReturn(file(200, "leads-page3.json")));
        ORG.stubFor(queryAll("FROM Contact ").willReturn(file(200, "contacts.json")));
        ORG.stubFor(queryAll("FROM Opportunity ").willReturn(file(200, "opportunities.json")));
        ORG.stubFor(queryAll("FROM OpportunityHistory ").willReturn(file(200, "opportunity-history.json")));
        ORG.stubFor(queryAll("FROM CampaignMember ").willReturn(file(200, "campaign-members.json")));
        ORG.stubFor(queryAll("FROM Task ").willReturn(file(200, "tasks.json")));
        ORG.stubFor(queryAll("FROM Event ").willReturn(file(200, "events.json")));
    }

    /** A queryAll whose SOQL contains {@code soql}; a more specific stub registered later wins. */
    private static MappingBuilder queryAll(String soql) {
        return get(urlPathEqualTo(API + "queryAll/")).withQueryParam("q", containing(soql));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder file(int status, String name) {
        return json(status, read(name));
    }

    private static String read(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/salesforce", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }

    private SyncRunView run() {
        return runs.find(runner.runNow("salesforce")).orElseThrow();
    }

    private static List<Long> counts(SyncRunView run) {
        return List.of(run.recordsRead(), run.upserted(), run.deleted(), run.deadLettered());
    }

    private String cursor(String stream) {
        return text("SELECT cursor_value FROM sync_state WHERE source = 'salesforce' AND stream_name = '" + stream + "'");
    }

    private String text(String sql) {
        return jdbc.queryForObject(sql, String.class);
    }

    private BigDecimal decimal(String sql) {
        return jdbc.queryForObject(sql, BigDecimal.class);
    }

    private Instant instant(String sql) {
        OffsetDateTime value = jdbc.queryForObject(sql, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }
}
