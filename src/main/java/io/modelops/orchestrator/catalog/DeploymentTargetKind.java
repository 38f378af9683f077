package io.modelops.orchestrator.catalog;

/** Where a version is deployed when it is released. */
public enum DeploymentTargetKind {
  /** A KServe manifest committed to a git repository (Argo CD / Flux apply it). */
  GITOPS,
  /** A signed HTTP call to the organisation's own deployment service. */
  WEBHOOK,
  /** A decision model deployed into this engine. */
  DMN
}
