-- Evidence attachments of model versions (validation memos, model documentation, data sheets).
-- Contents are stored once per SHA-256 (evidence_blob); each upload to a version is a row of
-- attachment that names its content by hash. Neither table is ever updated or deleted by the
-- orchestrator; on PostgreSQL triggers refuse it (V12_1).
CREATE TABLE evidence_blob (
    sha256      CHAR(64)                 NOT NULL PRIMARY KEY,
    size_bytes  BIGINT                   NOT NULL,
    content     BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE attachment (
    id           UUID                     NOT NULL PRIMARY KEY,
    version_id   UUID                     NOT NULL REFERENCES model_version (id),
    kind         VARCHAR(32)              NOT NULL,
    title        VARCHAR(200),
    file_name    VARCHAR(128)             NOT NULL,
    media_type   VARCHAR(128)             NOT NULL,
    size_bytes   BIGINT                   NOT NULL,
    sha256       CHAR(64)                 NOT NULL REFERENCES evidence_blob (sha256),
    uploaded_by  VARCHAR(128)             NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The same content uploaded twice as the same kind to the same version is one attachment.
CREATE UNIQUE INDEX attachment_version_kind_content ON attachment (version_id, kind, sha256);
CREATE INDEX attachment_version ON attachment (version_id, uploaded_at);
