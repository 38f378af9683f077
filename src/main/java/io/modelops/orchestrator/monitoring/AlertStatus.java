package io.modelops.orchestrator.monitoring;

/** The life of an alert: open until its cause is gone, or accepted for a while. */
enum AlertStatus {
  OPEN,
  /** Operations accepted it in triage: the cause triggers nothing until the acceptance ends. */
  ACCEPTED,
  /** The cause was no longer found. */
  RESOLVED,
  /** The acceptance ended; the cause may alert again. */
  EXPIRED,
  /** The version left production. */
  CLOSED
}
