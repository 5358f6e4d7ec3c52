package io.revloop.kpi.facts;

import io.revloop.kpi.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads monthly MRR per account (in the base currency at the rate of the month's first day), one
 * account at a time in account order, and adds each account's movements to every month and
 * quarter. A period is reported only when the month before it lies in the data, so its start is
 * known; a month without a row for an account inside the data's span is MRR 0 (churned).
 */
public final class RetentionQueries {

    private static final String MONTHLY_MRR = """
            SELECT m.source, m.account_external_id, m.month_start, SUM(m.mrr * fx.rate)
            FROM mrr m JOIN kpi_fx_daily fx ON fx.currency = m.currency AND fx.rate_date = m.month_start
            WHERE m.deleted_at IS NULL
            GROUP BY m.source, m.account_external_id, m.month_start
            ORDER BY m.source, m.account_external_id, m.month_start""";
    private static final Grain[] GRAINS = {Grain.MONTH, Grain.QUARTER};

    private final JdbcTemplate jdbc;

    public RetentionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Movements per grain (month, quarter) and period start. */
    public Map<Grain, NavigableMap<LocalDate, Retention>> load() {
        Map<String, LocalDate> span = jdbc.queryForObject("SELECT MIN(month_start), MAX(month_start) FROM mrr "
                + "WHERE deleted_at IS NULL", (rs, i) -> {
                    Map<String, LocalDate> bounds = new java.util.HashMap<>();
                    bounds.put("first", rs.getObject(1, LocalDate.class));
                    bounds.put("last", rs.getObject(2, LocalDate.class));
                    return bounds;
                });
        Map<Grain, NavigableMap<LocalDate, Retention>> periods = new EnumMap<>(Grain.class);
        if (span.get("first") == null) {
            return periods;
        }
        LocalDate first = span.get("first");
        LocalDate last = span.get("last");
        for (Grain grain : GRAINS) {
            NavigableMap<LocalDate, Retention> byStart = new TreeMap<>();
            for (LocalDate start = grain.start(first.plusMonths(1)); !start.isAfter(last); start = grain.next(start)) {
                if (!start.minusMonths(1).isBefore(first)) {
                    byStart.put(start, new Retention());
                }
            }
            periods.put(grain, byStart);
        }
        String[] current = {null};
        NavigableMap<LocalDate, BigDecimal> account = new TreeMap<>();
        jdbc.query(MONTHLY_MRR, rs -> {
            String key = rs.getString(1) + '\u0000' + rs.getString(2);
            if (!key.equals(current[0])) {
                addAccount(account, periods, last);
                account.clear();
                current[0] = key;
            }
            account.put(rs.getObject(3, LocalDate.class), rs.getBigDecimal(4));
        });
        addAccount(account, periods, last);
        return periods;
    }

    private static void addAccount(NavigableMap<LocalDate, BigDecimal> account,
                                   Map<Grain, NavigableMap<LocalDate, Retention>> periods, LocalDate last) {
        if (account.isEmpty()) {
            return;
        }
        periods.forEach((grain, byStart) -> byStart.forEach((start, retention) -> {
            LocalDate endMonth = grain.next(start).minusMonths(1);
            if (endMonth.isAfter(last)) {
                endMonth = last;
            }
            BigDecimal before = account.getOrDefault(start.minusMonths(1), BigDecimal.ZERO);
            BigDecimal after = account.getOrDefault(endMonth, BigDecimal.ZERO);
            if (before.signum() != 0 || after.signum() != 0) {
                retention.add(before, after);
            }
        }));
    }
}
