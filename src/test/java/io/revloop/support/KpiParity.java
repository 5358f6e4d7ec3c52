package io.revloop.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * For tests that a connector's data gives the same KPIs as the same records imported as files: the
 * store emptied between the two loads, the files dropped into the inbox, and the current KPI values
 * to compare.
 */
public final class KpiParity {

    /** Everything a load writes and everything computed from it. */
    private static final List<String> TABLES = List.of("accounts", "leads", "deals", "deal_stage_changes",
            "campaigns", "touchpoints", "activities", "fx_rates", "sync_runs", "sync_state", "dead_letters",
            "kpi_values", "lead_scores");

    private KpiParity() {
    }

    public static void emptyStore(JdbcTemplate jdbc) {
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    /** Replaces the inbox's content by the files of {@code drop}. */
    public static void dropFiles(Path drop, Path inbox) throws IOException {
        FileSystemUtils.deleteRecursively(inbox);
        Files.createDirectories(inbox);
        try (var files = Files.list(drop)) {
            for (Path file : files.toList()) {
                Files.copy(file, inbox.resolve(file.getFileName()));
            }
        }
    }

    /** Current KPI values as "kpi|grain|period|dimension|value" → "value numerator denominator". */
    public static Map<String, String> currentValues(JdbcTemplate jdbc) {
        Map<String, String> values = new TreeMap<>();
        jdbc.query("SELECT kpi, grain, period_start, dimension, dimension_value, metric_value, numerator, denominator"
                + " FROM kpi_values WHERE superseded_at IS NULL", row -> {
            values.put(String.join("|", row.getString(1), row.getString(2), row.getDate(3).toString(),
                    Objects.toString(row.getString(4), ""), Objects.toString(row.getString(5), "")),
                    plain(row.getBigDecimal(6)) + " " + plain(row.getBigDecimal(7)) + " " + plain(row.getBigDecimal(8)));
        });
        return values;
    }

    private static String plain(BigDecimal number) {
        return number == null ? "null" : number.stripTrailingZeros().toPlainString();
    }
}
