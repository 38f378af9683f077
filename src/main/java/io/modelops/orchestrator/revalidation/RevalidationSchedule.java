package io.modelops.orchestrator.revalidation;

import java.time.OffsetDateTime;
import java.time.Period;
import java.util.UUID;

/**
 * A version's revalidation and attestation schedule, frozen when it first reached production (DMN
 * {@code revalidation-interval} on its effective tier). The due dates move only when a revalidation
 * or an attestation is recorded.
 *
 * @param attestationInterval null when the tier needs no owner attestation
 * @param revalidationOpenedAt when the current revalidation review opened; null when none is open
 * @param lastOutcome CONFIRM or REQUIRE_CHANGES of the last revalidation, null before the first
 */
public record RevalidationSchedule(
    UUID modelVersionId,
    String riskTier,
    String revalidationInterval,
    String attestationInterval,
    String recheckInterval,
    String reminderAfter,
    String escalationAfter,
    String decisionDefinitionId,
    OffsetDateTime productionSince,
    OffsetDateTime revalidationDueAt,
    OffsetDateTime attestationDueAt,
    OffsetDateTime revalidationOpenedAt,
    OffsetDateTime evaluationRequestedAt,
    OffsetDateTime lastRevalidatedAt,
    String lastOutcome,
    OffsetDateTime lastAttestedAt,
    Boolean lastAttestationOk,
    OffsetDateTime frozenAt) {

  /** Whether the revalidation is past its due date at {@code now}. */
  public boolean revalidationOverdue(OffsetDateTime now) {
    return revalidationDueAt != null && revalidationDueAt.isBefore(now);
  }

  /** Whether the owner attestation is past its due date at {@code now}. */
  public boolean attestationOverdue(OffsetDateTime now) {
    return attestationDueAt != null && attestationDueAt.isBefore(now);
  }

  /** Adds an ISO 8601 period of the schedule ({@code P1Y}, {@code P3M}, {@code P30D}) to a time. */
  static OffsetDateTime after(OffsetDateTime from, String period) {
    return from.plus(Period.parse(period));
  }
}
