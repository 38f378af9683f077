package io.modelops.orchestrator.findings;

/**
 * Where a finding stands: {@code OPEN} → {@code REMEDIATION_SUBMITTED} (by its owner) → {@code
 * CLOSED} (by an independent validator) or back to {@code OPEN} (remediation rejected); any finding
 * that is not closed → {@code RISK_ACCEPTED} (by model risk, until an expiry date, after which it
 * counts as {@code OPEN} again).
 */
public enum FindingStatus {
  OPEN,
  REMEDIATION_SUBMITTED,
  CLOSED,
  RISK_ACCEPTED
}
