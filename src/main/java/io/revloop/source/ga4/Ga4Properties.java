package io.revloop.source.ga4;

import io.revloop.config.QuartzCron;
import io.revloop.config.RequiredSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import io.revloop.sync.SourceSchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The GA4 Data API source ({@code revloop.sources.ga4.*}); see docs/ads.md. */
@Validated
@ConfigurationProperties("revloop.sources.ga4")
public record Ga4Properties(
        boolean enabled,
        @NotBlank @QuartzCron String schedule,
        @Min(1) @Max(365) int lookbackDays,
        @Min(1) @Max(1095) int initialDays,
        @NotBlank String baseUrl,
        @NotBlank String tokenUrl,
        String propertyId,
        Path credentialsFile,
        @Min(1) @Max(250_000) int pageSize,
        @Min(0) int minRemainingTokens,
        @NotNull Map<String, String> channels,
        @NotBlank String defaultChannel,
        @Min(0) @Max(20) int maxRetries,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration timeout) implements SourceSchedule {

    public Ga4Properties {
        RequiredSettings.of("revloop.sources.ga4", enabled)
                .require("property-id", propertyId)
                .requireReadableFile("credentials-file", credentialsFile)
                .check();
    }
}
