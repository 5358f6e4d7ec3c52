-- Where a run is after its import: importing, then scoring and computing (the work its
-- SyncFinished event starts), then done. Runs recorded before this migration are done.
ALTER TABLE sync_runs ADD COLUMN phase VARCHAR(16) DEFAULT 'done' NOT NULL;
-- The records a run expects to read (a file import's estimate from its files), null when unknown.
ALTER TABLE sync_runs ADD COLUMN records_total BIGINT;
CREATE INDEX ix_sync_runs_status ON sync_runs (source, status, id);

-- Operations alerts (a source's runs, not a KPI) name their source and have no KPI.
ALTER TABLE alert_events ADD COLUMN source VARCHAR(64);
ALTER TABLE alert_events ALTER COLUMN kpi DROP NOT NULL;
CREATE INDEX ix_alert_events_source ON alert_events (source, id);
