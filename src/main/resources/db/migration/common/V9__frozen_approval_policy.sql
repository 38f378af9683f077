-- The approval policy of a model version, frozen when it is determined: every gateway, timer and
-- guard of the approval and release path reads it from here, never from process variables.
-- One row per version, written once (PostgreSQL refuses any change, see V9_1).
CREATE TABLE approval_policy (
    model_version_id             UUID                     NOT NULL PRIMARY KEY REFERENCES model_version (id),
    process_instance_id          VARCHAR(64)              NOT NULL,
    review_groups                VARCHAR(512)             NOT NULL,
    review_deadline              VARCHAR(32)              NOT NULL,
    escalation_deadline          VARCHAR(32)              NOT NULL,
    production_approval_required BOOLEAN                  NOT NULL,
    canary_percent               INTEGER                  NOT NULL,
    canary_window                VARCHAR(32)              NOT NULL,
    monitoring_interval          VARCHAR(32)              NOT NULL,
    operations_reminder          VARCHAR(32)              NOT NULL,
    operations_escalation        VARCHAR(32)              NOT NULL,
    decision_definition_id       VARCHAR(128)             NOT NULL,
    decision_definition_key      VARCHAR(128)             NOT NULL,
    decision_definition_version  INTEGER                  NOT NULL,
    input_risk_tier              VARCHAR(16)              NOT NULL,
    input_model_type             VARCHAR(16)              NOT NULL,
    input_champion_exists        BOOLEAN                  NOT NULL,
    input_validation_warnings    INTEGER                  NOT NULL,
    result_json                  TEXT                     NOT NULL,
    determined_at                TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The verdicts of "Analyze canary", written by the orchestrator: the promotion guard re-checks
-- them instead of the canaryVerdict variable.
CREATE TABLE canary_analysis (
    id                  UUID                     NOT NULL PRIMARY KEY,
    model_version_id    UUID                     NOT NULL REFERENCES model_version (id),
    process_instance_id VARCHAR(64)              NOT NULL,
    verdict             VARCHAR(16)              NOT NULL,
    window_from         TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to           TIMESTAMP WITH TIME ZONE NOT NULL,
    report              TEXT,
    analyzed_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_canary_analysis_version ON canary_analysis (model_version_id);
