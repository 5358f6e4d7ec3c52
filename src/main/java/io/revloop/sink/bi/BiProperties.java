package io.revloop.sink.bi;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The BI mart ({@code revloop.bi.*}): which attribution models the {@code bi_attribution} view holds
 * besides {@code revloop.attribution.model}; each costs one attribution pass per compute.
 */
@Validated
@ConfigurationProperties("revloop.bi")
public record BiProperties(@NotNull List<String> attributionModels) {
}
