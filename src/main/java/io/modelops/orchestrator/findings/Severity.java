package io.modelops.orchestrator.findings;

/** How serious a finding is; HIGH and CRITICAL findings block the production release. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Whether an unresolved finding of this severity keeps the version out of production. */
  public boolean blocksRelease() {
    return this == HIGH || this == CRITICAL;
  }
}
