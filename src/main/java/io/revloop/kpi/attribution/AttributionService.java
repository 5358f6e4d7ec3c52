package io.revloop.kpi.attribution;

import io.revloop.RevloopProperties;
import io.revloop.kpi.Dimension;
import io.revloop.kpi.LocalDays;
import io.revloop.kpi.PlannerStatistics;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits the revenue of won deals to their touchpoints under an attribution model. The database returns
 * each won deal's touchpoints ordered by deal and time; one deal at a time is split here and added to
 * per-day totals, so memory holds one deal's journey and the totals, never all touchpoints.
 *
 * <p>Money is converted with {@code kpi_fx_daily}, which the caller keeps current
 * ({@link io.revloop.kpi.fx.DailyFxRates#rebuild()}); a deal in a currency without any rate is left out.
 */
@Component
public class AttributionService {

    private static final int FETCH_SIZE = 5_000;
    private static final List<String> JOURNEY_TABLES = List.of("deals", "leads", "touchpoints");
    /** The breakdowns credits are summed by: none (null), channel, source, campaign. */
    private static final List<Dimension> BREAKDOWNS = java.util.Arrays.asList(null, Dimension.CHANNEL,
            Dimension.SOURCE, Dimension.CAMPAIGN);

    private final JdbcTemplate jdbc;
    private final LocalDays localDays;
    private final RevloopProperties.Attribution settings;
    private final PlannerStatistics statistics;

    public AttributionService(DataSource dataSource, RevloopProperties properties, PlannerStatistics statistics) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.localDays = new LocalDays(properties.timeZone());
        this.settings = properties.attribution();
        this.statistics = statistics;
    }

    /** The model of {@code revloop.attribution.model}: the one KPIs use unless a request names another. */
    public AttributionModel defaultModel() {
        return settings.model();
    }

    /**
     * Attributed revenue of the deals won from {@code from} to {@code to} (inclusive local close days),
     * per close day and value of {@code by} (channel, source or campaign of the touch; null: no breakdown).
     */
    @Transactional(readOnly = true)
    public List<AttributedCredit> credits(AttributionModel model, Dimension by, LocalDate from, LocalDate to) {
        touchColumn(by);
        return creditsByDimension(model, from, to).get(by);
    }

    /**
     * The credits of {@link #credits} for every breakdown at once — no breakdown (key null), channel,
     * source and campaign — from one read of the journeys.
     */
    @Transactional(readOnly = true)
    public Map<Dimension, List<AttributedCredit>> creditsByDimension(AttributionModel model, LocalDate from,
                                                                     LocalDate to) {
        statistics.refreshIfStale(JOURNEY_TABLES);
        Map<Dimension, CreditTotals> totals = new HashMap<>();
        BREAKDOWNS.forEach(by -> totals.put(by, new CreditTotals()));
        DealReader reader = new DealReader(model, totals);
        List<Object> parameters = new ArrayList<>(List.of(from, to));
        parameters.addAll(settings.dealTypes());
        parameters.add(settings.lookbackDays());
        jdbc.query(journeysSql(), reader, parameters.toArray());
        reader.finishDeal();
        Map<Dimension, List<AttributedCredit>> credits = new HashMap<>();
        totals.forEach((by, total) -> credits.put(by, total.rows()));
        return credits;
    }

    private static String touchColumn(Dimension by) {
        if (by == null) {
            return null;
        }
        return switch (by) {
            case CHANNEL -> "dim_channel";
            case SOURCE -> "dim_source";
            case CAMPAIGN -> "dim_campaign";
            default -> throw notAttributable(by, "attribution");
        };
    }

    /**
     * The dimension named {@code id} if revenue can be attributed to it: touchpoints carry a channel, a source
     * and a campaign, nothing else. Throws IllegalArgumentException naming the valid ones otherwise.
     */
    public static Dimension attributableDimension(String id) {
        for (Dimension by : List.of(Dimension.CHANNEL, Dimension.SOURCE, Dimension.CAMPAIGN)) {
            if (by.id().equals(id)) {
                return by;
            }
        }
        throw new IllegalArgumentException("unknown dimension '" + id + "' for attribution; valid: channel, source, "
                + "campaign");
    }

    static IllegalArgumentException notAttributable(Dimension by, String what) {
        return new IllegalArgumentException(what + " cannot be broken down by " + by.id()
                + "; valid: channel, source, campaign");
    }

    /**
     * Per won deal of the attributed types ({@code revloop.attribution.deal-types}; a deal without type is
     * new) a head row (revenue in the base currency, creation of deal and primary lead, whether it is a new
     * customer) followed by
     * one row per touchpoint of its primary lead and of every lead of its account from lookback-days before
     * the close up to the close, in time order. The primary lead joins only when it is not one of the
     * account's leads already, so each touchpoint comes once without a DISTINCT over all of them. Head and
     * touches are a UNION rather than a LEFT JOIN: the plan then stays one index probe per lead even when
     * the planner misjudges how many deals are won (it cannot estimate the local-day filter).
     */
    private String journeysSql() {
        String closeDay = localDays.of("d.closed_at");
        return """
                WITH won AS (
                    SELECT d.source, d.external_id AS deal_id, d.lead_external_id, d.account_external_id,
                           d.created_at, d.closed_at, d.amount * fx.rate AS revenue, %1$s AS close_day,
                           CASE WHEN COALESCE(d.deal_type, 'new') = 'new' THEN 1 ELSE 0 END AS new_customer
                    FROM deals d
                    JOIN kpi_fx_daily fx ON fx.currency = d.currency AND fx.rate_date = %1$s
                    WHERE d.deleted_at IS NULL AND d.is_won = TRUE AND d.closed_at IS NOT NULL
                      AND %1$s BETWEEN ? AND ? AND COALESCE(d.deal_type, 'new') IN (%2$s)
                ),
                deal_leads AS (
                    SELECT w.source, w.deal_id, w.closed_at, l.external_id AS lead_id
                    FROM won w JOIN leads l ON l.source = w.source AND l.account_external_id = w.account_external_id
                    WHERE l.deleted_at IS NULL
                    UNION ALL
                    SELECT w.source, w.deal_id, w.closed_at, l.external_id
                    FROM won w JOIN leads l ON l.source = w.source AND l.external_id = w.lead_external_id
                    WHERE l.deleted_at IS NULL AND (w.account_external_id IS NULL OR l.account_external_id IS NULL
                          OR l.account_external_id <> w.account_external_id)
                ),
                deal_touches AS (
                    SELECT dl.source, dl.deal_id, t.external_id AS touch_id, t.occurred_at, t.channel,
                           t.touch_source, t.campaign_external_id
                    FROM deal_leads dl
                    JOIN touchpoints t ON t.source = dl.source AND t.lead_external_id = dl.lead_id
                    WHERE t.deleted_at IS NULL AND t.occurred_at <= dl.closed_at
                      AND t.occurred_at >= dl.closed_at - CAST(? AS INTEGER) * INTERVAL '1' DAY
                )
                SELECT w.source, w.deal_id, w.close_day, w.revenue, w.created_at, pl.created_at AS lead_created_at,
                       w.new_customer,
                       CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS occurred_at, CAST(NULL AS VARCHAR(255)) AS touch_id,
                       CAST(NULL AS VARCHAR(255)) AS dim_channel, CAST(NULL AS VARCHAR(255)) AS dim_source,
                       CAST(NULL AS VARCHAR(255)) AS dim_campaign
                FROM won w
                LEFT JOIN leads pl ON pl.source = w.source AND pl.external_id = w.lead_external_id
                     AND pl.deleted_at IS NULL
                UNION ALL
                SELECT dt.source, dt.deal_id, CAST(NULL AS DATE), CAST(NULL AS DECIMAL(38,16)),
                       CAST(NULL AS TIMESTAMP WITH TIME ZONE), CAST(NULL AS TIMESTAMP WITH TIME ZONE),
                       CAST(NULL AS INTEGER),
                       dt.occurred_at, dt.touch_id, dt.channel, dt.touch_source, dt.campaign_external_id
                FROM deal_touches dt
                ORDER BY 1, 2, 8 NULLS FIRST, 9
                """.formatted(closeDay, String.join(", ", Collections.nCopies(settings.dealTypes().size(), "?")));
    }

    /** Collects the rows of one deal, splits its revenue when the next deal starts. */
    private final class DealReader implements RowCallbackHandler {

        private final AttributionModel model;
        private final Map<Dimension, CreditTotals> totals;
        private final List<Instant> touchTimes = new ArrayList<>();
        private final Map<Dimension, List<String>> touchValues = new HashMap<>();
        private String dealId;
        private LocalDate closeDay;
        private BigDecimal revenue;
        private Instant dealCreatedAt;
        private Instant leadCreatedAt;
        private boolean newCustomer;

        DealReader(AttributionModel model, Map<Dimension, CreditTotals> totals) {
            this.model = model;
            this.totals = totals;
            BREAKDOWNS.forEach(by -> touchValues.put(by, new ArrayList<>()));
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            Instant occurredAt = instant(rs, "occurred_at");
            if (occurredAt == null) {
                finishDeal();
                dealId = rs.getString("deal_id");
                closeDay = rs.getObject("close_day", LocalDate.class);
                revenue = rs.getBigDecimal("revenue");
                dealCreatedAt = instant(rs, "created_at");
                leadCreatedAt = instant(rs, "lead_created_at");
                newCustomer = rs.getInt("new_customer") == 1;
            } else {
                touchTimes.add(occurredAt);
                for (Dimension by : BREAKDOWNS) {
                    touchValues.get(by).add(by == null ? null : rs.getString(touchColumn(by)));
                }
            }
        }

        void finishDeal() {
            if (dealId == null) {
                return;
            }
            if (touchTimes.isEmpty()) {
                // no touch earned it: (unattributed) in every breakdown, and no channel's new customer
                BigDecimal[] whole = {RevenueSplit.toCents(revenue)};
                totals.forEach((by, total) -> total.addDeal(closeDay,
                        Collections.singletonList(by == null ? null : AttributedCredit.UNATTRIBUTED), whole,
                        new double[] {1}, false));
            } else {
                double[] weights = model.weights(
                        new AttributionModel.Journey(touchTimes, leadCreatedAt, dealCreatedAt), settings.halfLifeDays());
                BigDecimal[] credits = RevenueSplit.split(revenue, weights);
                totals.forEach((by, total) -> total.addDeal(closeDay, touchValues.get(by), credits, weights,
                        newCustomer));
            }
            touchTimes.clear();
            touchValues.values().forEach(List::clear);
            dealId = null;
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
