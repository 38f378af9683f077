package io.modelops.orchestrator.retraining.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.process.ModelRetraining;
import io.modelops.orchestrator.worker.CommandWorker;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The reference training worker, embedded when {@code modelops.training.worker.enabled=true}: an
 * external task client of topic {@code model-training} that works against this application's engine
 * REST API (or the one at {@code base-url}), exactly as a worker in another process or language
 * would.
 */
@Component
@ConditionalOnProperty(name = "modelops.training.worker.enabled", havingValue = "true")
class TrainingWorker extends CommandWorker {

  private final TrainingWorkerProperties properties;
  private final ObjectMapper json;

  public TrainingWorker(TrainingWorkerProperties properties, ObjectMapper json) {
    super(
        properties, "training", ModelRetraining.TOPIC_TRAINING, ModelRetraining.MODEL_NAME.name());
    if (properties.username() == null || properties.username().isBlank()) {
      throw new IllegalStateException(
          "modelops.training.worker.username (a user of the group ci-pipelines) is required when"
              + " the training worker is enabled");
    }
    this.properties = properties;
    this.json = json;
  }

  @Override
  protected ExternalTaskHandler handler(String baseUrl) {
    return new TrainingTaskHandler(properties, json);
  }
}
