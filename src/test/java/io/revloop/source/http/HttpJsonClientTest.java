package io.revloop.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The HTTP mechanics against a WireMock server over real HTTP, through a real Camel context. */
class HttpJsonClientTest {

    private static final WireMockServer SERVER = new WireMockServer(options().dynamicPort());
    /** The packaged defaults. */
    private static final HttpLimits DEFAULT_LIMITS = new HttpLimits(DataSize.ofMegabytes(64), DataSize.ofMegabytes(32));
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

    @Test
    void aDocumentLargerThanTheDocumentCapFailsAtOnceWithTheSetting() throws InterruptedException {
        // 800 records of 48 bytes: 38 KB, more than the 16 KB cap and the parser's 8 KB read-ahead past it
        SERVER.stubFor(get(urlPathEqualTo("/v1/big")).willReturn(okJson(records(800))));

        assertThatThrownBy(() -> client(3, BearerToken.fixed("test-token"), limits(64, 16)).get("/v1/big", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Test API answered GET /v1/big with a JSON document larger than 16KB"
                        + " (revloop.http.max-document-size)");
        SERVER.verify(1, getRequestedFor(urlPathEqualTo("/v1/big")));
        // a document within the cap (100 records, under 5 KB) is read whole
        SERVER.stubFor(get(urlPathEqualTo("/v1/small")).willReturn(okJson(records(100))));
        assertThat(client(3, BearerToken.fixed("test-token"), limits(64, 16)).get("/v1/small", Map.of())
                .path("results")).hasSize(100);
    }

    @Test
    void anAnswerLargerThanTheResponseCapIsCutOffWithoutRetries() {
        // 3 000 records: 144 KB, over a 64 KB cap — announced by Content-Length, and sent chunked without one
        SERVER.stubFor(get(urlPathEqualTo("/v1/announced")).willReturn(okJson(records(3000))));
        SERVER.stubFor(get(urlPathEqualTo("/v1/chunked")).willReturn(okJson(records(3000))
                .withChunkedDribbleDelay(20, 100)));

        for (String path : List.of("/v1/announced", "/v1/chunked")) {
            assertThatThrownBy(() -> client(3, BearerToken.fixed("test-token"), limits(64, 32)).get(path, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Test API answered GET " + path + " with an answer larger than 64KB"
                            + " (revloop.http.max-response-size)")
                    .hasMessageEndingWith("; not retried");
            SERVER.verify(1, getRequestedFor(urlPathEqualTo(path)));
        }
    }

    @Test
    void aStreamOfBatchesIsHandedOnOneBatchAtATime() throws Exception {
        // 40 batches of 20 records (under 1 KB each, 38 KB in all), read under a 16 KB document cap
        StringBuilder answer = new StringBuilder("[");
        for (int batch = 0; batch < 40; batch++) {
            answer.append(batch == 0 ? "" : ",").append("{\"batch\":").append(batch).append(",")
                    .append(records(20).substring(1));
        }
        SERVER.stubFor(post(urlPathEqualTo("/v1/stream")).willReturn(okJson(answer.append("]").toString())));
        List<Integer> batches = new ArrayList<>();
        int[] records = {0};

        client(0, BearerToken.fixed("test-token"), limits(64, 16)).postForEach("/v1/stream", Map.of("q", 1), batch -> {
            batches.add(batch.path("batch").asInt());
            records[0] += batch.path("results").size();
        });

        assertThat(batches).hasSize(40).startsWith(0, 1, 2).endsWith(39);
        assertThat(records[0]).isEqualTo(800);
        // a batch over the cap (1 000 records, 48 KB) ends the stream naming the setting; the one before it was handed on
        SERVER.stubFor(post(urlPathEqualTo("/v1/stream")).willReturn(okJson("[{\"batch\":0," + records(20).substring(1)
                + ",{\"batch\":1," + records(1000).substring(1) + "]")));
        batches.clear();
        assertThatThrownBy(() -> client(0, BearerToken.fixed("test-token"), limits(64, 16)).postForEach("/v1/stream",
                Map.of(), batch -> batches.add(batch.path("batch").asInt())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Test API answered POST /v1/stream with a JSON document larger than 16KB"
                        + " (revloop.http.max-document-size)");
        assertThat(batches).containsExactly(0);
        SERVER.verify(2, postRequestedFor(urlPathEqualTo("/v1/stream")));
    }

    @Test
    void anErrorBodyIsReadOnlyAsFarAsAMessageNeeds() {
        Message answer = new DefaultExchange(camel).getIn();
        answer.setBody("é".repeat(5000).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // 10 000 bytes of two-byte characters: the first 8 192 bytes, 4 096 characters
        assertThat(ErrorBody.read(answer)).hasSize(4096);
    }

    /** {"results":[{"id":"000001","name":"record 000001 of a page"},…]}: 48 bytes per record with its comma. */
    private static String records(int count) {
        StringBuilder json = new StringBuilder("{\"results\":[");
        for (int i = 1; i <= count; i++) {
            json.append(i == 1 ? "" : ",").append(String.format("{\"id\":\"%06d\",\"name\":\"record %06d of a page\"}", i, i));
        }
        return json.append("]}").toString();
    }

    private static HttpLimits limits(int responseKilobytes, int documentKilobytes) {
        return new HttpLimits(DataSize.ofKilobytes(responseKilobytes), DataSize.ofKilobytes(documentKilobytes));
    }

    private static HttpJsonClient client(int retries, BearerToken token) {
        return client(retries, token, DEFAULT_LIMITS);
    }

    private static HttpJsonClient client(int retries, BearerToken token, HttpLimits limits) {
        return new HttpJsonClient(template, new HttpJsonClient.Settings("Test API", URI.create(SERVER.baseUrl()),
                Duration.ofSeconds(2), Duration.ofMillis(500), new RetryPolicy(retries, Duration.ofMillis(10),
                Duration.ofSeconds(1)), "check test.token"), token, new TokenBucket(1000, 1000),
                new RemoteJson(new ObjectMapper(), limits));
    }
}
