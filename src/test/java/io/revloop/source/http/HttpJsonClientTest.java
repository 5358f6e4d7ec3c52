package io.revloop.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP mechanics against a WireMock server over real HTTP, through a real Camel context. */
class HttpJsonClientTest {

    private static final WireMockServer SERVER = new WireMockServer(options().dynamicPort());
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() {
        SERVER.start();
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        SERVER.stop();
    }

    @BeforeEach
    void reset() {
        SERVER.resetAll();
    }

    @Test
    void sendsTheBearerTokenAndQueryAndReadsJson() throws Exception {
        SERVER.stubFor(get(urlPathEqualTo("/v1/things")).withQueryParam("after", equalTo("a b"))
                .withHeader("Authorization", equalTo("Bearer secret-1")).willReturn(okJson("{\"results\":[{\"id\":\"7\"}]}")));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("after", "a b");
        query.put("absent", null);

        JsonNode answer = client(2, BearerToken.fixed("secret-1")).get("/v1/things", query);

        assertThat(answer.path("results").get(0).path("id").asText()).isEqualTo("7");
    }

    @Test
    void postsJsonBodies() throws Exception {
        SERVER.stubFor(post(urlPathEqualTo("/v1/search")).withRequestBody(equalToJson("{\"limit\":5}"))
                .willReturn(okJson("{\"total\":0}")));

        assertThat(client(0, BearerToken.fixed("test-token")).post("/v1/search", Map.of("limit", 5)).path("total").asInt())
                .isZero();
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedWithBackoff() throws Exception {
        SERVER.stubFor(get(urlPathEqualTo("/v1/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("slow"));
        SERVER.stubFor(get(urlPathEqualTo("/v1/flaky")).inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(okJson("{}").withFixedDelay(1500)).willSetStateTo("fine"));
        SERVER.stubFor(get(urlPathEqualTo("/v1/flaky")).inScenario("flaky").whenScenarioStateIs("fine")
                .willReturn(okJson("{\"ok\":true}")));

        JsonNode answer = client(3, BearerToken.fixed("test-token")).get("/v1/flaky", Map.of());

        assertThat(answer.path("ok").asBoolean()).isTrue();
        SERVER.verify(3, getRequestedFor(urlPathEqualTo("/v1/flaky")));
    }

    @Test
    void retriesAreBounded() {
        SERVER.stubFor(get(urlPathEqualTo("/v1/down")).willReturn(aResponse().withStatus(500).withBody("oops")));

        assertThatThrownBy(() -> client(2, BearerToken.fixed("test-token")).get("/v1/down", Map.of()))
                .isInstanceOf(HttpStatusException.class)
                .hasMessage("Test API: GET /v1/down still failed after 2 retries: status 500: oops");
        SERVER.verify(3, getRequestedFor(urlPathEqualTo("/v1/down")));
    }

    @Test
    void aClientErrorIsNotRetriedAndNamesTheServersMessage() {
        SERVER.stubFor(get(urlPathEqualTo("/v1/missing")).willReturn(aResponse().withStatus(403)
                .withBody("{\"status\":\"error\",\"message\":\"This app hasn't been granted all required scopes\","
                        + "\"category\":\"MISSING_SCOPES\"}")));

        assertThatThrownBy(() -> client(3, BearerToken.fixed("test-token")).get("/v1/missing", Map.of()))
                .isInstanceOf(HttpStatusException.class)
                .hasMessage("Test API answered GET /v1/missing with status 403: MISSING_SCOPES,"
                        + " This app hasn't been granted all required scopes");
        SERVER.verify(1, getRequestedFor(urlPathEqualTo("/v1/missing")));
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffEndsTheRequestAtOnce() {
        SERVER.stubFor(get(urlPathEqualTo("/v1/daily")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600").withBody("{\"policyName\":\"DAILY\"}")));

        assertThatThrownBy(() -> client(5, BearerToken.fixed("test-token")).get("/v1/daily", Map.of()))
                .isInstanceOf(HttpStatusException.class)
                .hasMessageContaining("asks to wait 3600 s (Retry-After)");
        SERVER.verify(1, getRequestedFor(urlPathEqualTo("/v1/daily")));
    }

    @Test
    void a401RefreshesARenewableTokenOnceAndNeverShowsTheToken() {
        AtomicReference<String> current = new AtomicReference<>("old-token");
        BearerToken renewable = new BearerToken() {
            @Override
            public String value() {
                return current.get();
            }

            @Override
            public boolean refresh() {
                current.set("new-token");
                return true;
            }
        };
        SERVER.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"token new-token is expired\"}")));

        assertThatThrownBy(() -> client(3, renewable).get("/v1/me", Map.of()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("Test API refused the credentials: GET /v1/me answered status 401: token *** is expired;"
                        + " check test.token");
        SERVER.verify(1, getRequestedFor(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer old-token")));
        SERVER.verify(1, getRequestedFor(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer new-token")));
    }

    @Test
    void retryPolicyDoublesUpToItsCapAndHonoursALongerRetryAfter() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));

        assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.delay(1, Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.delay(3, Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.waitsTooLong(Duration.ofMillis(300))).isFalse();
        assertThat(policy.waitsTooLong(Duration.ofMillis(301))).isTrue();
    }

    @Test
    void theTokenBucketLetsABurstThroughThenKeepsTheRate() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(20, 5);
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }
        Duration burst = Duration.ofNanos(System.nanoTime() - started);
        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }
        Duration all = Duration.ofNanos(System.nanoTime() - started);

        assertThat(burst).isLessThan(Duration.ofMillis(100));
        // five more permits at 20 a second take 250 ms
        assertThat(all).isGreaterThanOrEqualTo(Duration.ofMillis(240));
    }

    private static HttpJsonClient client(int retries, BearerToken token) {
        return new HttpJsonClient(template, new HttpJsonClient.Settings("Test API", URI.create(SERVER.baseUrl()),
                Duration.ofSeconds(2), Duration.ofMillis(500), new RetryPolicy(retries, Duration.ofMillis(10),
                Duration.ofSeconds(1)), "check test.token"), token, new TokenBucket(1000, 1000), new ObjectMapper());
    }
}
