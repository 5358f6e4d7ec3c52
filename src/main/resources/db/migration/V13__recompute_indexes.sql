-- What a recompute after a sync reads, so that it reads only what the sync touched:
-- the rows a run wrote (the first day they count on) ...
CREATE INDEX ix_leads_run ON leads (sync_run_id);
CREATE INDEX ix_touchpoints_run ON touchpoints (sync_run_id);
-- ... and the leads anchored on the days from the first changed one on (each funnel stage's date).
CREATE INDEX ix_leads_created ON leads (created_at);
CREATE INDEX ix_leads_mql ON leads (mql_at);
CREATE INDEX ix_leads_sql ON leads (sql_at);
CREATE INDEX ix_leads_opportunity ON leads (opportunity_at);
CREATE INDEX ix_leads_customer ON leads (customer_at);
-- Deals are few next to leads; the same for them, and for the stage changes a run wrote.
CREATE INDEX ix_deals_run ON deals (sync_run_id);
CREATE INDEX ix_deals_created ON deals (created_at);
CREATE INDEX ix_deals_closed ON deals (closed_at);
CREATE INDEX ix_deal_stage_changes_run ON deal_stage_changes (sync_run_id);
