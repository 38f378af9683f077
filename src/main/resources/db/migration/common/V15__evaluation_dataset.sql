-- Governed evaluation datasets: the holdout on which a model's versions (candidate and champion)
-- are scored independently of what the registrant declares. Registered by validators, never by
-- someone who registered a version of the model. Append-only: a new dataset supersedes the
-- previous one (the current one is the latest), and the history stays.
CREATE TABLE evaluation_dataset (
    id            UUID          PRIMARY KEY,
    model_id      UUID          NOT NULL REFERENCES model (id),
    uri           VARCHAR(2048) NOT NULL,
    sha256        CHAR(64)      NOT NULL,
    description   VARCHAR(1000),
    registered_by VARCHAR(128)  NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX evaluation_dataset_by_model ON evaluation_dataset (model_id, registered_at);
