package io.modelops.orchestrator.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import io.modelops.orchestrator.integrity.Signatures;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands deployments to the organisation's own deployment service: every request is POSTed as JSON
 * to {@code modelops.deployment.webhook.url}, signed with HMAC-SHA256.
 *
 * <p>The contract:
 *
 * <ul>
 *   <li>Body: the fields of {@link DeploymentRequest} and {@code idempotencyKey}, always serialised
 *       the same way, so a retried request has the same body and signature.
 *   <li>Headers: {@code Idempotency-Key} and {@code X-ModelOps-Signature: sha256=<hex>}, the
 *       lowercase hex HMAC-SHA256 of the body bytes with the shared secret.
 *   <li>Any 2xx answer means done. The reference of the deployment is taken from the {@code
 *       X-Deployment-Id} header, else from a {@code deploymentId} field of a JSON body, else it is
 *       the idempotency key. A receiver that had already handled the key answers {@code 200} with
 *       {@code Idempotent-Replayed: true}.
 *   <li>Anything else (other status, timeout, connection error) fails the job, which retries and
 *       ends as an incident.
 * </ul>
 */
@Component
class WebhookTarget implements DeploymentTarget {

  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  public static final String SIGNATURE_HEADER = Signatures.HEADER;
  public static final String DEPLOYMENT_ID_HEADER = "X-Deployment-Id";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private static final Logger log = LoggerFactory.getLogger(WebhookTarget.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT_LENGTH = 200;

  private final WebhookProperties properties;
  private final HttpClient http;
  private final AtomicBoolean unsignedWarningLogged = new AtomicBoolean();

  public WebhookTarget(WebhookProperties properties) {
    this.properties = properties;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public DeploymentTargetKind kind() {
    return DeploymentTargetKind.WEBHOOK;
  }

  @Override
  public DeploymentResult apply(DeploymentRequest request) {
    URI url = url();
    byte[] body = body(request);
    HttpRequest.Builder post =
        HttpRequest.newBuilder(url)
            .timeout(properties.readTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(IDEMPOTENCY_KEY_HEADER, request.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    String signature = signature(body);
    if (signature != null) {
      post.header(SIGNATURE_HEADER, signature);
    }

    HttpResponse<String> response = send(post.build(), url);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new DeploymentFailedException(
          "Webhook POST "
              + display(url)
              + " answered HTTP "
              + status
              + " for "
              + request.idempotencyKey()
              + excerpt(response.body()));
    }
    boolean replayed =
        status == 200
            && response
                .headers()
                .firstValue(REPLAYED_HEADER)
                .map(v -> v.trim().equalsIgnoreCase("true"))
                .orElse(false);
    String reference = reference(response, request);
    String message =
        (replayed ? "Already deployed by " : "Deployed by ")
            + display(url)
            + " (HTTP "
            + status
            + "): "
            + request.idempotencyKey();
    log.info("{}; reference {}", message, reference);
    return new DeploymentResult(reference, !replayed, message);
  }

  /** The receiver answered synchronously, so what it accepted is considered serving. */
  @Override
  public DeploymentStatus status(DeploymentRequest request) {
    return DeploymentStatus.READY;
  }

  /** The JSON body for {@code request}: the same request always gives the same bytes. */
  static byte[] body(DeploymentRequest request) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("idempotencyKey", request.idempotencyKey());
    fields.put("modelName", request.modelName());
    fields.put("version", request.version());
    fields.put("versionId", request.versionId() == null ? null : request.versionId().toString());
    fields.put("modelType", request.modelType() == null ? null : request.modelType().name());
    fields.put("framework", request.framework());
    fields.put("artifactUri", request.artifactUri());
    fields.put("stage", request.stage().name());
    fields.put("action", request.action().name());
    fields.put("trafficPercent", request.trafficPercent());
    fields.put("previousVersion", request.previousVersion());
    fields.put("previousArtifactUri", request.previousArtifactUri());
    try {
      return JSON.writeValueAsBytes(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise deployment request", e);
    }
  }

  /** {@code sha256=<lowercase hex HMAC-SHA256 of body>}, or null without a secret. */
  String signature(byte[] body) {
    String secret = properties.secret();
    if (secret == null || secret.isEmpty()) {
      if (unsignedWarningLogged.compareAndSet(false, true)) {
        log.warn(
            "MODELOPS_WEBHOOK_SECRET is not set: deployment webhooks are sent without the {}"
                + " header, so the receiver cannot verify that they come from this orchestrator",
            SIGNATURE_HEADER);
      }
      return null;
    }
    return Signatures.sign(secret, body);
  }

  private URI url() {
    String url = properties.url();
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "The webhook deployment target has no URL: set MODELOPS_DEPLOYMENT_WEBHOOK_URL"
              + " (modelops.deployment.webhook.url) to the endpoint of your deployment service");
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalStateException(
            "MODELOPS_DEPLOYMENT_WEBHOOK_URL must be an absolute http or https URL: " + url);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "MODELOPS_DEPLOYMENT_WEBHOOK_URL is not a valid URL: " + e.getMessage(), e);
    }
  }

  private HttpResponse<String> send(HttpRequest request, URI url) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new DeploymentFailedException(
          "Webhook POST " + display(url) + " timed out: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DeploymentFailedException(
          "Webhook POST " + display(url) + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeploymentFailedException("Webhook POST " + display(url) + " was interrupted", e);
    }
  }

  private static String reference(HttpResponse<String> response, DeploymentRequest request) {
    String header = response.headers().firstValue(DEPLOYMENT_ID_HEADER).orElse("").trim();
    if (!header.isEmpty()) {
      return header;
    }
    String body = response.body();
    if (body != null && body.trim().startsWith("{")) {
      try {
        JsonNode id = JSON.readTree(body).get("deploymentId");
        if (id != null && id.isValueNode() && !id.asText().isBlank()) {
          return id.asText().trim();
        }
      } catch (JsonProcessingException e) {
        log.debug("Webhook response is not JSON: {}", e.getMessage());
      }
    }
    return request.idempotencyKey();
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return ": "
        + (flat.length() > EXCERPT_LENGTH ? flat.substring(0, EXCERPT_LENGTH) + "..." : flat);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if ((message == null || message.isBlank()) && cause != null) {
      message = cause.getMessage();
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The URL without user info and query, which may carry credentials. */
  static String display(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
