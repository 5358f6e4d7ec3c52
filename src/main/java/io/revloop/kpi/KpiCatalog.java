package io.revloop.kpi;

import static io.revloop.kpi.Dimension.CAMPAIGN;
import static io.revloop.kpi.Dimension.CHANNEL;
import static io.revloop.kpi.Dimension.OWNER;
import static io.revloop.kpi.Dimension.SCORE_BAND;
import static io.revloop.kpi.Dimension.SOURCE;
import static io.revloop.kpi.Formula.divide;
import static io.revloop.kpi.Formula.level;
import static io.revloop.kpi.Formula.ratio;
import static io.revloop.kpi.Formula.scaledRatio;
import static io.revloop.kpi.Formula.sumOf;
import static io.revloop.kpi.Formula.total;
import static io.revloop.kpi.facts.Measure.*;

import io.revloop.kpi.facts.KpiInput;
import io.revloop.kpi.facts.Measure;
import io.revloop.kpi.facts.PeriodStatistics;
import io.revloop.kpi.facts.Retention;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every KPI of the catalogue ({@code kpi-catalog.md}, distilled from the seed documents), as code.
 * Where the catalogue leaves a choice open, the description says what was chosen.
 */
@org.springframework.stereotype.Component
public final class KpiCatalog {

    /** Ad spend plus non-ad marketing cost, per channel where given. */
    private static final Function<PeriodFacts, BigDecimal> MARKETING_COST = sumOf(AD_SPEND, NON_AD_MARKETING_COST);

    private static final List<Grain> ALL_GRAINS = List.of(Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER);
    /** Non-ad costs are monthly: a KPI that includes them is reported per month and quarter only. */
    private static final List<Grain> MONTHLY = List.of(Grain.MONTH, Grain.QUARTER);
    private static final List<Grain> LEVEL_GRAINS = List.of(Grain.WEEK, Grain.MONTH, Grain.QUARTER);
    private static final List<Dimension> LEAD_DIMENSIONS = List.of(CHANNEL, SOURCE, CAMPAIGN, OWNER, SCORE_BAND);
    private static final List<Dimension> DEAL_DIMENSIONS = List.of(CHANNEL, SOURCE, CAMPAIGN, OWNER);
    private static final List<Dimension> SPEND_DIMENSIONS = List.of(CHANNEL, SOURCE, CAMPAIGN);
    private static final java.util.Set<String> AT_PERIOD_END = java.util.Set.of("pipeline_value", "pipeline_velocity");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String MODEL = " Attribution: revloop.attribution.model (default position_based) over the "
            + "touches of the deal's leads and its account's leads before the close, for the deal types of "
            + "revloop.attribution.deal-types (default new; docs/attribution.md); by channel, source and campaign of "
            + "the credited touches.";

    private final Map<String, KpiDefinition> definitions = new LinkedHashMap<>();

    private final BigDecimal grossMargin;
    private String section;

    @org.springframework.beans.factory.annotation.Autowired
    public KpiCatalog(io.revloop.RevloopProperties properties) {
        this(properties.kpi().grossMargin());
    }

    public KpiCatalog(BigDecimal grossMargin) {
        this.grossMargin = grossMargin;
        base();
        marketing();
        sales();
        customerSuccess();
        finance();
        minimumSamples();
    }

    public List<KpiDefinition> all() {
        return List.copyOf(definitions.values());
    }

    public Optional<KpiDefinition> find(String id) {
        return Optional.ofNullable(definitions.get(id));
    }

