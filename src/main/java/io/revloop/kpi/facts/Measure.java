package io.revloop.kpi.facts;

import java.util.function.Function;

/**
 * An additive daily fact: counted or summed per local day (and per dimension value) in the
 * database, then added up per period in Java. Every KPI is a formula over these sums (and, for
 * levels such as open pipeline, over their running totals).
 *
 * <p>Money is converted to the base currency in SQL, with the rate of {@code fxDay} from
 * {@code kpi_fx_daily}.
 */
public enum Measure {
    // ---- funnel, from leads: entries into each stage
    NEW_LEADS(FactSource.LEADS, "l.created_at", null, count()),
    NEW_MQLS(FactSource.LEADS, "l.mql_at", null, count()),
    NEW_SQLS(FactSource.LEADS, "l.sql_at", null, count()),
    NEW_OPPORTUNITIES(FactSource.LEADS, "l.opportunity_at", null, count()),
    LEADS_BECOME_CUSTOMERS(FactSource.LEADS, "l.customer_at", null, count()),
    // ---- cohorts: of the leads entering a stage in the period, those that reached the next
    COHORT_LEADS_REACHED_MQL(FactSource.LEADS, "l.created_at", "l.mql_at IS NOT NULL", count()),
    COHORT_LEADS_REACHED_CUSTOMER(FactSource.LEADS, "l.created_at", "l.customer_at IS NOT NULL", count()),
    COHORT_MQLS_REACHED_SQL(FactSource.LEADS, "l.mql_at", "l.sql_at IS NOT NULL", count()),
    COHORT_SQLS_REACHED_OPPORTUNITY(FactSource.LEADS, "l.sql_at", "l.opportunity_at IS NOT NULL", count()),
    // ---- lead quality and speed
    SCORED_NEW_LEADS(FactSource.LEADS, "l.created_at", "COALESCE(ls.score, l.score) IS NOT NULL", count()),
    SCORE_SUM(FactSource.LEADS, "l.created_at", "COALESCE(ls.score, l.score) IS NOT NULL",
            sum(sql -> "COALESCE(ls.score, l.score)")),
    /** Engagement points of the scoring model (0–20) scaled to 0–100, of the new leads it scored. */
    MODEL_SCORED_NEW_LEADS(FactSource.LEADS, "l.created_at", "ls.score IS NOT NULL", count()),
    ENGAGEMENT_SCORE_SUM(FactSource.LEADS, "l.created_at", "ls.score IS NOT NULL", sum(sql -> "ls.engagement * 5")),
    RESPONDED_NEW_LEADS(FactSource.LEADS, "l.created_at", "l.first_response_at IS NOT NULL", count()),
    RESPONSE_MINUTES_SUM(FactSource.LEADS, "l.created_at", "l.first_response_at IS NOT NULL",
            sum(sql -> sql.secondsBetween("l.created_at", "l.first_response_at") + " / 60.0")),
    /** The first touch is looked up for customers only (an index probe each), not aggregated for all leads. */
    CONVERSION_DAYS_SUM(FactSource.LEADS, "l.customer_at", null,
            sum(sql -> sql.secondsBetween("COALESCE((SELECT MIN(ft.occurred_at) FROM touchpoints ft WHERE ft.source = "
                    + "l.source AND ft.lead_external_id = l.external_id AND ft.deleted_at IS NULL), l.created_at)",
                    "l.customer_at") + " / 86400.0")),
    TOUCHES_BEFORE_CUSTOMER(FactSource.LEAD_TOUCHPOINTS, "l.customer_at", "t.occurred_at <= l.customer_at", count()),
    /** The email flags are kept per lead by the scoring pass (lead_scores), not aggregated from touchpoints here. */
    COHORT_LEADS_EMAILED(FactSource.LEADS, "l.created_at", "ls.emailed = TRUE", count()),
    COHORT_LEADS_REPLIED(FactSource.LEADS, "l.created_at", "ls.replied = TRUE", count()),
    // ---- deals
    DEALS_WON(FactSource.DEALS, "d.closed_at", "d.is_won = TRUE", count()),
    DEALS_LOST(FactSource.DEALS, "d.closed_at", "d.is_won = FALSE", count()),
    NEW_CUSTOMERS(FactSource.DEALS, "d.closed_at", "d.is_won = TRUE AND (d.deal_type = 'new' OR d.deal_type IS NULL)",
            count()),
    WON_REVENUE(FactSource.DEALS, "d.closed_at", "d.is_won = TRUE", money("d.amount", "d.currency", "d.closed_at")),
    NEW_CUSTOMER_REVENUE(FactSource.DEALS, "d.closed_at",
            "d.is_won = TRUE AND (d.deal_type = 'new' OR d.deal_type IS NULL)",
            money("d.amount", "d.currency", "d.closed_at")),
    WON_CYCLE_DAYS_SUM(FactSource.DEALS, "d.closed_at", "d.is_won = TRUE",
            sum(sql -> sql.secondsBetween("d.created_at", "d.closed_at") + " / 86400.0")),
    /** Running totals of these two give the deals open at the end of a period. */
    DEALS_OPENED(FactSource.DEALS, "d.created_at", null, count()),
    DEALS_CLOSED(FactSource.DEALS, "d.closed_at", null, count()),
    /** Open pipeline is valued at the rate of the deal's creation day, in and out. */
    PIPELINE_OPENED(FactSource.DEALS, "d.created_at", null, money("d.amount", "d.currency", "d.created_at")),
    PIPELINE_CLOSED(FactSource.DEALS, "d.closed_at", null, money("d.amount", "d.currency", "d.created_at")),
    // ---- spend and cost
    AD_SPEND(FactSource.AD_SPEND, "a.spend_date", null, moneyOnDate("a.cost", "a.currency", "a.spend_date")),
    AD_CLICKS(FactSource.AD_SPEND, "a.spend_date", null, sum(sql -> "COALESCE(a.clicks, 0)")),
    AD_IMPRESSIONS(FactSource.AD_SPEND, "a.spend_date", null, sum(sql -> "COALESCE(a.impressions, 0)")),
    NON_AD_MARKETING_COST(FactSource.COSTS, "c.month_start", "c.category = 'marketing'",
            moneyOnDate("c.amount", "c.currency", "c.month_start")),
    SALES_COST(FactSource.COSTS, "c.month_start", "c.category = 'sales'",
            moneyOnDate("c.amount", "c.currency", "c.month_start")),
    /** A quota spread evenly over the days of its period, each day at that day's rate. */
    QUOTA(FactSource.QUOTAS, "fx.rate_date", null, quotaPerDay()),
    // ---- web traffic
    SESSIONS(FactSource.WEB_TRAFFIC, "w.traffic_date", null, sum(sql -> "w.sessions")),
    ENGAGED_SESSIONS(FactSource.WEB_TRAFFIC, "w.traffic_date", null, sum(sql -> "COALESCE(w.engaged_sessions, 0)")),
    PAGE_VIEWS(FactSource.WEB_TRAFFIC, "w.traffic_date", null, sum(sql -> "COALESCE(w.page_views, 0)")),
    SESSION_SECONDS(FactSource.WEB_TRAFFIC, "w.traffic_date", null, sum(sql -> "COALESCE(w.total_duration_seconds, 0)")),
    // ---- attribution: not counted in SQL but filled from AttributionService (revenue per close day)
    ATTRIBUTED_REVENUE(null, "d.closed_at", null, sql -> "0"),
    /** Won revenue of the deal types attribution counts (revloop.attribution.deal-types), touched or not. */
    ATTRIBUTABLE_REVENUE(null, "d.closed_at", null, sql -> "0"),
    /** New customers credited to touches, each new deal's one customer split like its revenue. */
    ATTRIBUTED_NEW_CUSTOMERS(null, "d.closed_at", null, sql -> "0"),
    // ---- time to value: filled from TimeToValueFacts, counted on the day of the value milestone
    VALUE_DAYS_SUM(null, "milestone", null, sql -> "0"),
    VALUE_MILESTONES(null, "milestone", null, sql -> "0"),
    // ---- surveys
    NPS_RESPONSES(FactSource.SURVEYS, "r.responded_at", "r.survey_type = 'nps'", count()),
    NPS_PROMOTERS(FactSource.SURVEYS, "r.responded_at", "r.survey_type = 'nps' AND r.score >= 9", count()),
    NPS_DETRACTORS(FactSource.SURVEYS, "r.responded_at", "r.survey_type = 'nps' AND r.score <= 6", count()),
    CSAT_RESPONSES(FactSource.SURVEYS, "r.responded_at", "r.survey_type = 'csat'", count()),
    CSAT_SATISFIED(FactSource.SURVEYS, "r.responded_at", "r.survey_type = 'csat' AND r.score >= 4", count());

