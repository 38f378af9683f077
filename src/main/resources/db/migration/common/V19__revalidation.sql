-- Periodic revalidation and owner attestations of versions in production. The schedule is frozen
-- per version when it first reaches production (DMN revalidation-interval on the effective tier);
-- its due dates move only when a revalidation or an attestation is recorded.
CREATE TABLE revalidation_schedule (
    model_version_id         UUID         PRIMARY KEY REFERENCES model_version (id),
    risk_tier                VARCHAR(16)  NOT NULL,
    revalidation_interval    VARCHAR(32)  NOT NULL,
    attestation_interval     VARCHAR(32),
    recheck_interval         VARCHAR(32)  NOT NULL,
    reminder_after           VARCHAR(32)  NOT NULL,
    escalation_after         VARCHAR(32)  NOT NULL,
    decision_definition_id   VARCHAR(64)  NOT NULL,
    production_since         TIMESTAMP WITH TIME ZONE NOT NULL,
    revalidation_due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attestation_due_at       TIMESTAMP WITH TIME ZONE,
    revalidation_opened_at   TIMESTAMP WITH TIME ZONE,
    evaluation_requested_at  TIMESTAMP WITH TIME ZONE,
    last_revalidated_at      TIMESTAMP WITH TIME ZONE,
    last_outcome             VARCHAR(32),
    last_attested_at         TIMESTAMP WITH TIME ZONE,
    last_attestation_ok      BOOLEAN,
    frozen_at                TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX revalidation_schedule_due ON revalidation_schedule (revalidation_due_at);

-- Each revalidation decision: who, when, what, why. Append-only.
CREATE TABLE revalidation_review (
    id                UUID          PRIMARY KEY,
    model_version_id  UUID          NOT NULL REFERENCES model_version (id),
    task_id           VARCHAR(64)   NOT NULL,
    outcome           VARCHAR(32)   NOT NULL,
    decided_by        VARCHAR(128)  NOT NULL,
    decided_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    comment           VARCHAR(4000) NOT NULL,
    next_due_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX revalidation_review_by_version ON revalidation_review (model_version_id, decided_at);

-- Each owner attestation ("still used as intended, inputs unchanged"). Append-only.
CREATE TABLE attestation (
    id                     UUID          PRIMARY KEY,
    model_version_id       UUID          NOT NULL REFERENCES model_version (id),
    task_id                VARCHAR(64)   NOT NULL,
    still_used_as_intended BOOLEAN       NOT NULL,
    attested_by            VARCHAR(128)  NOT NULL,
    attested_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    comment                VARCHAR(4000),
    next_due_at            TIMESTAMP WITH TIME ZONE
);

CREATE INDEX attestation_by_version ON attestation (model_version_id, attested_at);
