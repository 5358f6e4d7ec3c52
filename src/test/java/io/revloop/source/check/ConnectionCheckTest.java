package io.revloop.source.check;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.revloop.support.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * {@code POST /api/sources/{name}/test} against one WireMock server over real HTTP that plays every
 * connector's API (answers shaped like the recorded ones in the shared fixtures, ids and values of
 * this test): a working connection, refused credentials (401, or the OAuth endpoint's 400), missing
 * permissions (403, or Meta's 400 with code #200), the inbox missing or not a directory, roles,
 * an unknown source and the time box. The expected messages are the ones written for people.
 */
class ConnectionCheckTest extends ConnectionCheckScenarios {

    static final WireMockServer API = new WireMockServer(options().dynamicPort());
    private static final String DISABLED_HUBSPOT = "disabled: revloop.sources.hubspot.enabled=false; ";
    private static final String SOQL_QUERY = "/services/data/v62.0/query/";
    private static final String GA4_REPORT = "/v1beta/properties/456789012:runReport";
    private static final String GADS_STREAM = "/v21/customers/2223334444/googleAds:searchStream";
    private static final String META_ACCOUNT = "/v21.0/act_5550001";
    private static final String LINKEDIN_ACCOUNT = "/rest/adAccounts/508000111";

    static {
        API.start();
    }

    @Autowired
    List<ConnectionCheck> checks;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        serversAt(registry, API.baseUrl(), "connection-check");
    }

    @BeforeEach
    void tokenEndpointsAnswer() throws IOException {
        API.resetAll();
        API.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson("""
                {"access_token": "00DCheck0000001!AQcheck-session", "instance_url": "%s",
                 "id": "%s/id/00DCheck0000001EAA/005Check00000001AAA", "token_type": "Bearer",
                 "issued_at": "1772409600000", "signature": "Y2hlY2s="}""".formatted(API.baseUrl(), API.baseUrl()))));
        API.stubFor(post(urlPathEqualTo("/google/token")).willReturn(okJson(
                "{\"access_token\": \"ya29.check-access-1\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
        API.stubFor(post(urlPathEqualTo("/linkedin/token")).willReturn(okJson(
                "{\"access_token\": \"AQcheck-linkedin-access\", \"expires_in\": 5183999}")));
        Files.createDirectories(inbox("connection-check"));
    }

    // --- HubSpot (disabled, configured: checked all the same) ---

    @Test
    void hubSpotReadsOneContactAndOneDeal() {
        for (String object : List.of("contacts", "deals")) {
            API.stubFor(hubSpotList(object).willReturn(okJson("""
                    {"results": [{"id": "7001", "properties": {"hs_object_id": "7001"}, "createdAt":
                    "2026-02-01T09:00:00.000Z", "updatedAt": "2026-02-02T09:00:00.000Z", "archived": false}],
                     "paging": {"next": {"after": "7002", "link": "https://api.hubapi.com/next"}}}""")));
        }

        assertThat(testAsAdmin("hubspot")).containsEntry("source", "hubspot").containsEntry("ok", true)
                .containsEntry("message", DISABLED_HUBSPOT + "connected: HubSpot lets the private app read contacts"
                        + " and deals");
        for (String object : List.of("contacts", "deals")) {
            API.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/" + object))
                    .withQueryParam("limit", equalTo("1"))
                    .withHeader("Authorization", equalTo("Bearer " + HUBSPOT_TOKEN)));
        }
    }

    @Test
    void hubSpotRefusingTheTokenNamesTheSetting() {
        API.stubFor(hubSpotList("contacts").willReturn(jsonError(401, """
                        {"status": "error", "message": "Authentication credentials not found.",
                         "correlationId": "0c0f2b1e-1111-4aaa-9bbb-000000000001", "category": "INVALID_AUTHENTICATION"}""")));

        assertFailure("hubspot", DISABLED_HUBSPOT
                + "HubSpot refused the credentials (401: INVALID_AUTHENTICATION, Authentication credentials not"
                + " found.): check revloop.sources.hubspot.access-token (HUBSPOT_ACCESS_TOKEN)");
        // a private app's token cannot be renewed: one request, no retry
        API.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts")));
    }

    @Test
    void hubSpotWithoutTheScopesSaysWhichAndNeverEchoesTheToken() {
        API.stubFor(hubSpotList("contacts").willReturn(okJson("{\"results\": []}")));
        API.stubFor(hubSpotList("deals").willReturn(jsonError(403, """
                        {"status": "error", "message": "This app hasn't been granted all required scopes (token %s).",
                         "correlationId": "0c0f2b1e-1111-4aaa-9bbb-000000000002", "category": "MISSING_SCOPES"}"""
                        .formatted(HUBSPOT_TOKEN))));

        Map<String, Object> answer = testAsAdmin("hubspot");

        assertThat(answer).containsEntry("ok", false).containsEntry("message", DISABLED_HUBSPOT
                + "HubSpot: the private app behind revloop.sources.hubspot.access-token lacks the scopes to read"
                + " contacts and deals (crm.objects.contacts.read, crm.objects.deals.read) (403: MISSING_SCOPES,"
                + " This app hasn't been granted all required scopes (token ***).)");
        assertThat(answer.toString()).doesNotContain(HUBSPOT_TOKEN);
    }

    // --- Salesforce (enabled) ---

    @Test
    void salesforceReadsOneOpportunity() {
        API.stubFor(get(urlPathEqualTo(SOQL_QUERY)).withQueryParam("q", equalTo("SELECT Id FROM Opportunity LIMIT 1"))
                .willReturn(okJson("""
                        {"totalSize": 1, "done": true, "records": [{"attributes": {"type": "Opportunity",
                         "url": "/services/data/v62.0/sobjects/Opportunity/006Check000000001AAA"},
                         "Id": "006Check000000001AAA"}]}""")));

        assertThat(testAsAdmin("salesforce")).containsEntry("ok", true)
                .containsEntry("message", "connected: Salesforce lets the user read opportunities");
    }

    @Test
    void salesforceRefusingTheLoginNamesTheSettings() {
        API.stubFor(get(urlPathEqualTo(SOQL_QUERY)).willReturn(jsonError(401,
                "[{\"message\": \"Session expired or invalid\", \"errorCode\": \"INVALID_SESSION_ID\"}]")));
        API.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(jsonError(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"expired access/refresh token\"}")));

        Map<String, Object> answer = testAsAdmin("salesforce");

        assertThat(answer).containsEntry("ok", false);
        assertThat((String) answer.get("message")).startsWith("Salesforce refused the credentials: ")
                .contains("invalid_grant").endsWith("check revloop.sources.salesforce.client-id, client-secret and the"
                        + " login set (refresh-token, username and password, or jwt-key-file) — SALESFORCE_* in the"
                        + " environment");
    }

    @Test
    void salesforceWithoutReadAccessToOpportunitiesSaysSo() {
        API.stubFor(get(urlPathEqualTo(SOQL_QUERY)).willReturn(jsonError(403,
                "[{\"message\": \"insufficient access rights on object id\", \"errorCode\": \"INSUFFICIENT_ACCESS\"}]")));

        assertFailure("salesforce",
                "Salesforce: the user lacks read access to Opportunity (403 INSUFFICIENT_ACCESS insufficient access"
                        + " rights on object id)");
    }

    // --- GA4 ---

    @Test
    void ga4AnswersAOneDayReportAsTheServiceAccount() {
        API.stubFor(post(urlPathEqualTo(GA4_REPORT)).willReturn(okJson("""
                {"metricHeaders": [{"name": "sessions", "type": "TYPE_INTEGER"}],
                 "rows": [{"metricValues": [{"value": "42"}]}], "rowCount": 1,
                 "metadata": {"currencyCode": "EUR", "timeZone": "Europe/Berlin"}, "kind": "analyticsData#runReport"}""")));

        assertThat(testAsAdmin("ga4")).containsEntry("ok", true).containsEntry("message",
                "disabled: revloop.sources.ga4.enabled=false; connected: GA4 property 456789012 answered a one-day report");
        API.verify(postRequestedFor(urlPathEqualTo(GA4_REPORT))
                .withHeader("Authorization", equalTo("Bearer ya29.check-access-1"))
                .withRequestBody(matchingJsonPath("$.limit", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.dateRanges[0].startDate", equalTo("yesterday"))));
        API.verify(postRequestedFor(urlPathEqualTo("/google/token"))
                .withRequestBody(containing("grant-type%3Ajwt-bearer")));
    }

    @Test
    void ga4RefusingTheServiceAccountNamesTheKeyFile() {
        API.stubFor(post(urlPathEqualTo("/google/token")).willReturn(jsonError(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}")));

        assertThat(testAsAdmin("ga4")).containsEntry("ok", false).containsEntry("message",
                "disabled: revloop.sources.ga4.enabled=false; GA4: the OAuth token endpoint refused the credentials"
                        + " (400: invalid_grant Invalid JWT Signature.): check revloop.sources.ga4.credentials-file"
                        + " (the service account key)");
    }

    @Test
    void ga4WithoutAccessToThePropertySaysWhatToGrant() {
        API.stubFor(post(urlPathEqualTo(GA4_REPORT)).willReturn(jsonError(403, """
                        {"error": {"code": 403, "message": "User does not have sufficient permissions for this property.",
                         "status": "PERMISSION_DENIED"}}""")));

        assertThat(testAsAdmin("ga4")).containsEntry("ok", false).containsEntry("message",
                "disabled: revloop.sources.ga4.enabled=false; GA4: property 456789012 not found or the service account"
                        + " has no access: add its email as a Viewer of the property, or check"
                        + " revloop.sources.ga4.property-id (403: User does not have sufficient permissions for this"
                        + " property.)");
    }

    // --- Google Ads ---

    @Test
    void googleAdsAnswersAOneRowQueryOfTheCustomer() {
        API.stubFor(post(urlPathEqualTo(GADS_STREAM)).willReturn(okJson("""
                [{"results": [{"customer": {"resourceName": "customers/2223334444", "id": "2223334444"}}],
                  "fieldMask": "customer.id", "requestId": "check-request-1"}]""")));

        assertThat(testAsAdmin("google-ads")).containsEntry("ok", true).containsEntry("message",
                "disabled: revloop.sources.google-ads.enabled=false; connected: Google Ads customer 2223334444"
                        + " answered a one-row query");
        API.verify(postRequestedFor(urlPathEqualTo(GADS_STREAM))
                .withHeader("developer-token", equalTo("check-developer-token"))
                .withRequestBody(matchingJsonPath("$.query", equalTo("SELECT customer.id FROM customer LIMIT 1"))));
    }

    @Test
    void googleAdsRefusingTheCredentialsNamesThem() {
        API.stubFor(post(urlPathEqualTo(GADS_STREAM)).willReturn(jsonError(401, """
                        [{"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                          "status": "UNAUTHENTICATED"}}]""")));

        assertFailure("google-ads",
                "disabled: revloop.sources.google-ads.enabled=false; Google Ads refused the credentials (401: Request"
                        + " had invalid authentication credentials.): check revloop.sources.google-ads.client-id,"
                        + " client-secret and refresh-token");
    }

    @Test
    void googleAdsWithAnUnapprovedDeveloperTokenSaysWhatToCheck() {
        API.stubFor(post(urlPathEqualTo(GADS_STREAM)).willReturn(jsonError(403, """
                        [{"error": {"code": 403, "message": "The caller does not have permission",
                          "status": "PERMISSION_DENIED", "details": [{"@type":
                          "type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure", "errors": [{"errorCode":
                          {"authorizationError": "DEVELOPER_TOKEN_NOT_APPROVED"}, "message": "Test accounts only."}]}]}}]""")));

        assertFailure("google-ads",
                "disabled: revloop.sources.google-ads.enabled=false; Google Ads: customer 2223334444 is not open to"
                        + " these credentials or the developer token is not approved for it: check"
                        + " revloop.sources.google-ads.customer-id, login-customer-id and developer-token (403: The"
                        + " caller does not have permission)");
    }

    // --- Meta ---

    @Test
    void metaReadsTheAdAccountsNameAndStatus() {
        API.stubFor(get(urlPathEqualTo(META_ACCOUNT)).withQueryParam("fields", equalTo("name,account_status"))
                .willReturn(okJson("{\"name\": \"Check Co EU\", \"account_status\": 1, \"id\": \"act_5550001\"}")));

        assertThat(testAsAdmin("meta-ads")).containsEntry("ok", true).containsEntry("message",
                "disabled: revloop.sources.meta-ads.enabled=false; connected: Meta ad account act_5550001 (Check Co EU),"
                        + " status active");
    }

    @Test
    void metaRefusingAnExpiredTokenNamesTheSetting() {
        API.stubFor(get(urlPathEqualTo(META_ACCOUNT)).willReturn(jsonError(400, """
                        {"error": {"message": "Error validating access token: Session has expired on Sunday, 01-Mar-26.",
                         "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "ACheckTrace1"}}""")));

        assertFailure("meta-ads",
                "disabled: revloop.sources.meta-ads.enabled=false; Meta refused the credentials (400: Error validating"
                        + " access token: Session has expired on Sunday, 01-Mar-26.): check"
                        + " revloop.sources.meta-ads.access-token (META_ADS_ACCESS_TOKEN)");
    }

    @Test
    void metaWithoutAdsReadSaysSo() {
        API.stubFor(get(urlPathEqualTo(META_ACCOUNT)).willReturn(jsonError(400, """
                        {"error": {"message": "(#200) Ad account owner has NOT grant ads_management or ads_read permission",
                         "type": "OAuthException", "code": 200, "fbtrace_id": "ACheckTrace2"}}""")));

        assertFailure("meta-ads", "disabled: revloop.sources.meta-ads.enabled=false; Meta: the token of"
                        + " revloop.sources.meta-ads.access-token lacks ads_read on ad account act_5550001 (400: (#200)"
                        + " Ad account owner has NOT grant ads_management or ads_read permission)");
    }

    // --- LinkedIn ---

    @Test
    void linkedInReadsTheAdAccount() {
        API.stubFor(get(urlPathEqualTo(LINKEDIN_ACCOUNT)).willReturn(okJson(
                "{\"id\": 508000111, \"name\": \"Check Co Ads\", \"status\": \"ACTIVE\", \"currency\": \"EUR\"}")));

        assertThat(testAsAdmin("linkedin-ads")).containsEntry("ok", true).containsEntry("message",
                "disabled: revloop.sources.linkedin-ads.enabled=false; connected: LinkedIn ad account 508000111"
                        + " (Check Co Ads), status ACTIVE");
        API.verify(getRequestedFor(urlPathEqualTo(LINKEDIN_ACCOUNT))
                .withHeader("Authorization", equalTo("Bearer AQcheck-linkedin-access"))
                .withHeader("LinkedIn-Version", equalTo("202410")));
    }

    @Test
    void linkedInRefusingTheTokenAfterARefreshNamesTheSettings() {
        API.stubFor(get(urlPathEqualTo(LINKEDIN_ACCOUNT)).willReturn(jsonError(401,
                "{\"status\": 401, \"serviceErrorCode\": 65601, \"code\": \"REVOKED_ACCESS_TOKEN\","
                                + " \"message\": \"The token used in the request has been revoked by the user\"}")));

        assertFailure("linkedin-ads",
                "disabled: revloop.sources.linkedin-ads.enabled=false; LinkedIn refused the credentials (401: The token"
                        + " used in the request has been revoked by the user): check"
                        + " revloop.sources.linkedin-ads.client-id, client-secret and refresh-token");
        // refused once, the token renewed once, refused again
        API.verify(2, getRequestedFor(urlPathEqualTo(LINKEDIN_ACCOUNT)));
    }

    @Test
    void linkedInWithoutARoleOnTheAccountSaysSo() {
        API.stubFor(get(urlPathEqualTo(LINKEDIN_ACCOUNT)).willReturn(jsonError(403,
                "{\"status\": 403, \"serviceErrorCode\": 100, \"code\": \"ACCESS_DENIED\","
                                + " \"message\": \"Not enough permissions to access: adAccounts.GET.20241001\"}")));

        assertFailure("linkedin-ads",
                "disabled: revloop.sources.linkedin-ads.enabled=false; LinkedIn: the member behind"
                        + " revloop.sources.linkedin-ads.refresh-token has no role on ad account 508000111 or the app"
                        + " lacks r_ads and r_ads_reporting (403: Not enough permissions to access:"
                        + " adAccounts.GET.20241001)");
    }

    // --- files ---

    @Test
    void theInboxMustBeAReadableAndWritableDirectory() throws IOException {
        String inbox = inbox("connection-check").toString();
        assertThat(testAsAdmin("files")).containsEntry("ok", true)
                .containsEntry("message", "ready: the inbox " + inbox + " exists and the hub may read and write it");

        FileSystemUtils.deleteRecursively(inbox("connection-check"));
        assertFailure("files", "the inbox " + inbox + " does not exist: create it or set revloop.sources.files.inbox");

        Files.writeString(inbox("connection-check"), "not a directory");
        try {
            assertFailure("files", "the inbox " + inbox + " is not a directory: check revloop.sources.files.inbox");
        } finally {
            Files.delete(inbox("connection-check"));
        }
    }

    // --- the endpoint ---

    @Test
    void onlyAnAdminMayTestAConnection() {
        assertThat(test("files", TestTokens.VIEWER).getStatusCode().value()).isEqualTo(403);
        assertThat(test("files", TestTokens.OPERATOR).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map<String, Object>> anonymous = test("files", null);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getBody()).containsKey("error");
    }

    @Test
    void anUnknownSourceIs404() {
        ResponseEntity<Map<String, Object>> answer = test("pipedrive", TestTokens.ADMIN);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody()).containsEntry("error", "no source 'pipedrive'; the sources are files, salesforce,"
                + " hubspot, ga4, google-ads, linkedin-ads, meta-ads");
    }

    @Test
    void aCheckThatTakesTooLongIsStoppedAtItsTimeBox() throws InterruptedException {
        API.stubFor(hubSpotList("contacts").willReturn(okJson("{\"results\": []}").withFixedDelay(3000)));

        ConnectionTest answer = new ConnectionChecks(checks, Duration.ofMillis(300)).test("hubspot").orElseThrow();

        assertThat(answer.ok()).isFalse();
        assertThat(answer.message()).isEqualTo(DISABLED_HUBSPOT + "no answer within 300 ms: " + API.baseUrl());
        assertThat(answer.durationMs()).isBetween(300L, 2900L);
    }

    private static MappingBuilder hubSpotList(String object) {
        return get(urlPathEqualTo("/crm/v3/objects/" + object)).withQueryParam("limit", equalTo("1"));
    }

    private static ResponseDefinitionBuilder jsonError(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void assertFailure(String source, String message) {
        assertThat(testAsAdmin(source)).containsEntry("ok", false).containsEntry("message", message);
    }

    private Map<String, Object> testAsAdmin(String source) {
        ResponseEntity<Map<String, Object>> answer = test(source, TestTokens.ADMIN);
        assertThat(answer.getStatusCode().value()).as("status of the test of " + source).isEqualTo(200);
        assertThat(answer.getBody()).containsOnlyKeys("source", "ok", "message", "durationMs");
        return answer.getBody();
    }
}
