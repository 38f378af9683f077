-- Catalog, validation evidence, review decisions and the mail outbox.
-- Portable SQL: runs unchanged on PostgreSQL and H2 (the embedded default).

CREATE TABLE model (
    id          UUID                     NOT NULL PRIMARY KEY,
    name        VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(128)             NOT NULL,
    CONSTRAINT uq_model_name UNIQUE (name)
);

CREATE TABLE model_version (
    id                  UUID                     NOT NULL PRIMARY KEY,
    model_id            UUID                     NOT NULL REFERENCES model (id),
    version             VARCHAR(64)              NOT NULL,
    artifact_uri        VARCHAR(2048)            NOT NULL,
    framework           VARCHAR(64),
    model_type          VARCHAR(16)              NOT NULL,
    risk_tier           VARCHAR(16)              NOT NULL,
    owner               VARCHAR(128)             NOT NULL,
    owner_email         VARCHAR(254),
    description         VARCHAR(4000),
    intended_use        VARCHAR(4000),
    limitations         VARCHAR(4000),
    model_card_uri      VARCHAR(2048),
    source_commit       VARCHAR(128),
    training_data_ref   VARCHAR(2048),
    run_id              VARCHAR(128),
    metrics_json        TEXT,
    signature_json      TEXT,
    deployment_target   VARCHAR(32)              NOT NULL,
    status              VARCHAR(16)              NOT NULL,
    status_reason       VARCHAR(4000),
    stage               VARCHAR(16)              NOT NULL,
    registered_by       VARCHAR(128)             NOT NULL,
    registered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id VARCHAR(64),
    registration_hash   VARCHAR(64)              NOT NULL,
    CONSTRAINT uq_model_version UNIQUE (model_id, version)
);

CREATE INDEX ix_model_version_status ON model_version (status);
CREATE UNIQUE INDEX ux_model_version_process ON model_version (process_instance_id);

CREATE TABLE validation_report (
    id               UUID                     NOT NULL PRIMARY KEY,
    model_version_id UUID                     NOT NULL REFERENCES model_version (id),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    passed           BOOLEAN                  NOT NULL
);

CREATE INDEX ix_validation_report_version ON validation_report (model_version_id);

CREATE TABLE validation_check (
    report_id  UUID          NOT NULL REFERENCES validation_report (id),
    seq        INTEGER       NOT NULL,
    name       VARCHAR(128)  NOT NULL,
    status     VARCHAR(8)    NOT NULL,
    observed   VARCHAR(512),
    threshold  VARCHAR(512),
    message    VARCHAR(2000) NOT NULL,
    PRIMARY KEY (report_id, seq)
);

CREATE TABLE approval (
    id               UUID                     NOT NULL PRIMARY KEY,
    model_version_id UUID                     NOT NULL REFERENCES model_version (id),
    task_id          VARCHAR(64)              NOT NULL,
    step             VARCHAR(64)              NOT NULL,
    decision         VARCHAR(16)              NOT NULL,
    decided_by       VARCHAR(128)             NOT NULL,
    decided_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    comment          VARCHAR(4000),
    CONSTRAINT uq_approval_task UNIQUE (task_id)
);

CREATE INDEX ix_approval_version ON approval (model_version_id);

CREATE TABLE notification_outbox (
    id              UUID                     NOT NULL PRIMARY KEY,
    dedup_key       VARCHAR(200)             NOT NULL,
    recipients      VARCHAR(2000)            NOT NULL,
    subject         VARCHAR(500)             NOT NULL,
    body            TEXT                     NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(2000),
    CONSTRAINT uq_outbox_dedup UNIQUE (dedup_key)
);

CREATE INDEX ix_outbox_due ON notification_outbox (status, next_attempt_at);
