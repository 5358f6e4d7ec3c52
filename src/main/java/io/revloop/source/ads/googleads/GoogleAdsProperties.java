package io.revloop.source.ads.googleads;

import io.revloop.config.QuartzCron;
import io.revloop.config.RequiredSettings;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import io.revloop.sync.SourceSchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The Google Ads source ({@code revloop.sources.google-ads.*}); see docs/ads.md. */
@Validated
@ConfigurationProperties("revloop.sources.google-ads")
public record GoogleAdsProperties(
        boolean enabled,
        @NotBlank @QuartzCron String schedule,
        @Min(1) @Max(365) int lookbackDays,
        @Min(1) @Max(3650) int initialDays,
        @NotBlank String baseUrl,
        @NotBlank String tokenUrl,
        @NotBlank String apiVersion,
        String customerId,
        String loginCustomerId,
        Secret developerToken,
        String clientId,
        Secret clientSecret,
        Secret refreshToken,
        @NotNull Map<String, String> channels,
        @NotBlank String defaultChannel,
        @NotNull io.revloop.source.ads.AdSpendWindow.CampaignKey campaignKey,
        @Min(1) @Max(50_000) int batchSize,
        @Min(0) @Max(20) int maxRetries,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration timeout) implements SourceSchedule {

    public GoogleAdsProperties {
        developerToken = Secret.orEmpty(developerToken);
        clientSecret = Secret.orEmpty(clientSecret);
        refreshToken = Secret.orEmpty(refreshToken);
        RequiredSettings.of("revloop.sources.google-ads", enabled)
                .require("customer-id", customerId)
                .require("developer-token", developerToken)
                .require("client-id", clientId)
                .require("client-secret", clientSecret)
                .require("refresh-token", refreshToken)
                .check();
    }
}
