package io.modelops.orchestrator.catalog;

/** Deployment stage of a model version. */
public enum Stage {
  /** Not deployed anywhere. */
  NONE,
  STAGING,
  /** Serving part of the traffic next to the production version. */
  CANARY,
  /** Serving production traffic: the model's champion. */
  PRODUCTION,
  /** Was in production, replaced or withdrawn. */
  RETIRED
}