    public KpiDefinition get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown kpi '" + id + "'; valid: "
                + String.join(", ", definitions.keySet())));
    }

    private void base() {
        section = "Base measures";
        count("new_leads", "New leads", "Leads created in the period.", NEW_LEADS);
        count("new_mqls", "New MQLs", "Leads entering the MQL stage in the period.", NEW_MQLS);
        count("new_sqls", "New SQLs", "Leads entering the SQL stage in the period.", NEW_SQLS);
        count("new_opportunities", "New opportunities", "Leads entering the opportunity stage in the period.",
                NEW_OPPORTUNITIES);
        add("deals_won", "Deals won", "Deals closed won in the period.", Unit.COUNT, Direction.HIGHER_IS_BETTER,
                null, ALL_GRAINS, DEAL_DIMENSIONS, total(DEALS_WON));
        add("deals_lost", "Deals lost", "Deals closed lost in the period.", Unit.COUNT, Direction.LOWER_IS_BETTER,
                null, ALL_GRAINS, DEAL_DIMENSIONS, total(DEALS_LOST));
        add("won_revenue", "Won revenue", "Sum of the amounts of deals closed won in the period, in the base "
                        + "currency at the rate of the close day.", Unit.MONEY, Direction.HIGHER_IS_BETTER, null,
                ALL_GRAINS, DEAL_DIMENSIONS, total(WON_REVENUE));
        add("ad_spend", "Ad spend", "Cost of the ad platforms in the period, in the base currency at the rate of "
                + "the spend day.", Unit.MONEY, Direction.NEUTRAL, null, ALL_GRAINS, SPEND_DIMENSIONS, total(AD_SPEND));
        add("marketing_cost", "Marketing cost", "Ad spend plus non-ad marketing cost (costs.csv category "
                        + "marketing; a cost without channel counts only in the overall value).", Unit.MONEY,
                Direction.NEUTRAL, null, MONTHLY, List.of(CHANNEL), total(AD_SPEND, NON_AD_MARKETING_COST));
        add("sales_cost", "Sales cost", "Non-ad cost of category sales in the period.", Unit.MONEY,
                Direction.NEUTRAL, null, MONTHLY, List.of(), total(SALES_COST));
        add("new_customers", "New customers", "Deals of type new (or without type) closed won in the period: "
                        + "one new logo each.", Unit.COUNT, Direction.HIGHER_IS_BETTER, null, ALL_GRAINS,
                DEAL_DIMENSIONS, total(NEW_CUSTOMERS));
        add("sessions", "Sessions", "Web sessions in the period.", Unit.COUNT, Direction.HIGHER_IS_BETTER, null,
                ALL_GRAINS, List.of(CHANNEL), total(SESSIONS));
    }

    private void marketing() {
        section = "Marketing and lead generation";
        add("bounce_rate", "Bounce rate", "Bounced sessions ÷ sessions, bounced = sessions − engaged sessions "
                        + "(GA4: 1 − engagement rate).", Unit.RATIO, Direction.LOWER_IS_BETTER, null, ALL_GRAINS,
                List.of(CHANNEL), ratio(f -> f.sum(SESSIONS).subtract(f.sum(ENGAGED_SESSIONS)), f -> f.sum(SESSIONS)));
        add("avg_session_duration", "Average session duration", "Seconds on site per session (time on site).",
                Unit.SECONDS, Direction.HIGHER_IS_BETTER, null, ALL_GRAINS, List.of(CHANNEL),
                ratio(SESSION_SECONDS, SESSIONS));
        add("pages_per_session", "Pages per session", "Page views ÷ sessions.", Unit.NUMBER,
                Direction.HIGHER_IS_BETTER, null, ALL_GRAINS, List.of(CHANNEL), ratio(PAGE_VIEWS, SESSIONS));
        add("visitor_to_lead_rate", "Visitor-to-lead rate", "New leads ÷ sessions (by the lead's and the "
                        + "session's channel).", Unit.RATIO, Direction.HIGHER_IS_BETTER,
                Benchmark.band("0.02", "0.05", "top 10 % higher; complex products < 1 %"), ALL_GRAINS,
                List.of(CHANNEL), ratio(NEW_LEADS, SESSIONS));
        add("cost_per_lead", "Cost per lead (CPL)", "Marketing cost (ad spend + non-ad marketing cost, per "
                        + "channel where given) ÷ new leads.", Unit.MONEY, Direction.LOWER_IS_BETTER,
                Benchmark.band("60", "120", "EUR"), MONTHLY, List.of(CHANNEL, CAMPAIGN),
                ratio(MARKETING_COST, f -> f.sum(NEW_LEADS)));
        add("cost_per_mql", "Cost per MQL", "Marketing cost ÷ new MQLs.", Unit.MONEY, Direction.LOWER_IS_BETTER,
                null, MONTHLY, List.of(CHANNEL, CAMPAIGN), ratio(MARKETING_COST, f -> f.sum(NEW_MQLS)));
        add("cost_per_sql", "Cost per SQL", "Marketing cost ÷ new SQLs.", Unit.MONEY, Direction.LOWER_IS_BETTER,
                null, MONTHLY, List.of(CHANNEL, CAMPAIGN), ratio(MARKETING_COST, f -> f.sum(NEW_SQLS)));
        add("lead_quality_score", "Lead quality score", "Mean lead score (0–100) of the new leads that have a "
                        + "score: the hub's scoring model (docs/scoring.md), else the source's own score.", Unit.SCORE, Direction.HIGHER_IS_BETTER, Benchmark.band("60", "80", null),
                ALL_GRAINS, List.of(CHANNEL, SOURCE, CAMPAIGN, OWNER), ratio(SCORE_SUM, SCORED_NEW_LEADS));
        add("lead_engagement_score", "Lead engagement score", "Mean engagement of the new leads on 0–100: the "
                        + "engagement points of the scoring model (0–20: web visits, email clicks, downloads, "
                        + "webinars, …, docs/scoring.md) × 5.", Unit.SCORE, Direction.HIGHER_IS_BETTER,
                Benchmark.band("70", null, null), ALL_GRAINS, List.of(CHANNEL, SOURCE, CAMPAIGN, OWNER),
                ratio(ENGAGEMENT_SCORE_SUM, MODEL_SCORED_NEW_LEADS));
        add("lead_quality_distribution", "Lead quality distribution", "New leads per score band (by=score_band:"
                        + " not_qualified 0–39, mql 40–69, sql 70–89, hot 90–100).", Unit.COUNT, Direction.NEUTRAL,
                null, ALL_GRAINS, List.of(SCORE_BAND), total(NEW_LEADS));
        add("lead_to_mql_rate", "Lead-to-MQL rate", "Cohort: of the leads created in the period, the share that "
                        + "reached MQL (at any time since).", Unit.RATIO, Direction.HIGHER_IS_BETTER,
                Benchmark.band("0.20", "0.30", "up to 40 %"), ALL_GRAINS, LEAD_DIMENSIONS,
                ratio(COHORT_LEADS_REACHED_MQL, NEW_LEADS));
        add("mql_to_sql_rate", "MQL-to-SQL rate", "Cohort: of the leads entering MQL in the period, the share "
                        + "that reached SQL.", Unit.RATIO, Direction.HIGHER_IS_BETTER,
                Benchmark.band("0.20", "0.30", "< 20 % signals misalignment"), ALL_GRAINS, LEAD_DIMENSIONS,
                ratio(COHORT_MQLS_REACHED_SQL, NEW_MQLS));
        add("sql_to_opportunity_rate", "SQL-to-opportunity rate", "Cohort: of the leads entering SQL in the "
                        + "period, the share that became an opportunity.", Unit.RATIO, Direction.HIGHER_IS_BETTER,
                Benchmark.band("0.40", "0.60", null), ALL_GRAINS, LEAD_DIMENSIONS,
                ratio(COHORT_SQLS_REACHED_OPPORTUNITY, NEW_SQLS));
        add("win_rate", "Win rate", "Won ÷ (won + lost) of the deals closed in the period.", Unit.RATIO,
                Direction.HIGHER_IS_BETTER, Benchmark.band("0.15", "0.30", "enterprise < 15 %, small deals ≤ 40 %"),
                ALL_GRAINS, DEAL_DIMENSIONS, ratio(f -> f.sum(DEALS_WON), sumOf(DEALS_WON, DEALS_LOST)));
        add("lead_to_customer_rate", "Lead-to-customer rate", "Cohort: of the leads created in the period, the "
                        + "share that became customers. By score_band it checks the scoring model against "
                        + "outcomes.", Unit.RATIO, Direction.HIGHER_IS_BETTER,
                Benchmark.band("0.03", "0.05", "top 8 %"), ALL_GRAINS, LEAD_DIMENSIONS,
                ratio(COHORT_LEADS_REACHED_CUSTOMER, NEW_LEADS));
        add("time_to_conversion", "Time to conversion", "Mean days from a lead's first touch (its creation if it "
                        + "has none) to becoming a customer, for the leads converted in the period.", Unit.DAYS,
                Direction.LOWER_IS_BETTER, Benchmark.band("28", "42", "4–6 weeks"), ALL_GRAINS, LEAD_DIMENSIONS,
                ratio(CONVERSION_DAYS_SUM, LEADS_BECOME_CUSTOMERS));
        add("lead_response_time", "Lead response time", "Median minutes from lead creation to the first sales "
                        + "response, of the leads created in the period that got one (the mean is "
                        + "lead_response_time_mean).", Unit.MINUTES, Direction.LOWER_IS_BETTER,
                Benchmark.band(null, "5", "< 5 minutes"), ALL_GRAINS, List.of(CHANNEL, SOURCE, CAMPAIGN, OWNER),
                f -> {
                    BigDecimal median = f.statistic(PeriodStatistics.Statistic.RESPONSE_MINUTES_MEDIAN);
                    return median == null ? null : new KpiResult(median, null, null);
                });
        add("lead_response_time_mean", "Lead response time (mean)", "Mean minutes from lead creation to the "
                        + "first sales response, of the leads created in the period that got one.", Unit.MINUTES,
                Direction.LOWER_IS_BETTER, Benchmark.band(null, "5", "< 5 minutes"), ALL_GRAINS,
                List.of(CHANNEL, SOURCE, CAMPAIGN, OWNER), ratio(RESPONSE_MINUTES_SUM, RESPONDED_NEW_LEADS));
        add("lead_velocity_rate", "Lead velocity rate (LVR)", "(Leads entering MQL this month − last month) ÷ "
                        + "last month.", Unit.RATIO, Direction.HIGHER_IS_BETTER,
                Benchmark.band("0.10", "0.15", "per month; < 0 is a warning"), List.of(Grain.MONTH),
                List.of(CHANNEL, SOURCE, CAMPAIGN, OWNER), KpiCatalog::leadVelocity);
        add("content_engagement_rate", "Content engagement rate", "Mean touches per lead before conversion, "
                        + "for the leads that became customers in the period.", Unit.NUMBER,
                Direction.HIGHER_IS_BETTER, Benchmark.band("7", "9", "touches"), ALL_GRAINS, LEAD_DIMENSIONS,
                ratio(TOUCHES_BEFORE_CUSTOMER, LEADS_BECOME_CUSTOMERS));
        add("email_response_rate", "Email response rate", "Cohort: of the leads created in the period that got "
                        + "email (a touch of type email_*), the share that replied (a touch of type email_reply).",
                Unit.RATIO, Direction.HIGHER_IS_BETTER, Benchmark.band("0.15", "0.25", null), ALL_GRAINS,
                LEAD_DIMENSIONS, ratio(COHORT_LEADS_REPLIED, COHORT_LEADS_EMAILED));
        add("marketing_attributed_revenue", "Marketing-attributed revenue", "Won revenue credited to marketing "
                        + "touchpoints (touches with a known channel), by close day; by channel, source or campaign, "
                        + "the revenue of deals without a touch is the value (unattributed)." + MODEL, Unit.MONEY,
                Direction.HIGHER_IS_BETTER, null, ALL_GRAINS, SPEND_DIMENSIONS, total(ATTRIBUTED_REVENUE));
        add("roas", "Return on ad spend (ROAS)", "Attributed revenue ÷ ad spend." + MODEL, Unit.NUMBER,
                Direction.HIGHER_IS_BETTER, Benchmark.band("5", null, "≥ 5 : 1"), ALL_GRAINS, SPEND_DIMENSIONS,
                ratio(ATTRIBUTED_REVENUE, AD_SPEND));
        add("romi", "Return on marketing investment (ROMI)", "(Marketing-attributed revenue − marketing cost) ÷ "
                        + "marketing cost (ad spend + non-ad marketing cost)." + MODEL, Unit.RATIO,
                Direction.HIGHER_IS_BETTER, Benchmark.band("5", null, "≥ 5 : 1"), MONTHLY, List.of(),
                ratio(f -> f.sum(ATTRIBUTED_REVENUE).subtract(MARKETING_COST.apply(f)), MARKETING_COST));
        add("channel_roi", "Channel ROI", "(Attributed revenue − cost of the channel) ÷ cost of the channel, cost = "
                        + "its ad spend + its non-ad marketing cost." + MODEL, Unit.RATIO, Direction.HIGHER_IS_BETTER,
                null, MONTHLY, List.of(CHANNEL, SOURCE, CAMPAIGN),
                ratio(f -> f.sum(ATTRIBUTED_REVENUE).subtract(MARKETING_COST.apply(f)), MARKETING_COST));
        add("channel_saturation_index", "Channel saturation index", "(CPL this period ÷ CPL previous period) ÷ "
                        + "(lead-to-MQL rate this period ÷ previous period); above 1 the channel costs more for "
                        + "less.", Unit.NUMBER, Direction.LOWER_IS_BETTER, null, MONTHLY, List.of(CHANNEL),
                KpiCatalog::channelSaturation);
    }

    private void sales() {
        section = "Sales";
        add("pipeline_value", "Pipeline value", "Sum of the amounts of the deals open at the end of the period "
                        + "(each at the rate of its creation day).", Unit.MONEY, Direction.HIGHER_IS_BETTER,
                null, LEVEL_GRAINS, DEAL_DIMENSIONS, level(PIPELINE_OPENED, PIPELINE_CLOSED));
        add("pipeline_velocity", "Pipeline velocity", "Deals open at the end of the period × mean amount of the "
                        + "deals won in the period × win rate of the period ÷ mean sales-cycle days of the deals "
                        + "won in the period (money per day).", Unit.MONEY_PER_DAY, Direction.HIGHER_IS_BETTER,
                null, LEVEL_GRAINS, DEAL_DIMENSIONS, KpiCatalog::pipelineVelocity);
        add("pipeline_coverage", "Pipeline coverage", "Open pipeline due in the period ÷ target of the period: "
                        + "the deals open at the period's first day whose expected close date falls in the period "
                        + "(at the rate of their creation day) ÷ the quota of the period. At the first day nothing "
                        + "of the period is won yet, so the remaining target is the whole quota.", Unit.NUMBER,
                Direction.HIGHER_IS_BETTER, Benchmark.band("3", null, "≥ 3 ×"), MONTHLY, List.of(OWNER),
                ratio(f -> nonNull(f.statistic(PeriodStatistics.Statistic.OPEN_PIPELINE_DUE)), f -> f.sum(QUOTA)));
        add("sales_cycle_length", "Sales cycle length", "Mean days from deal creation to close, of the deals won "
                        + "in the period.", Unit.DAYS, Direction.LOWER_IS_BETTER, null, ALL_GRAINS,
                DEAL_DIMENSIONS, ratio(WON_CYCLE_DAYS_SUM, DEALS_WON));
        add("avg_deal_size", "Average deal size", "Mean amount of the deals won in the period.", Unit.MONEY,
                Direction.HIGHER_IS_BETTER, null, ALL_GRAINS, DEAL_DIMENSIONS, ratio(WON_REVENUE, DEALS_WON));
        add("quota_attainment", "Quota attainment", "Won revenue ÷ quota of the period; a quota is spread "
                        + "evenly over the days of its own period.", Unit.RATIO, Direction.HIGHER_IS_BETTER, null,
                MONTHLY, List.of(OWNER), ratio(WON_REVENUE, QUOTA));
    }

    private void customerSuccess() {
        section = "Customer success";
        String movements = " MRR movements compare each account's MRR in the month before the period with its "
                + "last month.";
        add("mrr", "MRR", "Monthly recurring revenue in the last month of the period.", Unit.MONEY,
                Direction.HIGHER_IS_BETTER, null, MONTHLY, List.of(), retention(r -> r.endMrr(), null));
        add("arr", "ARR", "12 × MRR in the last month of the period.", Unit.MONEY, Direction.HIGHER_IS_BETTER, null,
                MONTHLY, List.of(), retention(r -> r.endMrr().multiply(BigDecimal.valueOf(12)), null));
        add("customer_retention_rate", "Customer retention rate (CRR)", "(Customers at end − new customers) ÷ "
                        + "customers at start; a customer is an account with MRR." + movements, Unit.RATIO,
                Direction.HIGHER_IS_BETTER, Benchmark.band("0.95", null, "95 % example"), MONTHLY, List.of(),
                retention(r -> r.customersAtEnd().subtract(r.newCustomers()), Retention::customersAtStart));
        add("churn_rate", "Churn rate", "Customers lost in the period ÷ customers at start (logo churn)."
                        + movements, Unit.RATIO, Direction.LOWER_IS_BETTER, null, MONTHLY, List.of(),
                retention(Retention::lostCustomers, Retention::customersAtStart));
        add("revenue_churn_rate", "Revenue churn rate", "MRR of the customers lost ÷ MRR at start." + movements,
                Unit.RATIO, Direction.LOWER_IS_BETTER, null, MONTHLY, List.of(),
                retention(Retention::churnedMrr, Retention::startMrr));
        add("net_revenue_retention", "Net revenue retention (NRR)", "(Start MRR + expansion − contraction − "
                        + "churned MRR) ÷ start MRR." + movements, Unit.RATIO, Direction.HIGHER_IS_BETTER,
                Benchmark.band("1.00", null, "120 % example despite 10 % logo churn"), MONTHLY, List.of(),
                retention(r -> r.startMrr().add(r.expansion()).subtract(r.contraction()).subtract(r.churnedMrr()),
                        Retention::startMrr));
        add("gross_revenue_retention", "Gross revenue retention (GRR)", "(Start MRR − contraction − churned MRR) ÷"
                        + " start MRR." + movements, Unit.RATIO, Direction.HIGHER_IS_BETTER, null, MONTHLY, List.of(),
                retention(r -> r.startMrr().subtract(r.contraction()).subtract(r.churnedMrr()), Retention::startMrr));
        add("expansion_revenue_rate", "Expansion revenue rate", "Expansion MRR ÷ start MRR." + movements,
                Unit.RATIO, Direction.HIGHER_IS_BETTER, Benchmark.band("0.15", null, null), MONTHLY, List.of(),
                retention(Retention::expansion, Retention::startMrr));
        add("time_to_value", "Time to value (TTV)", "Mean days from a new deal's close-won to its account's first "
                        + "value milestone (the account field revloop.kpi.value-milestone-field, e.g. a go-live "
                        + "date), of the milestones reached in the period.", Unit.DAYS, Direction.LOWER_IS_BETTER,
                Benchmark.band(null, "14", "14 days example"), ALL_GRAINS, List.of(),
                ratio(VALUE_DAYS_SUM, VALUE_MILESTONES));
        add("nps", "Net promoter score", "% promoters (9–10) − % detractors (0–6) of the NPS responses, in points "
                        + "from −100 to 100.", Unit.POINTS, Direction.HIGHER_IS_BETTER, null, ALL_GRAINS, List.of(),
                scaledRatio(f -> f.sum(NPS_PROMOTERS).subtract(f.sum(NPS_DETRACTORS)), f -> f.sum(NPS_RESPONSES),
                        HUNDRED));
        add("csat", "Customer satisfaction", "Satisfied responses (4–5 of 5) ÷ CSAT responses.", Unit.RATIO,
                Direction.HIGHER_IS_BETTER, null, ALL_GRAINS, List.of(), ratio(CSAT_SATISFIED, CSAT_RESPONSES));
    }

    private void finance() {
        section = "Finance";
        Function<PeriodFacts, BigDecimal> investment = sumOf(AD_SPEND, NON_AD_MARKETING_COST, SALES_COST);
        add("roi", "ROI", "(Won revenue − investment) ÷ investment, investment = marketing + sales cost.",
                Unit.RATIO, Direction.HIGHER_IS_BETTER, null, MONTHLY, List.of(),
                ratio(f -> f.sum(WON_REVENUE).subtract(investment.apply(f)), investment));
        add("cac", "Customer acquisition cost (CAC)", "(Sales + marketing cost) ÷ new customers.", Unit.MONEY,
                Direction.LOWER_IS_BETTER, null, MONTHLY, List.of(), ratio(investment, f -> f.sum(NEW_CUSTOMERS)));
        add("clv", "Customer lifetime value (CLV)", "Mean MRR per customer at the period's end × gross margin "
                        + "(revloop.kpi.gross-margin) × mean lifetime in months, lifetime = 1 ÷ monthly logo churn "
                        + "(churn rate ÷ months in the period); undefined without churn.", Unit.MONEY,
                Direction.HIGHER_IS_BETTER, null, MONTHLY, List.of(), f -> {
                    BigDecimal[] parts = clvParts(f);
                    return parts == null ? null : new KpiResult(divide(parts[0], parts[1]), parts[0], parts[1]);
                });
        add("clv_cac_ratio", "CLV : CAC", "CLV ÷ CAC of the period.", Unit.NUMBER, Direction.HIGHER_IS_BETTER,
                Benchmark.band("3", null, "SaaS ≥ 5"), MONTHLY, List.of(), f -> {
                    BigDecimal[] parts = clvParts(f);
                    BigDecimal cac = divide(investment.apply(f), f.sum(NEW_CUSTOMERS));
                    BigDecimal clv = parts == null ? null : divide(parts[0], parts[1]);
                    return clv == null && cac == null ? null : new KpiResult(divide(clv, cac), clv, cac);
                });
        add("channel_cac", "CAC by channel", "Marketing cost of the channel or campaign (its ad spend + its non-ad "
                        + "marketing cost) ÷ the new customers attributed to it: each won new deal's one customer is "
                        + "split over its touches like its revenue, a deal without touches is no channel's customer. "
                        + "Overall: marketing cost ÷ the new customers attributed to touches with a known channel. "
                        + "Sales cost is not per channel; cac includes it." + MODEL, Unit.MONEY,
                Direction.LOWER_IS_BETTER, null, MONTHLY, List.of(CHANNEL, CAMPAIGN),
                ratio(MARKETING_COST, f -> f.sum(ATTRIBUTED_NEW_CUSTOMERS)));
        add("lead_gen_roi", "Lead generation ROI", "(New customers × attribution share × CLV − marketing cost) ÷ "
                        + "marketing cost; attribution share = marketing-attributed ÷ won revenue of the deal types "
                        + "attribution counts (revloop.attribution.deal-types) in the period.",
                Unit.RATIO, Direction.HIGHER_IS_BETTER, null, MONTHLY, List.of(), f -> {
                    BigDecimal[] parts = clvParts(f);
                    BigDecimal clv = parts == null ? null : divide(parts[0], parts[1]);
                    BigDecimal share = divide(f.sum(ATTRIBUTED_REVENUE), f.sum(ATTRIBUTABLE_REVENUE));
                    BigDecimal cost = MARKETING_COST.apply(f);
                    if (clv == null || share == null) {
                        return cost.signum() == 0 ? null : new KpiResult(null, null, cost);
                    }
                    BigDecimal gain = f.sum(NEW_CUSTOMERS).multiply(share).multiply(clv).subtract(cost);
                    return new KpiResult(divide(gain, cost), gain, cost);
                });
        add("lead_value_index", "Lead value index (LVI)", "(Lead-to-customer rate × CLV × closing speed) ÷ CPL, "
                        + "closing speed = 1 ÷ mean sales-cycle days of the deals won in the period; CLV of the "
                        + "whole business.", Unit.NUMBER, Direction.HIGHER_IS_BETTER, null, MONTHLY, List.of(),
                f -> {
                    BigDecimal[] parts = clvParts(f);
                    BigDecimal clv = parts == null ? null : divide(parts[0], parts[1]);
                    BigDecimal conversion = divide(f.sum(COHORT_LEADS_REACHED_CUSTOMER), f.sum(NEW_LEADS));
                    BigDecimal cycle = divide(f.sum(WON_CYCLE_DAYS_SUM), f.sum(DEALS_WON));
                    BigDecimal cpl = divide(MARKETING_COST.apply(f), f.sum(NEW_LEADS));
                    if (clv == null || conversion == null || cycle == null || cpl == null) {
                        return null;
                    }
                    BigDecimal value = divide(conversion.multiply(clv), cycle);
                    return new KpiResult(divide(value, cpl), value, cpl);
                });
        add("cac_payback_months", "CAC payback", "CAC ÷ (mean MRR of the period's new customers × gross margin),"
                        + " in months.", Unit.MONTHS, Direction.LOWER_IS_BETTER, Benchmark.band(null, "12", null),
                MONTHLY, List.of(), f -> {
                    BigDecimal cac = divide(investment.apply(f), f.sum(NEW_CUSTOMERS));
                    Retention r = f.retention();
                    BigDecimal margin = r == null ? null
                            : divide(r.newMrr(), r.newCustomers()) == null ? null
                            : divide(r.newMrr(), r.newCustomers()).multiply(grossMargin);
                    return cac == null && margin == null ? null : new KpiResult(divide(cac, margin), cac, margin);
                });
    }

    /** CLV as {monthly margin per customer, monthly logo churn}, or null without MRR movements. */
    private BigDecimal[] clvParts(PeriodFacts f) {
        Retention r = f.retention();
        if (r == null || f.months() == 0) {
            return null;
        }
        BigDecimal perCustomer = divide(r.endMrr(), r.customersAtEnd());
        BigDecimal churn = divide(r.lostCustomers(), r.customersAtStart());
        return new BigDecimal[] {perCustomer == null ? null : perCustomer.multiply(grossMargin),
                churn == null ? null : divide(churn, BigDecimal.valueOf(f.months()))};
    }

    /** A value of the period's MRR movements: a ratio, or with {@code denominator} null a plain amount. */
    private static Formula retention(Function<Retention, BigDecimal> numerator,
                                     Function<Retention, BigDecimal> denominator) {
        return f -> {
            Retention r = f.retention();
            if (r == null) {
                return null;
            }
            BigDecimal n = numerator.apply(r);
            if (denominator == null) {
                return new KpiResult(n, n, null);
            }
            BigDecimal d = denominator.apply(r);
            return n.signum() == 0 && d.signum() == 0 ? null : new KpiResult(divide(n, d), n, d);
        };
    }

    private static BigDecimal nonNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static KpiResult leadVelocity(PeriodFacts f) {
        if (f.previous() == null) {
            return null;
        }
        BigDecimal last = f.previous().sum(NEW_MQLS);
        BigDecimal change = f.sum(NEW_MQLS).subtract(last);
        return change.signum() == 0 && last.signum() == 0 ? null : new KpiResult(divide(change, last), change, last);
    }

    private static KpiResult channelSaturation(PeriodFacts f) {
        if (f.previous() == null) {
            return null;
        }
        BigDecimal cplChange = divide(costPerLead(f), costPerLead(f.previous()));
        BigDecimal conversionChange = divide(leadToMql(f), leadToMql(f.previous()));
        if (cplChange == null || conversionChange == null) {
            return null;
        }
        return new KpiResult(divide(cplChange, conversionChange), cplChange, conversionChange);
    }

    private static BigDecimal costPerLead(PeriodFacts f) {
        BigDecimal cost = f.sum(AD_SPEND).add(f.sum(NON_AD_MARKETING_COST));
        return divide(cost, f.sum(NEW_LEADS));
    }

    private static BigDecimal leadToMql(PeriodFacts f) {
        return divide(f.sum(COHORT_LEADS_REACHED_MQL), f.sum(NEW_LEADS));
    }

    private static KpiResult pipelineVelocity(PeriodFacts f) {
        BigDecimal open = f.level(DEALS_OPENED).subtract(f.level(DEALS_CLOSED));
        BigDecimal won = f.sum(DEALS_WON);
        BigDecimal closed = won.add(f.sum(DEALS_LOST));
        if (won.signum() == 0) {
            return open.signum() == 0 && closed.signum() == 0 ? null : new KpiResult(null, null, null);
        }
        BigDecimal meanAmount = divide(f.sum(WON_REVENUE), won);
        BigDecimal winRate = divide(won, closed);
        BigDecimal meanCycleDays = divide(f.sum(WON_CYCLE_DAYS_SUM), won);
        BigDecimal perCycle = open.multiply(meanAmount).multiply(winRate);
        return new KpiResult(divide(perCycle, meanCycleDays), perCycle, meanCycleDays);
    }

    private void count(String id, String name, String description, Measure measure) {
        add(id, name, description, Unit.COUNT, Direction.HIGHER_IS_BETTER, null, ALL_GRAINS, LEAD_DIMENSIONS,
                total(measure));
    }

    private void add(String id, String name, String description, Unit unit, Direction direction, Benchmark benchmark,
                     List<Grain> grains, List<Dimension> dimensions, Formula formula) {
        if (definitions.containsKey(id)) {
            throw new IllegalStateException("KPI " + id + " defined twice");
        }
        definitions.put(id, new KpiDefinition(section, id, name, description, unit, direction, benchmark,
                Collections.unmodifiableList(new ArrayList<>(grains)), List.copyOf(dimensions), formula,
                AT_PERIOD_END.contains(id), inputsOf(formula), null));
    }

    /** The inputs a formula reads: those it asks for when applied to a period where everything is non-zero. */
    static Set<KpiInput> inputsOf(Formula formula) {
        Set<KpiInput> reads = EnumSet.noneOf(KpiInput.class);
        formula.apply(PeriodFacts.probe(reads));
        return Collections.unmodifiableSet(reads);
    }

    /**
     * The smallest denominator an alert rule judges a ratio on unless it sets its own min-sample: below
     * it one lead or deal more or less swings the value past any threshold. The catalogue names none;
     * these are the project's choice — 30 of the entries a conversion rate starts from (leads, MQLs,
     * SQLs, emailed leads, survey responses), 20 closed deals for the win rate, and for rates of
     * sessions enough sessions that the benchmark band means a handful of leads or bounces.
     */
    private void minimumSamples() {
        minSample(30, "leads", "lead_to_mql_rate", "lead_to_customer_rate", "cost_per_lead");
        minSample(30, "MQLs", "mql_to_sql_rate", "cost_per_mql");
        minSample(30, "SQLs", "sql_to_opportunity_rate", "cost_per_sql");
        minSample(30, "MQLs in the month before", "lead_velocity_rate");
        minSample(30, "emailed leads", "email_response_rate");
        minSample(20, "closed deals", "win_rate");
        minSample(10, "new customers", "cac");
        minSample(10, "attributed new customers", "channel_cac");
        minSample(1000, "sessions", "visitor_to_lead_rate");
        minSample(100, "sessions", "bounce_rate");
        minSample(30, "responses", "nps", "csat");
    }

    private void minSample(int minimum, String of, String... ids) {
        for (String id : ids) {
            definitions.put(id, get(id).withMinSample(new KpiDefinition.Sample(minimum, of)));
        }
    }
}
