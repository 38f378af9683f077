package io.modelops.orchestrator.deployment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code WEBHOOK} deployment target: a signed HTTP call to the organisation's own deployment
 * service.
 *
 * @param url where deployment requests are POSTed ({@code MODELOPS_DEPLOYMENT_WEBHOOK_URL});
 *     required as soon as a version uses the webhook target
 * @param secret shared secret of the HMAC-SHA256 signature ({@code MODELOPS_WEBHOOK_SECRET}); when
 *     empty, requests are sent unsigned
 * @param connectTimeout longest wait for the connection
 * @param readTimeout longest wait for the response
 */
@ConfigurationProperties("modelops.deployment.webhook")
public record WebhookProperties(
    String url,
    String secret,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout) {

  @Override
  public String toString() {
    return "WebhookProperties[url="
        + url
        + ", secret="
        + (secret == null || secret.isEmpty() ? "" : "******")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }
}
