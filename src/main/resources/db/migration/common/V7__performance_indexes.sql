-- Indexes found missing by the benchmarks (README, "Performance"). Portable SQL (PostgreSQL, H2).

-- The latest version of a model (catalog list and model summary: ORDER BY registered_at DESC,
-- version DESC per model) without sorting all of the model's versions.
CREATE INDEX ix_model_version_latest ON model_version (model_id, registered_at, version);
