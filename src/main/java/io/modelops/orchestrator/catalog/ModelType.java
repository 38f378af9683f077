package io.modelops.orchestrator.catalog;

/** What kind of model a version is; decides which checks and deployment targets apply. */
public enum ModelType {
  /** A trained machine-learning model (scikit-learn, XGBoost, PyTorch, ...). */
  ML,
  /** A DMN decision model, deployable into the engine itself. */
  DMN,
  /** A rule set (e.g. a scorecard) maintained by hand. */
  RULES,
  /** A large language model or a prompt/model bundle built on one. */
  LLM,
  /** A model bought from a vendor, validated as a black box. */
  VENDOR
}
