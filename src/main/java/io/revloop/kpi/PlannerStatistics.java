package io.revloop.kpi;

import io.revloop.store.SqlDialect;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings PostgreSQL's planner statistics up to date for tables that changed a lot since their last
 * ANALYZE. Right after a bulk import they still describe the empty tables, and the planner then probes
 * the primary key by {@code source} alone for every lead — measured: a query of 0.3 s ran for minutes.
 * Autovacuum catches up within about a minute, too late for the recompute that follows the import.
 * HSQLDB plans without statistics; nothing to do there.
 */
@Component
public class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);
    /** What autovacuum would analyze too (its default scale factor is 10 %), but right away. */
    private static final String STALE_TABLES = """
            SELECT relname FROM pg_stat_user_tables
            WHERE schemaname = current_schema() AND relname = ANY (?)
              AND n_mod_since_analyze > GREATEST(1000, n_live_tup / 10)""";

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public PlannerStatistics(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** The tables KPI queries read. */
    public static final List<String> KPI_TABLES = List.of("leads", "deals", "touchpoints", "ad_spend", "costs",
            "quotas", "web_traffic", "survey_responses", "mrr", "fx_rates", "accounts", "kpi_values", "lead_scores");

    /** Analyzes those of {@code tables} (names from the code, never from a request) that are stale. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refreshIfStale(List<String> tables) {
        if (dialect != SqlDialect.POSTGRESQL) {
            return;
        }
        List<String> stale = jdbc.query(con -> {
            var statement = con.prepareStatement(STALE_TABLES);
            statement.setArray(1, con.createArrayOf("text", tables.toArray()));
            return statement;
        }, (rs, i) -> rs.getString(1));
        if (!stale.isEmpty()) {
            long started = System.nanoTime();
            jdbc.execute("ANALYZE " + String.join(", ", stale));
            log.info("Planner statistics refreshed for {} in {} ms", stale, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
