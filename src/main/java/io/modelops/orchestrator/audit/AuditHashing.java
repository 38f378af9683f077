package io.modelops.orchestrator.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash chain of the audit log. The canonical form of an event is one line per field, in a fixed
 * order, with the time in UTC at millisecond precision, so that anyone can recompute it.
 */
public final class AuditHashing {

  public static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

  /** SHA-256 (hex) of the previous hash and the canonical form of the event's content. */
  public static String hash(
      String previousHash,
      long seq,
      OffsetDateTime occurredAt,
      String actor,
      String action,
      String model,
      String version,
      String processInstanceId,
      String details) {
    String canonical =
        String.join(
            "\n",
            previousHash,
            Long.toString(seq),
            TIME.format(occurredAt.withOffsetSameInstant(ZoneOffset.UTC)),
            field(actor),
            field(action),
            field(model),
            field(version),
            field(processInstanceId),
            field(details));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hash(AuditEvent e) {
    return hash(
        e.previousHash(),
        e.seq(),
        e.occurredAt(),
        e.actor(),
        e.action(),
        e.model(),
        e.version(),
        e.processInstanceId(),
        e.details());
  }

  /** Null and empty differ; line breaks in values cannot fake field boundaries. */
  private static String field(String value) {
    return value == null ? "\u0000" : value.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private AuditHashing() {}
}
