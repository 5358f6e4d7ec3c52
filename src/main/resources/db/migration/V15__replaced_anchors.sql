-- When an update moves the time a lead or deal is counted on (a lead's creation corrected to a later
-- day, a merged-away contact taking the survivor's creation time), the KPI recompute after that run
-- must also count the days the replaced version was counted on. The upsert keeps here the earliest
-- of the replaced version's created_at, stage and close times; ChangedDays reads it with the rest.
-- Null for a row never updated. (Stage changes and survey responses carry their time in their key:
-- a new time is a new row.)
ALTER TABLE leads ADD COLUMN replaced_anchor_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deals ADD COLUMN replaced_anchor_at TIMESTAMP WITH TIME ZONE;
