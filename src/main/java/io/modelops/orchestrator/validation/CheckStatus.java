package io.modelops.orchestrator.validation;

/** Outcome of one validation check. */
public enum CheckStatus {
  PASS,
  /** Worth a reviewer's attention, but not a reason to reject. */
  WARN,
  /** The version must not go further. */
  FAIL
}