    private final FactSource source;
    private final String anchor;
    private final String condition;
    private final Value value;

    Measure(FactSource source, String anchor, String condition, Value value) {
        this.source = source;
        this.anchor = anchor;
        this.condition = condition;
        this.value = value;
    }

    public FactSource source() {
        return source;
    }

    /**
     * The input whose newest day a period of this measure waits for: its table's, and the CRM's for
     * attributed revenue and time to value (deals, touchpoints, accounts); null for quotas.
     */
    public KpiInput input() {
        return source == null ? KpiInput.CRM : source.input();
    }

    /** The timestamp (or date) whose local day the fact is counted on. */
    public String anchor() {
        return anchor;
    }

    /** Whether the anchor is a DATE column already (ad spend, costs, traffic days) or a timestamp. */
    public boolean anchoredOnDate() {
        return !anchor.endsWith("_at");
    }

    /** An extra condition on the rows, or null. */
    public String condition() {
        return condition;
    }

    public Value value() {
        return value;
    }

    /** What one row adds (1 for a count) and the join it needs (for money: the FX rate of the day), if any. */
    public interface Value {
        String row(KpiSql sql);

        default String join(KpiSql sql) {
            return null;
        }
    }

    private static Value count() {
        return sql -> "1";
    }

    private static Value sum(Function<KpiSql, String> expression) {
        return expression::apply;
    }

    /** Money at the rate of the local day of a timestamp. */
    private static Value money(String amount, String currency, String timestamp) {
        return fxJoined(sql -> amount + " * fx.rate", currency, sql -> sql.localDay(timestamp));
    }

    /** Money at the rate of a date. */
    private static Value moneyOnDate(String amount, String currency, String date) {
        return fxJoined(sql -> amount + " * fx.rate", currency, sql -> date);
    }

    /** A quota spread evenly over the days of its period, each day converted at its own rate. */
    private static Value quotaPerDay() {
        return fxJoined(sql -> "q.amount * fx.rate / (" + sql.daysBetween("q.period_start", "q.period_end") + " + 1)",
                "q.currency", sql -> null);
    }

    private static Value fxJoined(Function<KpiSql, String> row, String currency, Function<KpiSql, String> day) {
        return new Value() {
            @Override
            public String row(KpiSql sql) {
                return row.apply(sql);
            }

            @Override
            public String join(KpiSql sql) {
                String rateDay = day.apply(sql);
                return "JOIN kpi_fx_daily fx ON fx.currency = " + currency + " AND "
                        + (rateDay == null ? "fx.rate_date BETWEEN q.period_start AND q.period_end"
                        : "fx.rate_date = " + rateDay);
            }
        };
    }
}
