package io.modelops.orchestrator.revalidation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A production version's periodic revalidation and owner attestations, as the API and the report
 * show them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Periodic revalidation and owner attestations of a version in production")
public record RevalidationView(
    @Schema(description = "Revalidation interval of the effective tier (ISO 8601 period)")
        String interval,
    @Schema(description = "When the next revalidation is due") OffsetDateTime dueAt,
    @Schema(description = "When the last revalidation was decided; absent before the first")
        OffsetDateTime lastCompletedAt,
    @Schema(description = "CONFIRM or REQUIRE_CHANGES; absent before the first") String lastOutcome,
    @Schema(description = "Past its due date while in production") boolean overdue,
    @Schema(description = "Since when a revalidation review is open; absent when none is")
        OffsetDateTime openSince,
    @Schema(description = "When the independent evaluation of the open or last round was requested")
        OffsetDateTime evaluationRequestedAt,
    @Schema(description = "Owner attestations; absent when the tier needs none")
        AttestationStatus attestation,
    List<RevalidationDecision> decisions) {

  /** The owner attestation schedule and its records. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AttestationStatus(
      String interval,
      OffsetDateTime dueAt,
      OffsetDateTime lastAttestedAt,
      Boolean lastStillUsedAsIntended,
      boolean overdue,
      List<AttestationRecord> attestations) {}

  /** One revalidation decision. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RevalidationDecision(
      String outcome,
      String decidedBy,
      OffsetDateTime decidedAt,
      String comment,
      OffsetDateTime nextDueAt) {}

  /** One owner attestation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AttestationRecord(
      boolean stillUsedAsIntended,
      String attestedBy,
      OffsetDateTime attestedAt,
      String comment,
      OffsetDateTime nextDueAt) {}
}
