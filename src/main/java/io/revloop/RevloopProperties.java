package io.revloop;

import io.revloop.config.QuartzCron;
import io.revloop.config.RequiredSettings;
import io.revloop.kpi.attribution.AttributionModel;
import io.revloop.kpi.scoring.ScoringRule;
import io.revloop.model.Channel;
import io.revloop.model.SpreadsheetForms;
import io.revloop.security.Secret;
import io.revloop.sync.SourceSchedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's typed configuration ({@code revloop.*}). Defaults live in {@code config/application.yml};
 * every key is documented in the README, section Configuration. A wrong value stops the hub at start
 * with a message naming the key.
 */
@Validated
@ConfigurationProperties("revloop")
public record RevloopProperties(
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO currency code") String baseCurrency,
        @NotNull ZoneId timeZone,
        @NotNull Path dataDir,
        @Valid @NotNull Sources sources,
        @Valid @NotNull Demo demo,
        @Valid @NotNull Kpi kpi,
        @Valid @NotNull Attribution attribution,
        @Valid @NotNull Scoring scoring,
        @Valid @NotNull Sinks sinks,
        @NotNull URI publicUrl) {

    public record Sources(@Valid @NotNull Files files, @Valid @NotNull Salesforce salesforce,
                          @Valid @NotNull Hubspot hubspot) {
    }

    /**
     * The file inbox: CSV files in the import format, polled on a Quartz cron schedule. Field and
     * record sizes count characters ({@code 1MB} is 1 048 576 characters); {@code date-order} is
     * unset (slash dates refused) unless an export's order is known.
     */
    public record Files(
            boolean enabled,
            @NotNull Path inbox,
            @NotNull Path archive,
            @NotNull Path rejected,
            @NotBlank @QuartzCron String schedule,
            @Min(1) @Max(50_000) int batchSize,
            @NotNull Duration settleTime,
            @NotNull DataSize maxFieldSize,
            @NotNull DataSize maxRecordSize,
            @NotNull Charset fallbackEncoding,
            SpreadsheetForms.DateOrder dateOrder,
            @NotNull SpreadsheetForms.NumberFormat numberFormat) implements SourceSchedule {

        public Files {
            if (maxFieldSize != null && maxRecordSize != null && (maxFieldSize.toBytes() < 1
                    || maxRecordSize.toBytes() < maxFieldSize.toBytes())) {
                throw new IllegalArgumentException("revloop.sources.files.max-field-size (" + maxFieldSize
                        + ") must be at least 1B and not above revloop.sources.files.max-record-size ("
                        + maxRecordSize + ")");
            }
        }
    }

    /**
     * KPI settings the catalogue leaves to the business, and when the periods in progress are
     * recomputed each day (Quartz cron in {@code revloop.time-zone}).
     */
    public record Kpi(
            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal grossMargin,
            @NotBlank String valueMilestoneField,
            @NotBlank @QuartzCron String refreshSchedule) {
    }

    /**
     * Salesforce through camel-salesforce. Only {@code enabled} is read while the source is off; an
     * enabled source needs a client id and one complete way to log in, else the hub stops at start
     * naming the missing key. Mappings from the org's values to canonical ones live here, not in code.
     */
    public record Salesforce(
            boolean enabled,
            @NotNull URI loginUrl,
            String clientId,
            Secret clientSecret,
            Secret refreshToken,
            String username,
            Secret password,
            Path jwtKeyFile,
            Secret jwtKeyPassword,
            @NotNull @Pattern(regexp = "\\d{2,3}\\.0", message = "must be a Salesforce API version such as 62.0") String apiVersion,
            @NotBlank @QuartzCron String schedule,
            @NotNull Duration overlap,
            @Min(200) @Max(2000) int pageSize,
            @Min(1) @Max(50_000) int batchSize,
            @Min(0) long bulkThreshold,
            @NotNull Duration bulkPollInterval,
            @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0") double apiBudgetShare,
            @Min(0) @Max(10) int retries,
            @NotNull Duration retryBackoff,
            @NotNull Duration requestTimeout,
            boolean multiCurrency,
            @NotNull List<@Valid FieldMapping> fieldMappings,
            @NotNull Map<String, List<String>> leadStages,
            @NotNull Map<String, List<String>> dealStages,
            @NotNull Map<String, List<String>> dealTypes,
            @NotNull Map<String, List<String>> channels) implements SourceSchedule {

        private static final String PREFIX = "revloop.sources.salesforce";

        public Salesforce {
            clientSecret = Secret.orEmpty(clientSecret);
            refreshToken = Secret.orEmpty(refreshToken);
            password = Secret.orEmpty(password);
            jwtKeyPassword = Secret.orEmpty(jwtKeyPassword);
            RequiredSettings.of(PREFIX, enabled).require("client-id", clientId).check();
            if (enabled) {
                boolean jwt = jwtKeyFile != null;
                int ways = (refreshToken.isPresent() ? 1 : 0) + (password.isPresent() ? 1 : 0) + (jwt ? 1 : 0);
                if (ways != 1) {
                    throw new IllegalArgumentException(PREFIX + ": set exactly one of refresh-token,"
                            + " password (with username and client-secret) or jwt-key-file (with username)");
                }
                RequiredSettings.of(PREFIX, password.isPresent())
                        .require("username", username)
                        .require("client-secret", clientSecret)
                        .check();
                RequiredSettings.of(PREFIX, jwt)
                        .require("username", username)
                        .requireReadableFile("jwt-key-file", jwtKeyFile)
                        .check();
            }
        }
    }

    /**
     * HubSpot CRM over its REST API (private app token). The stage and channel maps are matched
     * ignoring case, '_' and '-'; see the README's "Connecting HubSpot". Nothing here is needed
     * while the source is disabled.
     */
    public record Hubspot(
            boolean enabled,
            @NotNull URI baseUrl,
            Secret accessToken,
            @NotBlank @QuartzCron String schedule,
            @Min(1) @Max(100) int pageSize,
            @Min(1) @Max(50_000) int batchSize,
            @NotNull Duration searchOverlap,
            @Min(1) @Max(10_000) int searchWindowLimit,
            @Positive double rate,
            @Min(1) int burst,
            @Positive double searchRate,
            @Min(1) int searchBurst,
            @Min(0) @Max(20) int maxRetries,
            @NotNull Duration backoff,
            @NotNull Duration maxBackoff,
            @NotNull Duration connectTimeout,
            @NotNull Duration readTimeout,
            @NotNull Map<String, List<String>> properties,
            @NotNull Map<String, String> lifecycleStages,
            @NotNull Map<String, String> dealStages,
            @NotNull Map<String, String> channels) implements SourceSchedule {

        public static final List<String> LIFECYCLE_TARGETS =
                List.of("lead", "mql", "sql", "opportunity", "customer", "disqualified");
        public static final List<String> OBJECTS = List.of("contacts", "companies", "deals");

        public Hubspot {
            accessToken = Secret.orEmpty(accessToken);
            RequiredSettings.of("revloop.sources.hubspot", enabled).require("access-token", accessToken,
                    "set HUBSPOT_ACCESS_TOKEN to the access token of a HubSpot private app").check();
            if (backoff != null && maxBackoff != null && maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("revloop.sources.hubspot.max-backoff (" + maxBackoff
                        + ") must not be shorter than revloop.sources.hubspot.backoff (" + backoff + ")");
            }
            if (properties != null && !OBJECTS.containsAll(properties.keySet())) {
                throw new IllegalArgumentException("revloop.sources.hubspot.properties: keys must be among " + OBJECTS
                        + ", not " + properties.keySet());
            }
            if (lifecycleStages != null) {
                lifecycleStages.forEach((stage, target) -> {
                    if (!LIFECYCLE_TARGETS.contains(target)) {
                        throw new IllegalArgumentException("revloop.sources.hubspot.lifecycle-stages." + stage + ": '"
                                + target + "' is not one of " + LIFECYCLE_TARGETS);
                    }
                });
            }
            if (channels != null) {
                channels.forEach((source, channel) -> {
                    if (Channel.canonical(channel).isEmpty()) {
                        throw new IllegalArgumentException("revloop.sources.hubspot.channels." + source + ": '"
                                + channel + "' is not a channel; expected one of " + Channel.NAMES);
                    }
                });
            }
        }
    }

    /** A Salesforce field read into a canonical field of the object's entity, or else kept in {@code extra} under {@code to}. */
    public record FieldMapping(@NotBlank String object, @NotBlank String field, @NotBlank String to) {
    }

    /** The deterministic demo data set written into the inbox when no other source is configured. */
    public record Demo(
            boolean enabled,
            @Min(1) @Max(10_000_000) int leads,
            long seed,
            LocalDate endDate) {
    }

    /**
     * How won revenue is credited to touchpoints: the model KPIs use unless a request names one, the
     * half-life of {@code time_decay}, how far before the close a touch still counts, and which deal
     * types marketing is credited for (default new business: renewals and expansions have no lead journey).
     */
    public record Attribution(
            @NotNull AttributionModel model,
            @Positive @Max(3650) double halfLifeDays,
            @Min(1) @Max(3650) int lookbackDays,
            @NotNull List<String> dealTypes) {

        /** The deal types of the import format ({@code deals.type}); a deal without type counts as new. */
        public static final List<String> DEAL_TYPES = List.of("new", "expansion", "renewal");

        public Attribution {
            if (dealTypes != null) {
                if (dealTypes.isEmpty()) {
                    throw new IllegalArgumentException("revloop.attribution.deal-types: name at least one of "
                            + DEAL_TYPES);
                }
                for (String type : dealTypes) {
                    if (!DEAL_TYPES.contains(type)) {
                        throw new IllegalArgumentException("revloop.attribution.deal-types: '" + type
                                + "' is not a deal type; expected some of " + DEAL_TYPES);
                    }
                }
                dealTypes = List.copyOf(dealTypes);
            }
        }
    }

    /**
     * The lead scoring model (docs/scoring.md): rules of five criteria. A rule that names an unknown
     * criterion, has no or several conditions, or points outside its criterion's range stops the hub
     * at start with a message naming the rule.
     */
    public record Scoring(boolean enabled, @NotNull List<ScoringRule> rules) {

        public Scoring {
            for (int i = 0; i < rules.size(); i++) {
                rules.get(i).validate(i);
            }
        }
    }

    /** Where computed KPIs go besides the database. */
    public record Sinks(@Valid @NotNull Csv csv) {
    }

    /** CSV files of the current KPI values, one per grain, replaced after each compute. */
    public record Csv(boolean enabled, @NotNull Path dir) {
    }
}
