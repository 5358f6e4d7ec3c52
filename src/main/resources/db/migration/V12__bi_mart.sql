-- Database mart for BI tools (Power BI, Looker, Metabase, Tableau): views over the current KPI values,
-- with the catalogue (kpi_definitions) and the hub's settings (bi_context) written by the hub at start.
CREATE TABLE kpi_definitions (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    section         VARCHAR(64),
    name            VARCHAR(255)  NOT NULL,
    description     VARCHAR(4000),
    unit            VARCHAR(32)   NOT NULL,
    direction       VARCHAR(32)   NOT NULL,
    benchmark_low   DECIMAL(30,10),
    benchmark_high  DECIMAL(30,10)
);

CREATE TABLE bi_context (
    id                 INTEGER     NOT NULL PRIMARY KEY,
    base_currency      CHAR(3)     NOT NULL,
    time_zone          VARCHAR(64) NOT NULL,
    attribution_model  VARCHAR(32) NOT NULL
);

CREATE VIEW bi_kpi_values AS
SELECT v.kpi, d.name AS kpi_name, d.section, d.unit, d.direction, v.grain, v.period_start, v.dimension,
       v.dimension_value, v.metric_value AS kpi_value, v.numerator, v.denominator, d.benchmark_low,
       d.benchmark_high, v.computed_at
FROM kpi_values v
JOIN kpi_definitions d ON d.id = v.kpi
WHERE v.superseded_at IS NULL;

CREATE VIEW bi_funnel_cohorts AS
SELECT v.grain, v.period_start, v.dimension, v.dimension_value,
       MAX(CASE WHEN v.kpi = 'lead_to_mql_rate' THEN v.denominator END) AS leads,
       MAX(CASE WHEN v.kpi = 'lead_to_mql_rate' THEN v.numerator END) AS leads_reached_mql,
       MAX(CASE WHEN v.kpi = 'lead_to_mql_rate' THEN v.metric_value END) AS lead_to_mql_rate,
       MAX(CASE WHEN v.kpi = 'mql_to_sql_rate' THEN v.denominator END) AS mqls,
       MAX(CASE WHEN v.kpi = 'mql_to_sql_rate' THEN v.numerator END) AS mqls_reached_sql,
       MAX(CASE WHEN v.kpi = 'mql_to_sql_rate' THEN v.metric_value END) AS mql_to_sql_rate,
       MAX(CASE WHEN v.kpi = 'sql_to_opportunity_rate' THEN v.denominator END) AS sqls,
       MAX(CASE WHEN v.kpi = 'sql_to_opportunity_rate' THEN v.numerator END) AS sqls_reached_opportunity,
       MAX(CASE WHEN v.kpi = 'sql_to_opportunity_rate' THEN v.metric_value END) AS sql_to_opportunity_rate,
       MAX(CASE WHEN v.kpi = 'lead_to_customer_rate' THEN v.numerator END) AS leads_became_customers,
       MAX(CASE WHEN v.kpi = 'lead_to_customer_rate' THEN v.metric_value END) AS lead_to_customer_rate
FROM kpi_values v
WHERE v.superseded_at IS NULL
  AND v.kpi IN ('lead_to_mql_rate', 'mql_to_sql_rate', 'sql_to_opportunity_rate', 'lead_to_customer_rate')
GROUP BY v.grain, v.period_start, v.dimension, v.dimension_value;

CREATE VIEW bi_source_to_revenue AS
SELECT v.grain, v.period_start, v.dimension_value AS channel,
       MAX(CASE WHEN v.kpi = 'new_leads' THEN v.metric_value END) AS leads,
       MAX(CASE WHEN v.kpi = 'marketing_cost' THEN v.metric_value END) AS cost,
       MAX(CASE WHEN v.kpi = 'marketing_attributed_revenue' THEN v.metric_value END) AS revenue,
       MAX(CASE WHEN v.kpi = 'channel_roi' THEN v.metric_value END) AS roi
FROM kpi_values v
WHERE v.superseded_at IS NULL AND v.dimension = 'channel' AND v.grain IN ('month', 'quarter')
  AND v.kpi IN ('new_leads', 'marketing_cost', 'marketing_attributed_revenue', 'channel_roi')
GROUP BY v.grain, v.period_start, v.dimension_value;

-- attributed revenue per model, written by the hub after each compute (revloop.bi.attribution-models)
CREATE TABLE bi_attribution_credits (
    model            VARCHAR(32)    NOT NULL,
    grain            VARCHAR(16)    NOT NULL,
    period_start     DATE           NOT NULL,
    dimension        VARCHAR(32)    NOT NULL,
    dimension_value  VARCHAR(255),
    revenue          DECIMAL(30,10) NOT NULL,
    deals            BIGINT         NOT NULL
);
CREATE INDEX ix_bi_attribution_credits ON bi_attribution_credits (model, grain, period_start);

CREATE VIEW bi_attribution AS
SELECT a.model, a.grain, a.period_start, a.dimension, a.dimension_value, a.revenue, a.deals,
       c.base_currency AS currency
FROM bi_attribution_credits a
CROSS JOIN bi_context c;
