-- Independent evaluations: the orchestrator opens a request (which version, which champion, which
-- dataset as registered) before the external task "Evaluate model version" (topic
-- model-evaluation) runs; an evaluator posts the metrics it computed for the candidate and the
-- champion on that dataset. The request's facts never change; only its status moves, once. The
-- results are append-only, one per request and role.
CREATE TABLE evaluation_request (
    id                  UUID          PRIMARY KEY,
    model_id            UUID          NOT NULL REFERENCES model (id),
    model_version_id    UUID          NOT NULL REFERENCES model_version (id),
    champion_version_id UUID          REFERENCES model_version (id),
    dataset_id          UUID          NOT NULL REFERENCES evaluation_dataset (id),
    dataset_uri         VARCHAR(2048) NOT NULL,
    dataset_sha256      CHAR(64)      NOT NULL,
    process_instance_id VARCHAR(64)   NOT NULL UNIQUE,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE,
    evaluated_by        VARCHAR(128),
    failure_reason      VARCHAR(1000),
    CONSTRAINT evaluation_request_status CHECK (status IN ('OPEN', 'COMPLETED', 'FAILED'))
);

CREATE INDEX evaluation_request_by_version ON evaluation_request (model_version_id, requested_at);

CREATE TABLE evaluation_result (
    id               UUID         PRIMARY KEY,
    request_id       UUID         NOT NULL REFERENCES evaluation_request (id),
    role             VARCHAR(16)  NOT NULL,
    model_version_id UUID         NOT NULL REFERENCES model_version (id),
    metrics_json     TEXT         NOT NULL,
    row_count        BIGINT,
    dataset_sha256   CHAR(64)     NOT NULL,
    evaluated_by     VARCHAR(128) NOT NULL,
    evaluated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT evaluation_result_role CHECK (role IN ('CANDIDATE', 'CHAMPION')),
    CONSTRAINT evaluation_result_once UNIQUE (request_id, role)
);
