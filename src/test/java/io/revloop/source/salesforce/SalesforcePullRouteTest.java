package io.revloop.source.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.revloop.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The salesforce-pull route: with the source enabled, the Quartz schedule runs a sync against the org. */
@SpringBootTest(properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.enabled=false",
        "revloop.sources.salesforce.enabled=true",
        "revloop.sources.salesforce.client-id=revloop-test-client",
        "revloop.sources.salesforce.username=integration@revloop.example",
        "revloop.sources.salesforce.password=revloop-test-password",
        "revloop.sources.salesforce.client-secret=revloop-test-secret",
        "revloop.sources.salesforce.schedule=* * * * * ?"})
class SalesforcePullRouteTest {

    private static final WireMockServer ORG = new WireMockServer(wireMockConfig().dynamicPort());

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void orgAndDatabase(DynamicPropertyRegistry registry) {
        ORG.start();
        ORG.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson("""
                {"access_token": "00DQy000000Rev1!AQ0Aroute", "instance_url": "%s", "token_type": "Bearer",
                 "id": "%s/id/00DQy000000Rev1EAC/005Qy00000UsR01IAF", "issued_at": "1772409600000"}"""
                .formatted(ORG.baseUrl(), ORG.baseUrl()))));
        ORG.stubFor(post(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
        ORG.stubFor(get(urlPathEqualTo("/services/data/v62.0/limits/")).willReturn(okJson(
                "{\"DailyApiRequests\": {\"Max\": 15000, \"Remaining\": 15000}}")));
        ORG.stubFor(get(urlPathEqualTo("/services/data/v62.0/queryAll/")).willReturn(okJson(
                "{\"totalSize\": 0, \"done\": true, \"records\": []}")));
        TestDatabase.hsqldb("salesforce-route").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.salesforce.login-url", ORG::baseUrl);
    }

    @AfterAll
    static void stopOrg() {
        ORG.stop();
    }

    @Test
    void theScheduleRunsASyncWithThePasswordLogin() throws InterruptedException {
        Map<String, Object> run = awaitRun();

        assertThat(run).containsEntry("STATUS", "succeeded").containsEntry("TRIGGER_KIND", "schedule");
        assertThat(ORG.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/services/oauth2/token"))).get(0).getBodyAsString())
                .contains("grant_type=password", "username=integration%40revloop.example");
    }

    private Map<String, Object> awaitRun() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var runs = jdbc.queryForList("SELECT status, trigger_kind FROM sync_runs WHERE status <> 'running'");
            if (!runs.isEmpty()) {
                return runs.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the schedule did not run a Salesforce sync");
    }
}
