package io.modelops.orchestrator.integrity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One outgoing POST of canonical JSON, signed with HMAC-SHA256 of the body ({@link
 * Signatures#HEADER}, only when a secret is set) and carrying an {@code Idempotency-Key}, so that
 * the receiver recognises a retried job: the same key and content give the same bytes and
 * signature. No redirects are followed; connect and read time out after the given duration. A
 * non-2xx answer, an I/O error or a timeout throws, so the job retries and ends as an incident.
 */
public final class SignedJsonPost {

  private final String purpose;
  private final URI url;
  private final String secret;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param purpose what the receiver is, for error messages ("Alert webhook")
   * @param secret the HMAC secret, or {@code null} or blank to send unsigned
   */
  public SignedJsonPost(String purpose, URI url, String secret, Duration timeout) {
    this.purpose = purpose;
    this.url = url;
    this.secret = secret;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Posts the content as canonical JSON; throws unless the receiver answers 2xx. */
  public void send(String idempotencyKey, Map<String, ?> content) {
    byte[] body = CanonicalJson.bytes(content);
    HttpRequest.Builder post =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    String signature = Signatures.sign(secret, body);
    if (signature != null) {
      post.header(Signatures.HEADER, signature);
    }
    HttpResponse<Void> response;
    try {
      response = http.send(post.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalStateException(purpose + " " + url + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while posting to " + purpose, e);
    }
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw new IllegalStateException(
          purpose
              + " "
              + url
              + " answered HTTP "
              + response.statusCode()
              + " for "
              + idempotencyKey);
    }
  }
}
