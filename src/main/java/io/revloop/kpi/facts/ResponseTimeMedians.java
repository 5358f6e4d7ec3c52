package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The median minutes from lead creation to first sales response per period and dimension value, as
 * PERCENTILE_CONT(0.5): the middle response time, or the mean of the two middle ones.
 *
 * <p>A median does not add up from days, and in SQL it took a sort per grouping set: 17 of them
 * (each grain alone and with each dimension; per day with channel only, as for every KPI), 9 s on
 * PostgreSQL at a million leads. Here the database sorts the responses once, by response time, and
 * sends a row each (day, four dimension values, seconds); every period's group then holds its
 * responses in ascending order, so counting a group's members and walking to its middle gives the
 * median without sorting again. Memory: the responses in primitive arrays (dimension values shared)
 * and one counter per group. Response times are kept to the microsecond, as PostgreSQL stores them.
 */
public final class ResponseTimeMedians {

    private static final List<Dimension> DIMENSIONS = List.of(Dimension.CHANNEL, Dimension.SOURCE,
            Dimension.CAMPAIGN, Dimension.OWNER);
    /** Two middle values in microseconds → their mean in minutes. */
    private static final BigDecimal TWO_MINUTES = BigDecimal.valueOf(120_000_000L);
    private static final int SCALE = 10;
    private static final int FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final KpiSql sql;

    /** Reads through its own template on {@code jdbc}'s data source (same transaction), which streams in pages. */
    public ResponseTimeMedians(JdbcTemplate jdbc, KpiSql sql) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.sql = sql;
    }

    /** Adds the medians of the leads created from {@code from} on (null: all) to {@code statistics}. */
    public void load(LocalDate from, PeriodStatistics statistics) {
        Responses responses = read(from);
        for (Grain grain : Grain.values()) {
            put(responses, grain, null, statistics);
            for (Dimension dimension : dimensionsAt(grain)) {
                put(responses, grain, dimension, statistics);
            }
        }
    }

    private Responses read(LocalDate from) {
        Map<Dimension, String> columns = FactSource.LEADS.dimensions();
        StringBuilder statement = new StringBuilder("SELECT ").append(sql.localDay("l.created_at"));
        DIMENSIONS.forEach(d -> statement.append(", ").append(columns.get(d)));
        statement.append(", ").append(sql.secondsBetween("l.created_at", "l.first_response_at"))
                .append(" AS seconds FROM leads l WHERE l.deleted_at IS NULL AND l.first_response_at IS NOT NULL");
        List<Object> parameters = new ArrayList<>();
        if (from != null) {
            statement.append(" AND l.created_at >= ?");
            parameters.add(sql.dayOrLater(from, false));
        }
        statement.append(" ORDER BY seconds");
        Responses responses = new Responses();
        // streamed in pages on PostgreSQL (inside the compute's transaction), not buffered whole by the driver
        jdbc.query(statement.toString(), (RowCallbackHandler) rs -> {
            String[] values = new String[DIMENSIONS.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getString(2 + i);
            }
            responses.add(rs.getObject(1, LocalDate.class), values, rs.getBigDecimal(2 + DIMENSIONS.size())
                    .movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
        }, parameters.toArray());
        return responses;
    }

    /** The medians of one grain, overall or per value of one dimension. */
    private static void put(Responses responses, Grain grain, Dimension dimension, PeriodStatistics statistics) {
        int column = dimension == null ? -1 : DIMENSIONS.indexOf(dimension);
        Map<Group, Middle> groups = new HashMap<>();
        for (int i = 0; i < responses.size; i++) {
            groups.computeIfAbsent(responses.group(i, grain, column), g -> new Middle()).count++;
        }
        for (int i = 0; i < responses.size; i++) {
            groups.get(responses.group(i, grain, column)).offer(responses.micros[i]);
        }
        groups.forEach((group, middle) -> statistics.put(PeriodStatistics.Statistic.RESPONSE_MINUTES_MEDIAN, grain,
                dimension, group.value(), group.periodStart(), middle.minutes()));
    }

    private static List<Dimension> dimensionsAt(Grain grain) {
        return grain == Grain.DAY ? List.of(Dimension.CHANNEL) : DIMENSIONS;
    }

    private record Group(LocalDate periodStart, String value) {
    }

    /** A group's size, then — offered its members in ascending order — the one or two in the middle. */
    private static final class Middle {
        int count;
        int seen;
        long lower;
        long upper;

        void offer(long micros) {
            if (seen == (count - 1) / 2) {
                lower = micros;
            }
            if (seen == count / 2) {
                upper = micros;
            }
            seen++;
        }

        BigDecimal minutes() {
            return BigDecimal.valueOf(lower + upper).divide(TWO_MINUTES, SCALE, RoundingMode.HALF_UP);
        }
    }

    /**
     * The responses in ascending order of response time: local day (epoch day), dimension values (each
     * distinct one held once) and response time in microseconds.
     */
    private static final class Responses {
        int size;
        int[] days = new int[1024];
        String[][] values = new String[DIMENSIONS.size()][1024];
        long[] micros = new long[1024];
        private final Map<String, String> shared = new HashMap<>();

        void add(LocalDate day, String[] dimensionValues, long responseMicros) {
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
                micros = Arrays.copyOf(micros, size * 2);
                for (int i = 0; i < values.length; i++) {
                    values[i] = Arrays.copyOf(values[i], size * 2);
                }
            }
            days[size] = (int) day.toEpochDay();
            for (int i = 0; i < values.length; i++) {
                values[i][size] = dimensionValues[i] == null ? null : shared.computeIfAbsent(dimensionValues[i], v -> v);
            }
            micros[size] = responseMicros;
            size++;
        }

        Group group(int row, Grain grain, int column) {
            return new Group(grain.start(LocalDate.ofEpochDay(days[row])), column < 0 ? null : values[column][row]);
        }
    }
}
