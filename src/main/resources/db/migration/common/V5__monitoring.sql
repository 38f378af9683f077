-- Production monitoring: reference profiles, feature windows, health evaluations with their
-- drift results, alerts (one open alert per version and cause), and retraining requests.

CREATE TABLE monitoring_profile (
    model_version_id UUID                     NOT NULL PRIMARY KEY REFERENCES model_version (id),
    profile_json     TEXT                     NOT NULL,
    features         INTEGER                  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE feature_window (
    id               UUID                     NOT NULL PRIMARY KEY,
    model_version_id UUID                     NOT NULL REFERENCES model_version (id),
    observed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    received_by      VARCHAR(128)             NOT NULL,
    features         INTEGER                  NOT NULL,
    rows_observed    BIGINT                   NOT NULL,
    features_json    TEXT                     NOT NULL
);

CREATE INDEX ix_feature_window_version ON feature_window (model_version_id, received_at);

CREATE TABLE health_evaluation (
    id                UUID                     NOT NULL PRIMARY KEY,
    model_version_id  UUID                     NOT NULL REFERENCES model_version (id),
    evaluated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    feature_window_id UUID                     REFERENCES feature_window (id),
    status            VARCHAR(16)              NOT NULL,
    dataset_drift     BOOLEAN                  NOT NULL,
    drift_share       DOUBLE PRECISION         NOT NULL,
    drifted_features  INTEGER                  NOT NULL,
    max_drift_score   DOUBLE PRECISION,
    metric_breaches   TEXT                     NOT NULL,
    causes            VARCHAR(2000)            NOT NULL,
    new_causes        VARCHAR(2000)            NOT NULL,
    action            VARCHAR(16)
);

CREATE INDEX ix_health_evaluation_version ON health_evaluation (model_version_id, evaluated_at);

CREATE TABLE drift_result (
    evaluation_id  UUID             NOT NULL REFERENCES health_evaluation (id),
    feature        VARCHAR(128)     NOT NULL,
    method         VARCHAR(16)      NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    threshold      DOUBLE PRECISION NOT NULL,
    drifted        BOOLEAN          NOT NULL,
    reference_size BIGINT           NOT NULL,
    current_size   BIGINT           NOT NULL,
    PRIMARY KEY (evaluation_id, feature)
);

CREATE TABLE model_alert (
    id               UUID                     NOT NULL PRIMARY KEY,
    model_version_id UUID                     NOT NULL REFERENCES model_version (id),
    cause            VARCHAR(200)             NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    detail           VARCHAR(2000),
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE,
    accepted_until   TIMESTAMP WITH TIME ZONE,
    accepted_by      VARCHAR(128)
);

CREATE INDEX ix_model_alert_version ON model_alert (model_version_id, status);

CREATE TABLE retraining_request (
    id               UUID                     NOT NULL PRIMARY KEY,
    model_id         UUID                     NOT NULL REFERENCES model (id),
    model_version_id UUID                     REFERENCES model_version (id),
    trigger_kind     VARCHAR(16)              NOT NULL,
    reason           VARCHAR(2000)            NOT NULL,
    requested_by     VARCHAR(128)             NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    dedup_key        VARCHAR(200)             NOT NULL,
    process_instance_id VARCHAR(64),
    CONSTRAINT uq_retraining_request_dedup UNIQUE (dedup_key)
);
