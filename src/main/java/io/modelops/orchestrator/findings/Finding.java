package io.modelops.orchestrator.findings;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code finding}: the facts the reviewer raised, and the stored status. */
record Finding(
    UUID id,
    UUID modelVersionId,
    String model,
    String version,
    String title,
    String description,
    Severity severity,
    String owner,
    String riskTier,
    LocalDate dueDate,
    String raisedBy,
    OffsetDateTime raisedAt,
    String reviewTaskId,
    FindingStatus status,
    LocalDate riskAcceptedUntil,
    OffsetDateTime updatedAt) {

  /**
   * The status that counts on {@code today}: a risk acceptance past its expiry counts as {@code
   * OPEN} again.
   */
  FindingStatus effectiveStatus(LocalDate today) {
    return acceptanceExpired(today) ? FindingStatus.OPEN : status;
  }

  boolean acceptanceExpired(LocalDate today) {
    return status == FindingStatus.RISK_ACCEPTED
        && (riskAcceptedUntil == null || riskAcceptedUntil.isBefore(today));
  }

  /** Neither closed nor under a risk acceptance that still holds. */
  boolean unresolved(LocalDate today) {
    FindingStatus effective = effectiveStatus(today);
    return effective == FindingStatus.OPEN || effective == FindingStatus.REMEDIATION_SUBMITTED;
  }

  String subject() {
    return model + ":" + version;
  }
}
