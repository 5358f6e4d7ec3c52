package io.revloop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.revloop.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may call what, over real HTTP against the running hub: bearer tokens per role, a browser
 * session from /login?token= with CSRF protection, foreign origins refused, an audit line per
 * state-changing call. The API answers are checked as a script and a browser see them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.inbox=target/test-inbox/security",
        "revloop.security.tokens[0].name=dashboard",
        "revloop.security.tokens[0].role=viewer",
        "revloop.security.tokens[0].value=" + ApiSecurityTest.VIEWER,
        "revloop.security.tokens[1].name=ops-team",
        "revloop.security.tokens[1].role=operator",
        "revloop.security.tokens[1].value=" + ApiSecurityTest.OPERATOR,
        "revloop.security.tokens[2].name=platform-admin",
        "revloop.security.tokens[2].role=admin",
        "revloop.security.tokens[2].value=" + ApiSecurityTest.ADMIN,
        // only the SHA-256 of "hashed-viewer-token-0123456789" (printf %s … | sha256sum)
        "revloop.security.tokens[3].name=hashed-viewer",
        "revloop.security.tokens[3].role=viewer",
        "revloop.security.tokens[3].sha256=" + ApiSecurityTest.HASHED_VIEWER_SHA256})
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTest {

    static final String VIEWER = "viewer-token-for-the-dashboard-4711";
    static final String OPERATOR = "operator-token-for-the-ops-team-0815";
    static final String ADMIN = "admin-token-for-the-platform-team-1234";
    static final String HASHED_VIEWER_SHA256 = "f33e5edefba4731145a958b073a66b278dba93e1588180f8888437a06b306828";

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("security").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void withoutATokenTheApiAnswers401AndHealthStaysPublic() throws Exception {
        for (String path : List.of("/api/syncs", "/api/kpis/catalog", "/api/alerts", "/api/dead-letters?run=1")) {
            HttpResponse<String> answer = send(get(path));
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.body()).as(path).startsWith("{\"error\":");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
        }
        assertThat(send(post("/api/syncs?source=files")).statusCode()).isEqualTo(401);
        assertThat(send(get("/api/syncs").header("Authorization", "Bearer not-a-token")).statusCode()).isEqualTo(401);
        assertThat(send(get("/api/syncs").header("Authorization", "Basic dXNlcjpwYXNz")).statusCode()).isEqualTo(401);

        HttpResponse<String> health = send(get("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void aViewerReadsButNeitherStartsRunsNorReadsDeadLetters() throws Exception {
        assertThat(send(get("/api/syncs").header("Authorization", "Bearer " + VIEWER)).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/kpis/catalog").header("Authorization", "Bearer " + VIEWER)).statusCode())
                .isEqualTo(200);
        for (HttpRequest.Builder refused : List.of(post("/api/syncs?source=files"), post("/api/kpis/compute"),
                get("/api/dead-letters?run=1"))) {
            HttpResponse<String> answer = send(refused.header("Authorization", "Bearer " + VIEWER));
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).startsWith("{\"error\":");
        }
    }

    @Test
    void anOperatorStartsRunsRecomputesAndReadsDeadLetters() throws Exception {
        assertThat(send(get("/api/dead-letters?run=1").header("Authorization", "Bearer " + OPERATOR)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> started = send(post("/api/syncs?source=files").header("Authorization", "Bearer " + OPERATOR));
        assertThat(started.statusCode()).isIn(202, 409);
        assertThat(send(post("/api/kpis/compute").header("Authorization", "Bearer " + OPERATOR)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAdminMayDoWhatAnOperatorMay() throws Exception {
        assertThat(send(get("/api/dead-letters?run=1").header("Authorization", "Bearer " + ADMIN)).statusCode())
                .isEqualTo(200);
        assertThat(send(post("/api/kpis/compute").header("Authorization", "Bearer " + ADMIN)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void pagesSendABrowserWithoutSessionToSignInWhileTheApiAnswers401() throws Exception {
        for (String page : List.of("/", "/funnel", "/attribution", "/kpis?kpi=win_rate", "/syncs?source=files",
                "/sources", "/alerts", "/pages/app.html")) {
            HttpResponse<String> answer = send(get(page));
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
        assertThat(send(get("/api/me")).statusCode()).isEqualTo(401);
        // the scripts and the style sheet hold no data: public, so the sign-in page could use them
        HttpResponse<String> script = send(get("/assets/app.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        HttpResponse<String> page = send(get("/syncs?source=files").header("Authorization", "Bearer " + VIEWER));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/main.js\">");
    }

    @Test
    void meNamesTheCallerAndItsRoleNeverTheToken() throws Exception {
        HttpResponse<String> me = send(get("/api/me").header("Authorization", "Bearer " + VIEWER));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).startsWith("{\"name\":\"dashboard\",\"role\":\"viewer\",\"baseCurrency\":\"EUR\",")
                .doesNotContain(VIEWER);
    }

    @Test
    void aTokenConfiguredOnlyByItsSha256IsAccepted() throws Exception {
        assertThat(send(get("/api/syncs").header("Authorization", "Bearer hashed-viewer-token-0123456789"))
                .statusCode()).isEqualTo(200);
        assertThat(send(get("/api/syncs").header("Authorization", "Bearer " + HASHED_VIEWER_SHA256)).statusCode())
                .as("the hash itself is not a token").isEqualTo(401);
    }

    @Test
    void aBrowserSignsInWithTheLinkAndCookieRequestsNeedTheCsrfToken() throws Exception {
        HttpResponse<String> signIn = send(get("/login?token=" + OPERATOR));
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.headers().firstValue("Location")).hasValue("/");
        String sessionCookie = setCookie(signIn, "revloop_session").orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String session = cookieValue(sessionCookie);

        HttpResponse<String> read = send(get("/api/syncs").header("Cookie", "revloop_session=" + session));
        assertThat(read.statusCode()).isEqualTo(200);
        String xsrf = cookieValue(setCookie(read, "XSRF-TOKEN").orElseThrow());

        HttpResponse<String> forged = send(post("/api/syncs?source=files")
                .header("Cookie", "revloop_session=" + session + "; XSRF-TOKEN=" + xsrf));
        assertThat(forged.statusCode()).as("a cookie POST without the CSRF header").isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");

        HttpResponse<String> wrongToken = send(post("/api/syncs?source=files")
                .header("Cookie", "revloop_session=" + session + "; XSRF-TOKEN=" + xsrf)
                .header("X-XSRF-TOKEN", "0000" + xsrf));
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        HttpResponse<String> allowed = send(post("/api/syncs?source=files")
                .header("Cookie", "revloop_session=" + session + "; XSRF-TOKEN=" + xsrf)
                .header("X-XSRF-TOKEN", xsrf));
        assertThat(allowed.statusCode()).isIn(202, 409);
    }

    @Test
    void aWrongSignInLinkGivesNoSession() throws Exception {
        HttpResponse<String> signIn = send(get("/login?token=guessed-token"));
        assertThat(signIn.statusCode()).isEqualTo(401);
        assertThat(signIn.body()).contains("not valid");
        assertThat(setCookie(signIn, "revloop_session")).isEmpty();
    }

    @Test
    void aForeignOriginIsRefusedEvenWithAValidToken() throws Exception {
        HttpResponse<String> foreign = send(post("/api/syncs?source=files").header("Authorization", "Bearer " + OPERATOR)
                .header("Origin", "https://evil.example"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("cross-origin");
        assertThat(send(get("/api/syncs").header("Authorization", "Bearer " + VIEWER).header("Origin", "null"))
                .statusCode()).isEqualTo(403);
        assertThat(send(get("/api/syncs").header("Authorization", "Bearer " + VIEWER)
                .header("Origin", "http://localhost:" + port)).statusCode()).isEqualTo(200);
    }

    @Test
    void everyStateChangingCallLeavesAnAuditLineWithTheTokensNameNeverTheToken(CapturedOutput output)
            throws Exception {
        send(post("/api/kpis/compute").header("Authorization", "Bearer " + OPERATOR));
        send(post("/api/kpis/compute").header("Authorization", "Bearer " + VIEWER));

        // the line is written once the answer has left: wait for it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("caller=ops-team (operator) action=\"POST /api/kpis/compute\" status=200")
                .contains("caller=dashboard (viewer) action=\"POST /api/kpis/compute\" status=403")
                .doesNotContain(OPERATOR).doesNotContain(VIEWER));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    private static String cookieValue(String setCookie) {
        Matcher value = Pattern.compile("^[^=]+=([^;]*)").matcher(setCookie);
        assertThat(value.find()).isTrue();
        return value.group(1);
    }
}
