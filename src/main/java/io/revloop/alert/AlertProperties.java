package io.revloop.alert;

import io.revloop.config.QuartzCron;
import io.revloop.security.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * KPI alert rules and digests ({@code revloop.alerts.*}); delivery is {@link SlackProperties}. Rules are
 * checked against the KPI catalogue at start by {@link AlertRules}.
 */
@Validated
@ConfigurationProperties("revloop.alerts")
public record AlertProperties(
        boolean enabled,
        @NotNull Duration cooldown,
        @Min(1) @Max(12) int trendPeriods,
        @Valid @NotNull List<Rule> rules,
        @Valid @NotNull Map<String, Digest> digests) {

    /**
     * One rule: the KPI at a grain (optionally one breakdown, optionally one value of it) compared with
     * a threshold in the KPI's unit (ratios as fractions, money in the base currency). {@code period}:
     * {@code complete} (default, the last complete period) or {@code current} (the running period, for
     * counts and sums, against the threshold pro rata); {@code minSample}: the smallest denominator a
     * ratio is judged on (default: the KPI's).
     */
    public record Rule(String name, String kpi, String grain, String dimension, String dimensionValue,
                       String comparison, String threshold, String severity, Secret webhookUrl, Duration cooldown,
                       String period, Integer minSample) {

        public Rule {
            webhookUrl = Secret.orEmpty(webhookUrl);
        }
    }

    /** A digest: the current values of some KPIs at one grain, sent on a schedule. */
    public record Digest(boolean enabled, @QuartzCron String schedule, String grain, List<String> kpis) {
    }
}
