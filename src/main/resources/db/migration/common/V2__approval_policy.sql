-- Fairness evidence at registration; review groups and evidence fingerprints on approvals.
ALTER TABLE model_version ADD COLUMN fairness_json TEXT;
ALTER TABLE approval ADD COLUMN review_group VARCHAR(64);
ALTER TABLE approval ADD COLUMN evidence_hash VARCHAR(64);
CREATE INDEX ix_model_version_stage ON model_version (model_id, stage);
ALTER TABLE validation_report ADD COLUMN champion_version VARCHAR(64);
-- Room for the longer statuses (CHANGES_REQUESTED).
ALTER TABLE model_version ALTER COLUMN status SET DATA TYPE VARCHAR(32);
