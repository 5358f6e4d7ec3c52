package io.revloop.sink.bi;

import io.revloop.RevloopProperties;
import io.revloop.kpi.KpiCatalog;
import io.revloop.kpi.KpiDefinition;
import jakarta.annotation.PostConstruct;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what the BI views join but the database cannot know: the KPI catalogue
 * ({@code kpi_definitions}: names, units, directions, benchmark bands) and the hub's settings
 * ({@code bi_context}: base currency, time zone, attribution model). Rewritten at every start, so a
 * changed catalogue or setting shows in the views; see docs/bi.md.
 */
@Component
public class BiContextTables {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KpiCatalog catalog;
    private final RevloopProperties properties;

    public BiContextTables(JdbcTemplate jdbc, TransactionTemplate transactions, KpiCatalog catalog,
                           RevloopProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.catalog = catalog;
        this.properties = properties;
    }

    @PostConstruct
    public void refresh() {
        List<Object[]> rows = catalog.all().stream().map(BiContextTables::row).toList();
        transactions.executeWithoutResult(tx -> {
            jdbc.update("DELETE FROM kpi_definitions");
            jdbc.batchUpdate("INSERT INTO kpi_definitions (id, section, name, description, unit, direction, "
                    + "benchmark_low, benchmark_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
            jdbc.update("DELETE FROM bi_context");
            jdbc.update("INSERT INTO bi_context (id, base_currency, time_zone, attribution_model) VALUES (1, ?, ?, ?)",
                    properties.baseCurrency(), properties.timeZone().getId(), properties.attribution().model().id());
        });
    }

    private static Object[] row(KpiDefinition kpi) {
        String description = kpi.description().length() > 4000 ? kpi.description().substring(0, 4000) : kpi.description();
        return new Object[] {kpi.id(), kpi.section(), kpi.name(), description, kpi.unit().label(),
                kpi.direction().name().toLowerCase(java.util.Locale.ROOT),
                kpi.benchmark() == null ? null : kpi.benchmark().low(),
                kpi.benchmark() == null ? null : kpi.benchmark().high()};
    }
}
