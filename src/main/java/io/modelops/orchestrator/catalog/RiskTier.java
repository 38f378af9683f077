package io.modelops.orchestrator.catalog;

/** Model risk tier, in the sense of SR 11-7: drives documentation, validation and review depth. */
public enum RiskTier {
  LOW,
  MEDIUM,
  HIGH
}
