package io.revloop.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code kpi_values}: the current value of every KPI, grain, period and dimension value, and the
 * values it replaced. A compute writes only what changed: a new or different value is inserted
 * with its {@code computed_at}, the one it restates gets {@code superseded_at}; a value that is no
 * longer computed (its records were deleted) is superseded without successor.
 */
@Repository
public class KpiValueStore {

    private static final int BATCH = 5000;

    private final JdbcTemplate jdbc;

    public KpiValueStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Written(long inserted, long superseded) {
        Written plus(Written other) {
            return new Written(inserted + other.inserted, superseded + other.superseded);
        }
    }

    private record Current(long id, BigDecimal value, BigDecimal numerator, BigDecimal denominator,
                           boolean complete) {
    }

    /**
     * Makes {@code values} the current values of one grain and dimension for the periods starting
     * from {@code from} on (null: all periods).
     */
    public Written replace(Grain grain, Dimension dimension, LocalDate from, List<KpiValue> values,
                           OffsetDateTime computedAt) {
        Map<String, Current> current = current(grain, dimension, from);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> supersedes = new ArrayList<>();
        Timestamp at = Timestamp.from(computedAt.toInstant());
        for (KpiValue value : values) {
            Current existing = current.remove(key(value.kpi(), value.periodStart(), value.dimensionValue()));
            KpiResult result = value.result();
            if (existing != null && same(existing, result) && existing.complete() == value.complete()) {
                continue;
            }
            if (existing != null) {
                supersedes.add(new Object[] {at, existing.id()});
            }
            inserts.add(new Object[] {value.kpi(), grain.id(), Date.valueOf(value.periodStart()),
                    dimension == null ? null : dimension.id(), value.dimensionValue(), scaled(result.value()),
                    scaled(result.numerator()), scaled(result.denominator()), at, value.complete()});
        }
        current.values().forEach(gone -> supersedes.add(new Object[] {at, gone.id()}));
        batch("UPDATE kpi_values SET superseded_at = ? WHERE id = ?", supersedes);
        batch("INSERT INTO kpi_values (kpi, grain, period_start, dimension, dimension_value, metric_value, numerator, "
                + "denominator, computed_at, complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        return new Written(inserts.size(), supersedes.size());
    }

    /** Current values of one KPI and grain, by dimension (null: overall), periods from..to, oldest first. */
    public List<KpiValue> find(String kpi, Grain grain, Dimension dimension, LocalDate from, LocalDate to) {
        List<Object> parameters = new ArrayList<>(List.of(kpi, grain.id()));
        StringBuilder sql = new StringBuilder("SELECT period_start, dimension_value, metric_value, numerator, "
                + "denominator, complete FROM kpi_values WHERE kpi = ? AND grain = ? AND superseded_at IS NULL AND ");
        sql.append(dimensionCondition(dimension, parameters));
        periodCondition(from, to, sql, parameters);
        sql.append(" ORDER BY period_start, dimension_value");
        return jdbc.query(sql.toString(), (rs, i) -> new KpiValue(kpi, grain, rs.getObject(1, LocalDate.class),
                dimension, rs.getString(2), new KpiResult(rs.getBigDecimal(3), rs.getBigDecimal(4),
                rs.getBigDecimal(5)), rs.getBoolean(6)), parameters.toArray());
    }

    /**
     * Streams the values one compute wrote (those with its {@code computed_at}, not restated since),
     * ordered by KPI, grain, period and dimension value; what the push sinks send.
     */
    public void forEachWrittenAt(java.time.OffsetDateTime computedAt, java.util.function.Consumer<KpiValue> action) {
        jdbc.query("SELECT kpi, grain, period_start, dimension, dimension_value, metric_value, numerator, denominator, "
                + "complete FROM kpi_values WHERE computed_at = ? AND superseded_at IS NULL "
                + "ORDER BY kpi, grain, period_start, dimension, dimension_value", rs -> {
            String dimension = rs.getString(4);
            action.accept(new KpiValue(rs.getString(1), Grain.of(rs.getString(2)), rs.getObject(3, LocalDate.class),
                    dimension == null ? null : Dimension.of(dimension), rs.getString(5),
                    new KpiResult(rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8)), rs.getBoolean(9)));
        }, computedAt);
    }

    /**
     * Per grain, the first period with a current value that was not complete when computed: from there
     * on a compute judges the periods again, as time or newer data may have completed them.
     */
    public Map<Grain, LocalDate> firstIncompletePeriods() {
        Map<Grain, LocalDate> first = new java.util.EnumMap<>(Grain.class);
        for (Grain grain : Grain.values()) {
            LocalDate start = jdbc.queryForObject("SELECT MIN(period_start) FROM kpi_values WHERE complete = FALSE "
                    + "AND superseded_at IS NULL AND grain = ?", (rs, i) -> rs.getObject(1, LocalDate.class), grain.id());
            if (start != null) {
                first.put(grain, start);
            }
        }
        return first;
    }

    private Map<String, Current> current(Grain grain, Dimension dimension, LocalDate from) {
        List<Object> parameters = new ArrayList<>(List.of(grain.id()));
        StringBuilder sql = new StringBuilder("SELECT id, kpi, period_start, dimension_value, metric_value, numerator, "
                + "denominator, complete FROM kpi_values WHERE grain = ? AND superseded_at IS NULL AND ");
        sql.append(dimensionCondition(dimension, parameters));
        periodCondition(from, null, sql, parameters);
        Map<String, Current> current = new HashMap<>();
        jdbc.query(sql.toString(), rs -> {
            current.put(key(rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4)),
                    new Current(rs.getLong(1), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            rs.getBoolean(8)));
        }, parameters.toArray());
        return current;
    }

    private static String dimensionCondition(Dimension dimension, List<Object> parameters) {
        if (dimension == null) {
            return "dimension IS NULL";
        }
        parameters.add(dimension.id());
        return "dimension = ?";
    }

    private static void periodCondition(LocalDate from, LocalDate to, StringBuilder sql, List<Object> parameters) {
        if (from != null) {
            sql.append(" AND period_start >= ?");
            parameters.add(Date.valueOf(from));
        }
        if (to != null) {
            sql.append(" AND period_start <= ?");
            parameters.add(Date.valueOf(to));
        }
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += BATCH) {
            jdbc.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + BATCH)));
        }
    }

    private static String key(String kpi, LocalDate periodStart, String dimensionValue) {
        return kpi + '\u0000' + periodStart + '\u0000' + (dimensionValue == null ? "\u0001" : dimensionValue);
    }

    private static boolean same(Current existing, KpiResult result) {
        return equal(existing.value(), scaled(result.value())) && equal(existing.numerator(), scaled(result.numerator()))
                && equal(existing.denominator(), scaled(result.denominator()));
    }

    private static boolean equal(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || a != null && b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value == null ? null : value.setScale(Formula.SCALE, RoundingMode.HALF_EVEN);
    }
}
