package io.modelops.orchestrator.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/**
 * One entry of the audit log.
 *
 * @param details JSON object with the facts of the event
 * @param previousHash hash of the entry before it (64 zeros for the first)
 * @param hash SHA-256 over {@code previousHash} and the canonical form of this entry
 */
public record AuditEvent(
    long seq,
    OffsetDateTime occurredAt,
    String actor,
    String action,
    String model,
    String version,
    String processInstanceId,
    @JsonRawValue String details,
    String previousHash,
    String hash) {}
