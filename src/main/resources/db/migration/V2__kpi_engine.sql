-- KPI engine.
-- kpi_fx_daily: the FX rate of every currency for every day the data spans, filled forward from
-- fx_rates ("the rate of its day, else the latest earlier one"), so money converts to the base
-- currency with an equi-join. Rebuilt before each compute.
CREATE TABLE kpi_fx_daily (
    currency   CHAR(3)        NOT NULL,
    rate_date  DATE           NOT NULL,
    rate       DECIMAL(19,10) NOT NULL,
    CONSTRAINT pk_kpi_fx_daily PRIMARY KEY (currency, rate_date)
);

-- A value stays in kpi_values when it is restated: the old row gets superseded_at, the new one is
-- inserted with its computed_at. Current values are those with superseded_at null.
ALTER TABLE kpi_values ADD COLUMN superseded_at TIMESTAMP WITH TIME ZONE;
DROP INDEX ix_kpi_values_lookup;
CREATE INDEX ix_kpi_values_slice ON kpi_values (grain, dimension, kpi, period_start);

-- What the KPI queries join on: a deal's or touchpoint's lead, an account's leads.
CREATE INDEX ix_touchpoints_lead ON touchpoints (lead_external_id);
CREATE INDEX ix_leads_account ON leads (account_external_id);
