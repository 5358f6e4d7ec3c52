package io.revloop.sink.webhook;

import io.revloop.config.RequiredSettings;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The KPI webhook ({@code revloop.sinks.webhook.*}): the values of each compute, POSTed as signed JSON.
 * {@code previousSecret} signs too while receivers move to a new {@code secret};
 * {@code legacySignature} adds the first scheme's body-only signature ({@code X-Revloop-Signature-256}).
 */
@Validated
@ConfigurationProperties("revloop.sinks.webhook")
public record WebhookProperties(
        boolean enabled,
        Secret url,
        Secret secret,
        Secret previousSecret,
        boolean legacySignature,
        @Min(1) @Max(50_000) int batchSize,
        @Min(0) @Max(20) int maxRetries,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration timeout) {

    public WebhookProperties {
        url = Secret.orEmpty(url);
        secret = Secret.orEmpty(secret);
        previousSecret = Secret.orEmpty(previousSecret);
        RequiredSettings.of("revloop.sinks.webhook", enabled).require("url", url).check();
    }
}
