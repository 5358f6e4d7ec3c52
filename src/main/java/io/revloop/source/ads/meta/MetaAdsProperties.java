package io.revloop.source.ads.meta;

import io.revloop.config.QuartzCron;
import io.revloop.config.RequiredSettings;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import io.revloop.sync.SourceSchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The Meta (Facebook, Instagram) ads source ({@code revloop.sources.meta-ads.*}); see docs/ads.md. */
@Validated
@ConfigurationProperties("revloop.sources.meta-ads")
public record MetaAdsProperties(
        boolean enabled,
        @NotBlank @QuartzCron String schedule,
        @Min(1) @Max(365) int lookbackDays,
        @Min(1) @Max(1095) int initialDays,
        @NotBlank String baseUrl,
        @NotBlank String apiVersion,
        String accountId,
        Secret accessToken,
        @NotBlank String channel,
        @NotNull List<String> leadActionTypes,
        @NotNull List<Integer> throttlingCodes,
        @Min(1) @Max(100) int usageThreshold,
        @Min(1) @Max(5000) int pageSize,
        @NotNull io.revloop.source.ads.AdSpendWindow.CampaignKey campaignKey,
        @Min(1) @Max(50_000) int batchSize,
        @Min(0) @Max(20) int maxRetries,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration timeout) implements SourceSchedule {

    public MetaAdsProperties {
        accessToken = Secret.orEmpty(accessToken);
        RequiredSettings.of("revloop.sources.meta-ads", enabled)
                .require("account-id", accountId)
                .require("access-token", accessToken)
                .check();
    }
}
