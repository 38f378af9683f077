package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.integrity.SignedJsonPost;
import java.net.URI;
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

  private final RetrainingProperties properties;
  private final SignedJsonPost post;

  TrainingPipelineClient(RetrainingProperties properties) {
    this.properties = properties;
    this.post =
        configured()
            ? new SignedJsonPost(
                "Training pipeline",
                URI.create(properties.pipelineUrl()),
                properties.pipelineSecret(),
                properties.pipelineTimeout())
            : null;
  }

  /** Whether a pipeline is configured. */
  boolean configured() {
    return properties.pipelineUrl() != null && !properties.pipelineUrl().isBlank();
  }

  /** Sends one training request; the same key and request give the same body and signature. */
  void request(String idempotencyKey, Map<String, ?> request) {
    if (post == null) {
      throw new IllegalStateException(
          "No training pipeline is configured (modelops.retraining.pipeline-url)");
    }
    post.send(idempotencyKey, request);
  }
}
