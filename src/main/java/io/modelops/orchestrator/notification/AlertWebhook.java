package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.integrity.CanonicalJson;
import io.modelops.orchestrator.integrity.Signatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Posts alert events to the organisation's alerting endpoint (e.g. an incident tool), signed with
 * HMAC-SHA256 like the deployment webhook, with an {@code Idempotency-Key} so a retried job is
 * recognisable. A non-2xx answer throws, so the job retries and ends as an incident.
 */
public class AlertWebhook {

  private static final String PURPOSE = "Alert webhook";

  private final URI url;
  private final String secret;
  private final Duration timeout;
  private final HttpClient http;

  public AlertWebhook(URI url, String secret, Duration timeout) {
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

  /** Sends one event; the same key and event give the same body and signature. */
  public void send(String idempotencyKey, Map<String, ?> event) {
    byte[] body = CanonicalJson.bytes(event);
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
      throw new IllegalStateException(PURPOSE + " " + url + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while posting to " + PURPOSE, e);
    }
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw new IllegalStateException(
          PURPOSE
              + " "
              + url
              + " answered HTTP "
              + response.statusCode()
              + " for "
              + idempotencyKey);
    }
  }
}
