package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The median minutes from lead creation to first sales response per period and dimension value. A
 * median does not add up from days, so the database groups by period directly: one statement for
 * all grains, with GROUPING SETS over each grain's period alone and with each dimension (per day:
 * channel only, as for every KPI).
 */
public final class ResponseTimeMedians {

    private static final List<Dimension> DIMENSIONS = List.of(Dimension.CHANNEL, Dimension.SOURCE,
            Dimension.CAMPAIGN, Dimension.OWNER);

    private final JdbcTemplate jdbc;
    private final KpiSql sql;

    public ResponseTimeMedians(JdbcTemplate jdbc, KpiSql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** Adds the medians of the leads created from {@code from} on (null: all) to {@code statistics}. */
    public void load(LocalDate from, PeriodStatistics statistics) {
        Grain[] grains = Grain.values();
        StringJoiner inner = new StringJoiner(", ", "SELECT ", "");
        String day = sql.localDay("l.created_at");
        for (Grain grain : grains) {
            inner.add(sql.periodStart(grain, day) + " AS p_" + grain.id());
        }
        Map<Dimension, String> columns = FactSource.LEADS.dimensions();
        DIMENSIONS.forEach(d -> inner.add(columns.get(d) + " AS dim_" + d.id()));
        inner.add(sql.secondsBetween("l.created_at", "l.first_response_at") + " / 60.0 AS minutes");
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" FROM leads l WHERE l.deleted_at IS NULL "
                + "AND l.first_response_at IS NOT NULL");
        if (from != null) {
            where.append(" AND l.created_at >= ?");
            parameters.add(Timestamp.valueOf(from.minusDays(1).atStartOfDay()));
        }
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        StringJoiner sets = new StringJoiner(", ", "GROUPING SETS (", ")");
        for (Grain grain : grains) {
            select.add("p_" + grain.id());
            sets.add("(p_" + grain.id() + ")");
            for (Dimension dimension : dimensionsAt(grain)) {
                sets.add("(p_" + grain.id() + ", dim_" + dimension.id() + ")");
            }
        }
        DIMENSIONS.forEach(d -> select.add("dim_" + d.id()));
        for (Grain grain : grains) {
            select.add("GROUPING(p_" + grain.id() + ")");
        }
        DIMENSIONS.forEach(d -> select.add("GROUPING(dim_" + d.id() + ")"));
        select.add(sql.median("minutes"));
        String statement = select + " FROM (" + inner + where + ") responses GROUP BY " + sets;
        int dimensionColumn = grains.length + 1;
        int groupingColumn = grains.length + DIMENSIONS.size() + 1;
        int medianColumn = groupingColumn + grains.length + DIMENSIONS.size();
        jdbc.query(statement, rs -> {
            for (int g = 0; g < grains.length; g++) {
                if (rs.getInt(groupingColumn + g) != 0) {
                    continue;
                }
                Dimension dimension = null;
                String value = null;
                for (int i = 0; i < DIMENSIONS.size(); i++) {
                    if (rs.getInt(groupingColumn + grains.length + i) == 0) {
                        dimension = DIMENSIONS.get(i);
                        value = rs.getString(dimensionColumn + i);
                    }
                }
                statistics.put(PeriodStatistics.Statistic.RESPONSE_MINUTES_MEDIAN, grains[g], dimension, value,
                        rs.getObject(g + 1, LocalDate.class), rs.getBigDecimal(medianColumn));
            }
        }, parameters.toArray());
    }

    private static List<Dimension> dimensionsAt(Grain grain) {
        return grain == Grain.DAY ? List.of(Dimension.CHANNEL) : DIMENSIONS;
    }
}
