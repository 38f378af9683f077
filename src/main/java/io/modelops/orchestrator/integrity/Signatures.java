package io.modelops.orchestrator.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signature of outbound requests: deployment requests, alert events and training
 * requests.
 */
public final class Signatures {

  /** Header carrying {@code sha256=<lowercase hex HMAC-SHA256 of the body>}. */
  public static final String HEADER = "X-ModelOps-Signature";

  /** {@code sha256=<hex>} of the body with the secret, or null without a secret. */
  public static String sign(String secret, byte[] body) {
    if (secret == null || secret.isEmpty()) {
      return null;
    }
    return "sha256=" + hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8), body);
  }

  public static String hmacSha256Hex(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private Signatures() {}
}
