package io.revloop;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's typed configuration ({@code revloop.*}). Defaults live in {@code config/application.yml};
 * every key is documented in {@code docs/configuration.md}. A wrong value stops the hub at start
 * with a message naming the key.
 */
@Validated
@ConfigurationProperties("revloop")
public record RevloopProperties(
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO currency code") String baseCurrency,
        @NotNull ZoneId timeZone,
        @NotNull Path dataDir,
        @Valid @NotNull Sources sources,
        @Valid @NotNull Demo demo) {

    public record Sources(@Valid @NotNull Files files) {
    }

    /** The file inbox: CSV files in the import format, polled on a Quartz cron schedule. */
    public record Files(
            boolean enabled,
            @NotNull Path inbox,
            @NotNull Path archive,
            @NotBlank String schedule,
            @Min(1) @Max(50_000) int batchSize,
            @NotNull Duration settleTime) {
    }

    /** The deterministic demo data set written into the inbox when no other source is configured. */
    public record Demo(
            boolean enabled,
            @Min(1) @Max(10_000_000) int leads,
            long seed,
            LocalDate endDate) {
    }
}
