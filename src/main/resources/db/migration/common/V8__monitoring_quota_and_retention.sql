-- Quotas of monitoring data per model version and UTC day of receipt (modelops.monitoring.quota),
-- counted as batches and windows are accepted, in the same transaction as the data.
CREATE TABLE monitoring_quota (
    model_version_id UUID    NOT NULL,
    quota_day        DATE    NOT NULL,
    metric_points    BIGINT  NOT NULL,
    feature_windows  INTEGER NOT NULL,
    PRIMARY KEY (model_version_id, quota_day)
);

-- Retention (modelops.monitoring.retention): old feature windows are found by age, and kept while
-- an evaluation refers to them.
CREATE INDEX ix_feature_window_received ON feature_window (received_at);
CREATE INDEX ix_health_evaluation_window ON health_evaluation (feature_window_id);
