-- Alert events double as the outbox of Slack messages: an event is pending until sent_at is set.
ALTER TABLE alert_events ADD COLUMN severity VARCHAR(16);
ALTER TABLE alert_events ADD COLUMN comparison VARCHAR(2);
ALTER TABLE alert_events ADD COLUMN blocks VARCHAR(65535);
ALTER TABLE alert_events ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE alert_events ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert_events ADD COLUMN last_error VARCHAR(1000);
-- false: recorded only (no Slack webhook was configured for it), never sent
ALTER TABLE alert_events ADD COLUMN deliver BOOLEAN DEFAULT TRUE NOT NULL;
CREATE INDEX ix_alert_events_pending ON alert_events (sent_at, id);
CREATE INDEX ix_alert_events_key ON alert_events (rule_id, grain, period_start, dimension_value);
