-- What a run left for a later one, as a JSON array of texts: the inbox's files still being written
-- when it started ("leads.csv (changed 1 s ago)"), so a run that read nothing says why. Null when
-- nothing waited.
ALTER TABLE sync_runs ADD COLUMN waiting VARCHAR(16000);
