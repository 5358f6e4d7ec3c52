-- Salesforce lead conversion lineage: a converted lead's contact and opportunity point back to the
-- lead, so the person stays one canonical lead (keyed by the Lead Id) and the deal keeps its lead.
-- Written by the Lead stream, read by the Contact, Opportunity, CampaignMember and Task/Event streams.
CREATE TABLE salesforce_conversions (
    record_id    VARCHAR(18)  NOT NULL,
    lead_id      VARCHAR(18)  NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_salesforce_conversions PRIMARY KEY (record_id)
);
