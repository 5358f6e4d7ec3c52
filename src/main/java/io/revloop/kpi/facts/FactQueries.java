package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts the daily facts in the database. Measures that read the same rows on the same day — same
 * table, anchor and join — share one statement: one scan computes all their sums, grouped by local
 * day with GROUPING SETS, overall and per dimension.
 */
public final class FactQueries {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FactQueries.class);

    private final JdbcTemplate jdbc;
    private final KpiSql sql;

    public FactQueries(JdbcTemplate jdbc, KpiSql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** The daily sums of the given measures on the days from {@code from} on (null: all days). */
    public FactTable load(LocalDate from, java.util.Set<Measure> wanted) {
        FactTable facts = new FactTable();
        addTo(facts, from, wanted);
        return facts;
    }

    /**
     * Adds the daily sums of the given measures on the days from {@code from} on (null: all days) to
     * {@code facts}. The bound is put on the anchor column itself, so a scan can skip the rows before it.
     */
    public void addTo(FactTable facts, LocalDate from, java.util.Set<Measure> wanted) {
        Map<String, List<Measure>> groups = new LinkedHashMap<>();
        for (Measure measure : wanted) {
            if (measure.source() == null) {
                continue;
            }
            String join = measure.value().join(sql);
            groups.computeIfAbsent(measure.source() + "|" + measure.anchor() + "|" + join,
                    key -> new ArrayList<>()).add(measure);
        }
        for (List<Measure> group : groups.values()) {
            long started = System.nanoTime();
            load(group, from, facts);
            log.debug("{} facts of {} on {} in {} ms", group.size(), group.get(0).source(), group.get(0).anchor(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void load(List<Measure> measures, LocalDate from, FactTable facts) {
        List<Dimension> dimensions = new ArrayList<>(new TreeSet<>(measures.get(0).source().dimensions().keySet()));
        List<Object> parameters = new ArrayList<>();
        String statement = statement(measures, dimensions, from, parameters);
        int values = 2 + 2 * dimensions.size();
        jdbc.query(statement, rs -> {
            LocalDate day = rs.getObject(1, LocalDate.class);
            Dimension dimension = null;
            String value = null;
            for (int i = 0; i < dimensions.size(); i++) {
                if (rs.getInt(2 + dimensions.size() + i) == 0) {
                    dimension = dimensions.get(i);
                    value = rs.getString(2 + i);
                }
            }
            for (int m = 0; m < measures.size(); m++) {
                facts.add(measures.get(m), dimension, value, day, rs.getBigDecimal(values + m));
            }
        }, parameters.toArray());
    }

    String statement(List<Measure> measures, List<Dimension> dimensions, LocalDate from, List<Object> parameters) {
        Measure first = measures.get(0);
        FactSource source = first.source();
        String day = first.anchoredOnDate() ? first.anchor() : sql.localDay(first.anchor());
        StringJoiner inner = new StringJoiner(", ", "SELECT ", "");
        inner.add(day + " AS fact_day");
        Map<Dimension, String> columns = source.dimensions();
        for (Dimension dimension : dimensions) {
            inner.add(columns.get(dimension) + " AS dim_" + dimension.id());
        }
        for (int m = 0; m < measures.size(); m++) {
            Measure measure = measures.get(m);
            String row = measure.value().row(sql);
            // ELSE 0, not NULL: HSQLDB 2.7 fails ("General error") summing an all-NULL CASE column in GROUPING SETS
            inner.add((measure.condition() == null ? row : "CASE WHEN " + measure.condition() + " THEN " + row + " ELSE 0 END")
                    + " AS v" + m);
        }
        String join = first.value().join(sql);
        boolean bounded = from != null;
        String innerSql = inner + " FROM " + source.from() + (join == null ? "" : " " + join)
                + " WHERE " + source.live() + " AND " + first.anchor() + (bounded ? " >= ?" : " IS NOT NULL");
        if (bounded) {
            parameters.add(sql.dayOrLater(from, first.anchoredOnDate()));
        }

        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        StringJoiner sets = new StringJoiner(", ", "GROUPING SETS (", ")");
        select.add("fact_day");
        sets.add("(fact_day)");
        dimensions.forEach(d -> select.add("dim_" + d.id()));
        dimensions.forEach(d -> select.add("GROUPING(dim_" + d.id() + ")"));
        dimensions.forEach(d -> sets.add("(fact_day, dim_" + d.id() + ")"));
        for (int m = 0; m < measures.size(); m++) {
            select.add("SUM(v" + m + ")");
        }
        StringBuilder outer = new StringBuilder(select.toString()).append(" FROM (").append(innerSql).append(") facts");
        outer.append(" GROUP BY ").append(dimensions.isEmpty() ? "fact_day" : sets.toString());
        return outer.toString();
    }
}
