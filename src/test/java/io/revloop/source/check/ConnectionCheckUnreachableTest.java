package io.revloop.source.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every remote source configured at a port where nothing listens: the test says "connection refused"
 * with the address it tried — the OAuth token endpoint for the connectors that need a token first,
 * the login URL for Salesforce — at once, without the retries of a sync.
 */
class ConnectionCheckUnreachableTest extends ConnectionCheckScenarios {

    static final String NOWHERE = "http://127.0.0.1:" + closedPort();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        serversAt(registry, NOWHERE, "connection-check-unreachable");
    }

    @Test
    void aSourceNobodyAnswersAtIsSaidToRefuseTheConnection() {
        Map<String, String> refused = Map.of(
                "salesforce", "connection refused: " + NOWHERE,
                "hubspot", "disabled: revloop.sources.hubspot.enabled=false; connection refused: " + NOWHERE,
                "ga4", "disabled: revloop.sources.ga4.enabled=false; connection refused: " + NOWHERE + "/google/token",
                "google-ads", "disabled: revloop.sources.google-ads.enabled=false; connection refused: " + NOWHERE
                        + "/google/token",
                "meta-ads", "disabled: revloop.sources.meta-ads.enabled=false; connection refused: " + NOWHERE,
                "linkedin-ads", "disabled: revloop.sources.linkedin-ads.enabled=false; connection refused: " + NOWHERE
                        + "/linkedin/token");
        refused.forEach((source, message) -> {
            Map<String, Object> answer = test(source, TestTokens.ADMIN).getBody();
            assertThat(answer).as(source).containsEntry("ok", false).containsEntry("message", message);
            // no retries with backoff: a refused connection is said at once
            assertThat((Integer) answer.get("durationMs")).as(source).isLessThan(5000);
        });
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
