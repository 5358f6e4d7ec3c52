package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The open pipeline due in each week, month and quarter: deals open at the period's first day
 * (created before it, not closed before it) whose expected close date falls in the period, at the
 * rate of their creation day. One read of the deals with an expected close date; each deal adds to
 * one period per grain.
 */
public final class DuePipeline {

    private static final List<Grain> GRAINS = List.of(Grain.WEEK, Grain.MONTH, Grain.QUARTER);

    private final JdbcTemplate jdbc;
    private final KpiSql sql;
    private final ZoneId zone;

    public DuePipeline(JdbcTemplate jdbc, KpiSql sql, ZoneId zone) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.zone = zone;
    }

    public void load(PeriodStatistics statistics) {
        String statement = "SELECT d.created_at, d.closed_at, d.expected_close_date, d.amount * fx.rate, d.owner "
                + "FROM deals d JOIN kpi_fx_daily fx ON fx.currency = d.currency AND fx.rate_date = "
                + sql.localDay("d.created_at") + " WHERE d.deleted_at IS NULL AND d.expected_close_date IS NOT NULL";
        jdbc.query(statement, rs -> {
            LocalDate created = rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
            OffsetDateTime closedAt = rs.getObject(2, OffsetDateTime.class);
            LocalDate closed = closedAt == null ? null : closedAt.atZoneSameInstant(zone).toLocalDate();
            LocalDate due = rs.getObject(3, LocalDate.class);
            BigDecimal amount = rs.getBigDecimal(4);
            String owner = rs.getString(5);
            for (Grain grain : GRAINS) {
                LocalDate start = grain.start(due);
                if (created.isBefore(start) && (closed == null || !closed.isBefore(start))) {
                    statistics.add(PeriodStatistics.Statistic.OPEN_PIPELINE_DUE, grain, null, null, start, amount);
                    statistics.add(PeriodStatistics.Statistic.OPEN_PIPELINE_DUE, grain, Dimension.OWNER, owner, start,
                            amount);
                }
            }
        });
    }
}
