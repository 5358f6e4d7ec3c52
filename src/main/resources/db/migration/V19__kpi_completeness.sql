-- Whether a KPI value's period is complete: over (it ended before today in revloop.time-zone) and
-- covered by the newest data of every input the KPI reads. Values stored before are marked incomplete,
-- so the next compute judges each of them once.
ALTER TABLE kpi_values ADD COLUMN complete BOOLEAN DEFAULT FALSE NOT NULL;
-- a compute re-judges the periods from the earliest current value that was not complete
CREATE INDEX ix_kpi_values_incomplete ON kpi_values (complete, superseded_at, grain, period_start);

-- The newest day of each KPI input (crm, ad_spend, web_traffic, costs, mrr, surveys) as of the last compute.
CREATE TABLE kpi_coverage (
    input_id    VARCHAR(32) NOT NULL PRIMARY KEY,
    newest_day  DATE        NOT NULL
);

DROP VIEW bi_kpi_values;
CREATE VIEW bi_kpi_values AS
SELECT v.kpi, d.name AS kpi_name, d.section, d.unit, d.direction, v.grain, v.period_start, v.dimension,
       v.dimension_value, v.metric_value AS kpi_value, v.numerator, v.denominator, d.benchmark_low,
       d.benchmark_high, v.computed_at, v.complete
FROM kpi_values v
JOIN kpi_definitions d ON d.id = v.kpi
WHERE v.superseded_at IS NULL;

DROP VIEW bi_funnel_cohorts;
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
       MAX(CASE WHEN v.kpi = 'lead_to_customer_rate' THEN v.metric_value END) AS lead_to_customer_rate,
       CASE WHEN MIN(CASE WHEN v.complete THEN 1 ELSE 0 END) = 1 THEN TRUE ELSE FALSE END AS complete
FROM kpi_values v
WHERE v.superseded_at IS NULL
  AND v.kpi IN ('lead_to_mql_rate', 'mql_to_sql_rate', 'sql_to_opportunity_rate', 'lead_to_customer_rate')
GROUP BY v.grain, v.period_start, v.dimension, v.dimension_value;

DROP VIEW bi_source_to_revenue;
CREATE VIEW bi_source_to_revenue AS
SELECT v.grain, v.period_start, v.dimension_value AS channel,
       MAX(CASE WHEN v.kpi = 'new_leads' THEN v.metric_value END) AS leads,
       MAX(CASE WHEN v.kpi = 'marketing_cost' THEN v.metric_value END) AS cost,
       MAX(CASE WHEN v.kpi = 'marketing_attributed_revenue' THEN v.metric_value END) AS revenue,
       MAX(CASE WHEN v.kpi = 'channel_roi' THEN v.metric_value END) AS roi,
       CASE WHEN MIN(CASE WHEN v.complete THEN 1 ELSE 0 END) = 1 THEN TRUE ELSE FALSE END AS complete
FROM kpi_values v
WHERE v.superseded_at IS NULL AND v.dimension = 'channel' AND v.grain IN ('month', 'quarter')
  AND v.kpi IN ('new_leads', 'marketing_cost', 'marketing_attributed_revenue', 'channel_roi')
GROUP BY v.grain, v.period_start, v.dimension_value;
