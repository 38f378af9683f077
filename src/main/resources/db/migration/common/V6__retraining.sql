-- Retraining runs: one active run per model; every trigger is recorded; candidates have lineage.
ALTER TABLE retraining_request ADD COLUMN status VARCHAR(16) DEFAULT 'TRAINING' NOT NULL;
ALTER TABLE retraining_request ADD COLUMN training_data_ref VARCHAR(2048);
ALTER TABLE retraining_request ADD COLUMN candidate_version VARCHAR(64);
ALTER TABLE retraining_request ADD COLUMN candidate_version_id UUID REFERENCES model_version (id);
ALTER TABLE retraining_request ADD COLUMN outcome VARCHAR(4000);
ALTER TABLE retraining_request ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;

-- Requests recorded before training was dispatched ended when their owner was notified.
UPDATE retraining_request SET status = 'RECORDED';

CREATE INDEX ix_retraining_request_model ON retraining_request (model_id, status);
CREATE INDEX ix_retraining_request_candidate ON retraining_request (candidate_version_id);

-- Every trigger (drift alert, schedule, manual request); later ones join the active run.
CREATE TABLE retraining_trigger (
    id                    UUID                     NOT NULL PRIMARY KEY,
    retraining_request_id UUID                     NOT NULL REFERENCES retraining_request (id),
    trigger_kind          VARCHAR(16)              NOT NULL,
    reason                VARCHAR(2000)            NOT NULL,
    requested_by          VARCHAR(128)             NOT NULL,
    requested_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    dedup_key             VARCHAR(200)             NOT NULL,
    CONSTRAINT uq_retraining_trigger_dedup UNIQUE (dedup_key)
);
CREATE INDEX ix_retraining_trigger_request ON retraining_trigger (retraining_request_id);

INSERT INTO retraining_trigger (id, retraining_request_id, trigger_kind, reason, requested_by,
                                requested_at, dedup_key)
SELECT id, id, trigger_kind, reason, requested_by, requested_at, dedup_key FROM retraining_request;

-- Retraining settings of a version (registration field "retraining"); candidates inherit them.
CREATE TABLE retraining_policy (
    model_version_id UUID         NOT NULL PRIMARY KEY REFERENCES model_version (id),
    schedule         VARCHAR(100),
    trainer          VARCHAR(16)  NOT NULL
);
