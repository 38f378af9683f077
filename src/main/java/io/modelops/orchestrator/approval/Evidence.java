package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fingerprints of the evidence a decision was made on. */
final class Evidence {

  /**
   * SHA-256 over the version's identity, its registered content and the validation summary the
   * reviewer saw: if any of them changes, so does the hash.
   */
  static String hash(ModelVersion version, String validationSummary) {
    String evidence =
        version.id()
            + "\n"
            + version.registrationHash()
            + "\n"
            + (validationSummary == null ? "" : validationSummary);
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
