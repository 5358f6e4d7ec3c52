-- Lead scores of the hub's points model (docs/scoring.md), one row per live lead, recomputed when
-- the lead, its touchpoints or its account change.
CREATE TABLE lead_scores (
    source            VARCHAR(64)  NOT NULL,
    lead_external_id  VARCHAR(255) NOT NULL,
    score             INTEGER      NOT NULL,
    band              VARCHAR(16)  NOT NULL,
    company_fit       INTEGER      NOT NULL,
    contact_fit       INTEGER      NOT NULL,
    engagement        INTEGER      NOT NULL,
    intent            INTEGER      NOT NULL,
    bant              INTEGER      NOT NULL,
    computed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_lead_scores PRIMARY KEY (source, lead_external_id)
);
