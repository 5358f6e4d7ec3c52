package io.revloop.source.ads.linkedin;

import io.revloop.config.QuartzCron;
import io.revloop.config.RequiredSettings;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import io.revloop.sync.SourceSchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The LinkedIn ads source ({@code revloop.sources.linkedin-ads.*}); see docs/ads.md. */
@Validated
@ConfigurationProperties("revloop.sources.linkedin-ads")
public record LinkedInAdsProperties(
        boolean enabled,
        @NotBlank @QuartzCron String schedule,
        @Min(1) @Max(365) int lookbackDays,
        @Min(1) @Max(1095) int initialDays,
        @NotBlank String baseUrl,
        @NotBlank String tokenUrl,
        @NotBlank String apiVersion,
        String accountId,
        String clientId,
        Secret clientSecret,
        Secret refreshToken,
        @NotBlank String channel,
        @Min(1) @Max(1000) int pageSize,
        @NotNull io.revloop.source.ads.AdSpendWindow.CampaignKey campaignKey,
        @Min(1) @Max(50_000) int batchSize,
        @Min(0) @Max(20) int maxRetries,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration timeout) implements SourceSchedule {

    public LinkedInAdsProperties {
        clientSecret = Secret.orEmpty(clientSecret);
        refreshToken = Secret.orEmpty(refreshToken);
        RequiredSettings.of("revloop.sources.linkedin-ads", enabled)
                .require("account-id", accountId)
                .require("client-id", clientId)
                .require("client-secret", clientSecret)
                .require("refresh-token", refreshToken)
                .check();
    }
}
