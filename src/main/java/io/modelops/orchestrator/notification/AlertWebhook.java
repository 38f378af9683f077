package io.modelops.orchestrator.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .findAndAddModules()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private final String purpose;
  private final URI url;
  private final String secret;
  private final Duration timeout;
  private final HttpClient http;

  public AlertWebhook(URI url, String secret, Duration timeout) {
    this("Alert webhook", url, secret, timeout);
  }

  /**
   * A signed poster for another purpose (e.g. "Training pipeline"), named so in its errors.
   */
  public AlertWebhook(String purpose, URI url, String secret, Duration timeout) {
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

  /** Sends one event; the same key and event give the same body and signature. */
  public void send(String idempotencyKey, Map<String, ?> event) {
    byte[] body;
    try {
      body = CANONICAL.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the event for " + purpose, e);
    }
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
          purpose + " " + url + " answered HTTP " + response.statusCode() + " for " + idempotencyKey);
    }
  }
}
