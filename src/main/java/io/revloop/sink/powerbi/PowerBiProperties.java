package io.revloop.sink.powerbi;

import io.revloop.config.RequiredSettings;
import io.revloop.security.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The Power BI push dataset ({@code revloop.sinks.powerbi.*}); see docs/sinks.md. */
@Validated
@ConfigurationProperties("revloop.sinks.powerbi")
public record PowerBiProperties(
        boolean enabled,
        @NotBlank String baseUrl,
        @NotBlank String tokenUrl,
        String tenantId,
        String clientId,
        Secret clientSecret,
        @NotBlank String scope,
        String workspaceId,
        @NotBlank String datasetName,
        @NotBlank String tableName,
        @Min(1) @Max(10_000) int rowsPerPost,
        @Min(1) @Max(120) int postsPerMinute,
        @Min(0) @Max(20) int maxRetries,
        @NotNull Duration backoff,
        @NotNull Duration maxBackoff,
        @NotNull Duration timeout) {

    public PowerBiProperties {
        clientSecret = Secret.orEmpty(clientSecret);
        RequiredSettings required = RequiredSettings.of("revloop.sinks.powerbi", enabled)
                .require("client-id", clientId)
                .require("client-secret", clientSecret)
                .require("workspace-id", workspaceId);
        if (tokenUrl != null && tokenUrl.contains("{tenant-id}")) {
            required.require("tenant-id", tenantId);
        }
        required.check();
    }

    /** The token URL with {@code {tenant-id}} filled in. */
    String resolvedTokenUrl() {
        return tokenUrl.replace("{tenant-id}", tenantId == null ? "" : tenantId.trim());
    }
}
