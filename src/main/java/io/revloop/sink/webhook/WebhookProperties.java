package io.revloop.sink.webhook;

import io.revloop.config.RequiredSettings;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The KPI webhook ({@code revloop.sinks.webhook.*}): the values of each compute, POSTed as signed JSON. */
@Validated
@ConfigurationProperties("revloop.sinks.webhook")
public record WebhookProperties(
        boolean enabled,
        Secret url,
        Secret secret,
        @Min(1) @Max(50_000) int batchSize,
        @Min(0) @Max(20) int maxRetries,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration timeout) {

    public WebhookProperties {
        url = Secret.orEmpty(url);
        secret = Secret.orEmpty(secret);
        RequiredSettings.of("revloop.sinks.webhook", enabled).require("url", url).check();
    }
}
