-- lead_scores also keeps what the KPIs read per lead from its touches: whether it got email (a touch
-- of type email_*) and whether it replied (email_reply). The pass that scores a lead after a sync
-- sets them, so the email cohorts are counted from one row per lead instead of aggregating every
-- touchpoint at each compute. Every live lead has a row; with scoring off (revloop.scoring.enabled:
-- false) its score columns are null. The table is rebuilt (the two databases spell "drop NOT NULL"
-- differently) with a row for every live lead, its flags counted here once.
CREATE TABLE lead_scores_v14 (
    source            VARCHAR(64)  NOT NULL,
    lead_external_id  VARCHAR(255) NOT NULL,
    score             INTEGER,
    band              VARCHAR(16),
    company_fit       INTEGER,
    contact_fit       INTEGER,
    engagement        INTEGER,
    intent            INTEGER,
    bant              INTEGER,
    emailed           BOOLEAN      NOT NULL,
    replied           BOOLEAN      NOT NULL,
    computed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_lead_scores_v14 PRIMARY KEY (source, lead_external_id)
);

INSERT INTO lead_scores_v14 (source, lead_external_id, score, band, company_fit, contact_fit, engagement, intent,
                             bant, emailed, replied, computed_at)
SELECT l.source, l.external_id, s.score, s.band, s.company_fit, s.contact_fit, s.engagement, s.intent, s.bant,
       COALESCE(e.emailed, 0) = 1, COALESCE(e.replied, 0) = 1, COALESCE(s.computed_at, CURRENT_TIMESTAMP)
FROM leads l
LEFT JOIN lead_scores s ON s.source = l.source AND s.lead_external_id = l.external_id
LEFT JOIN (SELECT t.source, t.lead_external_id, MAX(CASE WHEN t.touch_type LIKE 'email%' THEN 1 ELSE 0 END) AS emailed,
                  MAX(CASE WHEN t.touch_type = 'email_reply' THEN 1 ELSE 0 END) AS replied
           FROM touchpoints t WHERE t.deleted_at IS NULL GROUP BY t.source, t.lead_external_id) e
       ON e.source = l.source AND e.lead_external_id = l.external_id
WHERE l.deleted_at IS NULL;

DROP TABLE lead_scores;
ALTER TABLE lead_scores_v14 RENAME TO lead_scores;
