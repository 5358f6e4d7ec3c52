package io.revloop.sink.csv;

import static io.revloop.sink.csv.SpreadsheetText.cell;

import io.revloop.PrivateFiles;
import io.revloop.RevloopProperties;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpisComputed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the current KPI values into {@code revloop.sinks.csv.dir} after each compute, one file per
 * grain ({@code kpi_values_month.csv}, …). Each file is written beside its final name and then moved
 * over it in one step, so a reader — or a crash — never sees half a file: the previous file stays
 * until the new one is complete. Rows stream from the database; nothing is held in memory. Text cells
 * are made inert for spreadsheets ({@link SpreadsheetText}); the directory and files are owner-only.
 */
@Component
public class CsvKpiExport {

    private static final Logger log = LoggerFactory.getLogger(CsvKpiExport.class);
    private static final String[] HEADER = {"kpi", "grain", "period_start", "dimension", "dimension_value", "value",
            "numerator", "denominator", "computed_at", "complete"};

    private final JdbcTemplate jdbc;
    private final RevloopProperties.Csv settings;

    public CsvKpiExport(JdbcTemplate jdbc, RevloopProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.sinks().csv();
    }

    @EventListener
    public void afterCompute(KpisComputed computed) {
        if (settings.enabled()) {
            try {
                export(settings.dir());
            } catch (RuntimeException e) {
                log.error("CSV export to {} failed; the previous files are left as they were", settings.dir(), e);
            }
        }
    }

    /** Writes every grain's file into {@code dir}. */
    public void export(Path dir) {
        try {
            PrivateFiles.createDirectories(dir);
            for (Grain grain : Grain.values()) {
                Path target = dir.resolve("kpi_values_" + grain.id() + ".csv");
                Path partial = dir.resolve("kpi_values_" + grain.id() + ".csv.partial");
                try (Writer out = PrivateFiles.newWriter(partial);
                     CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).build())) {
                    jdbc.query("SELECT kpi, grain, period_start, dimension, dimension_value, metric_value, numerator, "
                            + "denominator, computed_at, complete FROM kpi_values WHERE grain = ? AND superseded_at IS NULL "
                            + "ORDER BY kpi, period_start, dimension, dimension_value", rs -> {
                                try {
                                    csv.printRecord(cell(rs.getString(1)), cell(rs.getString(2)), rs.getString(3),
                                            cell(rs.getString(4)), cell(rs.getString(5)), plain(rs.getBigDecimal(6)),
                                            plain(rs.getBigDecimal(7)),
                                            plain(rs.getBigDecimal(8)),
                                            rs.getObject(9, java.time.OffsetDateTime.class), rs.getBoolean(10));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }, grain.id());
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the KPI export into " + dir, e);
        }
    }

    private static String plain(BigDecimal number) {
        return number == null ? "" : number.stripTrailingZeros().toPlainString();
    }
}
