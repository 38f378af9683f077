package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.integrity.SignedJsonPost;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Posts alert events to the organisation's alerting endpoint (e.g. an incident tool), signed with
 * HMAC-SHA256 like the deployment webhook, with an {@code Idempotency-Key} so a retried job is
 * recognisable. A non-2xx answer throws, so the job retries and ends as an incident.
 */
public class AlertWebhook {

  private final SignedJsonPost post;

  public AlertWebhook(URI url, String secret, Duration timeout) {
    this.post = new SignedJsonPost("Alert webhook", url, secret, timeout);
  }

  /** Sends one event; the same key and event give the same body and signature. */
  public void send(String idempotencyKey, Map<String, ?> event) {
    post.send(idempotencyKey, event);
  }
}
