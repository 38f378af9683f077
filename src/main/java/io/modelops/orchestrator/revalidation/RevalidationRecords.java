package io.modelops.orchestrator.revalidation;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The append-only records of revalidation decisions and owner attestations. */
public final class RevalidationRecords {

  /** One revalidation decision. */
  public record Review(
      UUID id,
      UUID modelVersionId,
      String taskId,
      String outcome,
      String decidedBy,
      OffsetDateTime decidedAt,
      String comment,
      OffsetDateTime nextDueAt) {}

  /** One owner attestation. */
  public record Attestation(
      UUID id,
      UUID modelVersionId,
      String taskId,
      boolean stillUsedAsIntended,
      String attestedBy,
      OffsetDateTime attestedAt,
      String comment,
      OffsetDateTime nextDueAt) {}

  private RevalidationRecords() {}
}
