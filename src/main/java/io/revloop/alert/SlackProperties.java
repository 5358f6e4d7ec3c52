package io.revloop.alert;

import io.revloop.config.QuartzCron;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of alerts and digests to Slack incoming webhooks ({@code revloop.sinks.slack.*}). The
 * webhook URL is a secret: it is never logged nor returned by the API.
 */
@Validated
@ConfigurationProperties("revloop.sinks.slack")
public record SlackProperties(
        Secret webhookUrl,
        @NotBlank @QuartzCron String retrySchedule,
        @Min(1) @Max(45) int alertsPerMessage,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration maxInlineWait,
        @NotNull Duration timeout) {

    public SlackProperties {
        webhookUrl = Secret.orEmpty(webhookUrl);
    }
}
