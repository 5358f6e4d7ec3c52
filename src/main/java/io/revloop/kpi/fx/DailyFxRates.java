package io.revloop.kpi.fx;

import io.revloop.RevloopProperties;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds {@code kpi_fx_daily}: for every currency the money tables use, one rate per day from the
 * first to the last day the data spans — the rate of that day in {@code fx_rates}, else the latest
 * earlier one, else (before a currency's first rate) its first rate. The base currency is 1.
 * KPI queries then convert with {@code amount * fx.rate} on an equi-join by (currency, local day).
 *
 * <p>Amounts in a currency that has no rate at all cannot be converted: they are left out of money
 * KPIs and named in a warning, never counted at a made-up rate.
 */
@Component
public class DailyFxRates {

    private static final Logger log = LoggerFactory.getLogger(DailyFxRates.class);
    private static final String MONEY_CURRENCIES = """
            SELECT DISTINCT currency FROM deals WHERE deleted_at IS NULL
            UNION SELECT DISTINCT currency FROM ad_spend WHERE deleted_at IS NULL
            UNION SELECT DISTINCT currency FROM costs WHERE deleted_at IS NULL
            UNION SELECT DISTINCT currency FROM mrr WHERE deleted_at IS NULL
            UNION SELECT DISTINCT currency FROM quotas WHERE deleted_at IS NULL""";
    /** Whole-day bounds of the dated money rows, widened by a day each side for time-zone shifts. */
    private static final String DATA_SPAN = """
            SELECT MIN(d), MAX(d) FROM (
                SELECT CAST(MIN(created_at) AS DATE) AS d FROM deals
                UNION ALL SELECT CAST(MAX(created_at) AS DATE) FROM deals
                UNION ALL SELECT CAST(MAX(closed_at) AS DATE) FROM deals
                UNION ALL SELECT MIN(spend_date) FROM ad_spend UNION ALL SELECT MAX(spend_date) FROM ad_spend
                UNION ALL SELECT MIN(month_start) FROM costs UNION ALL SELECT MAX(month_start) FROM costs
                UNION ALL SELECT MIN(month_start) FROM mrr UNION ALL SELECT MAX(month_start) FROM mrr
                UNION ALL SELECT MIN(period_start) FROM quotas UNION ALL SELECT MAX(period_end) FROM quotas
            ) spans""";

    private final JdbcTemplate jdbc;
    private final String baseCurrency;

    public DailyFxRates(JdbcTemplate jdbc, RevloopProperties properties) {
        this.jdbc = jdbc;
        this.baseCurrency = properties.baseCurrency();
    }

    /** Rebuilds the table; returns the currencies whose amounts cannot be converted. */
    @Transactional
    public Set<String> rebuild() {
        jdbc.update("DELETE FROM kpi_fx_daily");
        Map<String, LocalDate> span = jdbc.queryForObject(DATA_SPAN, (rs, i) -> {
            Map<String, LocalDate> bounds = new LinkedHashMap<>();
            bounds.put("first", rs.getObject(1, LocalDate.class));
            bounds.put("last", rs.getObject(2, LocalDate.class));
            return bounds;
        });
        Set<String> unconvertible = new TreeSet<>();
        if (span.get("first") == null) {
            return unconvertible;
        }
        LocalDate first = span.get("first").minusDays(1);
        LocalDate last = span.get("last").plusDays(1);
        Map<String, NavigableMap<LocalDate, BigDecimal>> rates = knownRates();
        rates.put(baseCurrency, new TreeMap<>(Map.of(first, BigDecimal.ONE)));
        for (String currency : jdbc.queryForList(MONEY_CURRENCIES, String.class)) {
            if (!rates.containsKey(currency)) {
                unconvertible.add(currency);
            }
        }
        rates.forEach((currency, known) -> insertDaily(currency, known, first, last));
        if (!unconvertible.isEmpty()) {
            log.warn("No FX rate to {} for {}: amounts in these currencies are left out of money KPIs "
                    + "until fx_rates has them", baseCurrency, unconvertible);
        }
        return unconvertible;
    }

    private Map<String, NavigableMap<LocalDate, BigDecimal>> knownRates() {
        Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new LinkedHashMap<>();
        jdbc.query("SELECT currency, rate_date, rate FROM fx_rates WHERE deleted_at IS NULL AND currency <> ?",
                rs -> {
                    rates.computeIfAbsent(rs.getString(1), c -> new TreeMap<>())
                            .put(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
                }, baseCurrency);
        return rates;
    }

    private void insertDaily(String currency, NavigableMap<LocalDate, BigDecimal> known, LocalDate first,
                             LocalDate last) {
        List<Object[]> rows = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Map.Entry<LocalDate, BigDecimal> rate = known.floorEntry(day);
            rows.add(new Object[] {currency, Date.valueOf(day), (rate != null ? rate : known.firstEntry()).getValue()});
            if (rows.size() == 5000) {
                jdbc.batchUpdate("INSERT INTO kpi_fx_daily (currency, rate_date, rate) VALUES (?, ?, ?)", rows);
                rows.clear();
            }
        }
        jdbc.batchUpdate("INSERT INTO kpi_fx_daily (currency, rate_date, rate) VALUES (?, ?, ?)", rows);
    }
}
