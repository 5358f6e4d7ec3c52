package io.revloop.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revloop.security.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhook's signature headers, against HMACs computed outside the program: RFC 4231's test case 2
 * (key "Jefe", data "what do ya want for nothing?") for the body signature, and
 * {@code printf '<timestamp>.<body>' | openssl dgst -sha256 -hmac Jefe} for the timestamped one.
 */
class WebhookSignatureTest {

    private static final byte[] BODY = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    /** printf '1772409600.what do ya want for nothing?' | openssl dgst -sha256 -hmac Jefe */
    private static final String TIMESTAMPED = "b02f4a6045c38d8f3d43b5d35491b205bc8e96dde2920a8213473e5963c34656";
    /** RFC 4231, 4.3: HMAC-SHA-256 of "what do ya want for nothing?" with key "Jefe". */
    private static final String BODY_ONLY = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    @Test
    void oneSecretSignsTimestampAndBodyAndTheBodyAloneForTheFirstScheme() {
        Map<String, String> headers = new WebhookSignature("Jefe", null, true).headers("d-1", 1772409600L, BODY);

        assertThat(headers).containsExactly(
                Map.entry("X-Revloop-Delivery", "d-1"),
                Map.entry("X-Revloop-Timestamp", "1772409600"),
                Map.entry("X-Revloop-Signature", "v1=" + TIMESTAMPED),
                Map.entry("X-Revloop-Signature-256", "sha256=" + BODY_ONLY));
    }

    @Test
    void duringRotationBothSecretsSignAndTheBodySignatureCanBeLeftOut() {
        Map<String, String> headers = new WebhookSignature("Jefe", "Jefe", false).headers("d-2", 1772409600L, BODY);

        assertThat(headers.get("X-Revloop-Signature")).isEqualTo("v1=" + TIMESTAMPED + ",v1=" + TIMESTAMPED);
        assertThat(headers).doesNotContainKey("X-Revloop-Signature-256");
    }

    @Test
    void withoutASecretOnlyTheDeliveryAndTimestampGo() {
        assertThat(new WebhookSignature(" ", null, true).headers("d-3", 1772409600L, BODY))
                .containsOnlyKeys("X-Revloop-Delivery", "X-Revloop-Timestamp");
    }

    @Test
    void plainHttpToAnotherMachineAndAMissingSecretAreWarnedAboutAtStart() {
        assertThat(KpiWebhook.startWarnings(settings(true, "https://hooks.example.com/kpis", "s3cret"))).isEmpty();
        assertThat(KpiWebhook.startWarnings(settings(true, "http://localhost:9000/kpis", "s3cret"))).isEmpty();
        assertThat(KpiWebhook.startWarnings(settings(true, "http://127.0.0.1:9000/kpis", "s3cret"))).isEmpty();
        assertThat(KpiWebhook.startWarnings(settings(true, "http://[::1]:9000/kpis", "s3cret"))).isEmpty();
        assertThat(KpiWebhook.startWarnings(settings(false, "http://hooks.example.com/kpis", ""))).isEmpty();

        assertThat(KpiWebhook.startWarnings(settings(true, "http://hooks.example.com/kpis/token-123", "")))
                .containsExactly("KPI webhook: revloop.sinks.webhook.url is plain http:// to another machine: the"
                                + " values and their signature travel unencrypted; use https://",
                        "KPI webhook: revloop.sinks.webhook.secret is empty: requests are not signed, and a receiver"
                                + " cannot tell them from forged or replayed ones");
        assertThatThrownBy(() -> KpiWebhook.startWarnings(settings(true, "http://hooks example/token-123", "s")))
                .hasMessage("revloop.sinks.webhook.url: not a URL");
    }

    private static WebhookProperties settings(boolean enabled, String url, String secret) {
        return new WebhookProperties(enabled, Secret.of(url), Secret.of(secret), null, true, 100, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(30));
    }
}
