package io.revloop.operations;

import io.revloop.config.QuartzCron;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Alerts on the hub's own operation ({@code revloop.alerts.operations.*}, docs/alerts.md): failed
 * runs, refused credentials, stale sources, dead letters. {@code staleAfter} maps a source to its own
 * limit; any other enabled source is stale after {@code staleAfterIntervals} of its schedule's
 * interval. The stale limit also decides the {@code stale} status of {@code GET /api/sources}.
 */
@Validated
@ConfigurationProperties("revloop.alerts.operations")
public record OperationsAlertProperties(
        boolean enabled,
        @Min(1) @Max(1000) int staleAfterIntervals,
        Map<String, Duration> staleAfter,
        @Min(0) long deadLetterThreshold,
        @NotBlank @QuartzCron String checkSchedule,
        Secret webhookUrl) {

    public OperationsAlertProperties {
        staleAfter = staleAfter == null ? Map.of() : Map.copyOf(staleAfter);
        webhookUrl = Secret.orEmpty(webhookUrl);
    }
}
