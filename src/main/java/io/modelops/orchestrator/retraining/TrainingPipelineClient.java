package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.integrity.CanonicalJson;
import io.modelops.orchestrator.integrity.Signatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Asks the training pipeline ({@code modelops.retraining.pipeline-url}) to train a candidate: a
 * POST of the request as canonical JSON, signed with HMAC-SHA256 of the body ({@code
 * modelops.retraining.pipeline-secret}, header {@code X-ModelOps-Signature}), with an {@code
 * Idempotency-Key} so that the pipeline recognises a retried job. Connect and read time out after
 * {@code modelops.retraining.pipeline-timeout}. A non-2xx answer throws, so the job retries and
 * ends as an incident.
 */
@Component
class TrainingPipelineClient {

  private static final String PURPOSE = "Training pipeline";

  private final RetrainingProperties properties;
  private final HttpClient http;

  TrainingPipelineClient(RetrainingProperties properties) {
    this.properties = properties;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.pipelineTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Whether a pipeline is configured. */
  boolean configured() {
    return properties.pipelineUrl() != null && !properties.pipelineUrl().isBlank();
  }

  /** Sends one training request; the same key and request give the same body and signature. */
  void request(String idempotencyKey, Map<String, ?> request) {
    URI url = URI.create(properties.pipelineUrl());
    byte[] body = CanonicalJson.bytes(request);
    HttpRequest.Builder post =
        HttpRequest.newBuilder(url)
            .timeout(properties.pipelineTimeout())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    String signature = Signatures.sign(properties.pipelineSecret(), body);
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
