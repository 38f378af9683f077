package io.modelops.orchestrator.catalog;

/** Deployment stage of a model version. */
public enum Stage {
  /** Not deployed anywhere. */
  NONE
}
