package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** Fingerprints of the evidence a decision was made on. */
final class Evidence {

  /**
   * SHA-256 over the version's identity, its registered content and the validation summary the
   * reviewer saw: if any of them changes, so does the hash.
   */
  static String hash(ModelVersion version, String validationSummary) {
    return sha256(
        version.id()
            + "\n"
            + version.registrationHash()
            + "\n"
            + (validationSummary == null ? "" : validationSummary));
  }

  /**
   * SHA-256 of what a later decision (the production release, a canary decision, a triage) was made
   * on: the evidence of {@link #hash(ModelVersion, String)} and every earlier decision on the
   * version from the decision records (step, decision, who, and the hash of the evidence it was
   * made on), so the release is bound to the reviews it relied on.
   */
  static String hash(ModelVersion version, String validationSummary, List<Approval> earlier) {
    StringBuilder evidence = new StringBuilder(hash(version, validationSummary));
    earlier.stream()
        .sorted(Comparator.comparing(Approval::decidedAt).thenComparing(a -> a.id().toString()))
        .forEach(
            a ->
                evidence
                    .append('\n')
                    .append(a.step())
                    .append('|')
                    .append(a.decision())
                    .append('|')
                    .append(a.decidedBy())
                    .append('|')
                    .append(a.evidenceHash() == null ? "" : a.evidenceHash()));
    return sha256(evidence.toString());
  }

  private static String sha256(String evidence) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(evidence.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Evidence() {}
}
