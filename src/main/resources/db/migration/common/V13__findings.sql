-- Findings of reviews: what a reviewer found that the owner must remediate, with severity, owner
-- and due date. Only the status (and the expiry of a risk acceptance) changes after a finding is
-- raised, through the orchestrator; every change is a row of finding_transition (PostgreSQL
-- refuses other changes, see V13_1).
CREATE TABLE finding (
    id                  UUID                     NOT NULL PRIMARY KEY,
    model_version_id    UUID                     NOT NULL REFERENCES model_version (id),
    title               VARCHAR(200)             NOT NULL,
    description         VARCHAR(4000)            NOT NULL,
    severity            VARCHAR(16)              NOT NULL,
    owner               VARCHAR(128)             NOT NULL,
    risk_tier           VARCHAR(16)              NOT NULL,
    due_date            DATE                     NOT NULL,
    raised_by           VARCHAR(128)             NOT NULL,
    raised_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    review_task_id      VARCHAR(64)              NOT NULL,
    status              VARCHAR(32)              NOT NULL,
    risk_accepted_until DATE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_finding_severity CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT ck_finding_status CHECK (
        status IN ('OPEN', 'REMEDIATION_SUBMITTED', 'CLOSED', 'RISK_ACCEPTED'))
);

CREATE INDEX ix_finding_version ON finding (model_version_id);

-- The history of each finding: who moved it from which status to which, when and why.
CREATE TABLE finding_transition (
    id                  UUID                     NOT NULL PRIMARY KEY,
    finding_id          UUID                     NOT NULL REFERENCES finding (id),
    from_status         VARCHAR(32),
    to_status           VARCHAR(32)              NOT NULL,
    actor               VARCHAR(128)             NOT NULL,
    occurred_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    text                VARCHAR(4000),
    evidence_uri        VARCHAR(2048),
    risk_accepted_until DATE
);

CREATE INDEX ix_finding_transition_finding ON finding_transition (finding_id, occurred_at);

-- A review may approve with conditions (APPROVE_WITH_CONDITIONS): the recorded decision keeps it.
ALTER TABLE approval ALTER COLUMN decision SET DATA TYPE VARCHAR(32);
