package io.modelops.orchestrator.evaluation.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.process.ModelEvaluation;
import io.modelops.orchestrator.worker.CommandWorker;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The reference evaluation worker, embedded when {@code modelops.evaluation.worker.enabled=true}:
 * an external task client of topic {@code model-evaluation}, as a user of the group
 * model-evaluators, that reads evaluation requests from and posts results to this application's API
 * (or the one at {@code base-url} without {@code /engine-rest}).
 */
@Component
@ConditionalOnProperty(name = "modelops.evaluation.worker.enabled", havingValue = "true")
class EvaluationWorker extends CommandWorker {

  private final EvaluationWorkerProperties properties;
  private final ObjectMapper json;

  EvaluationWorker(EvaluationWorkerProperties properties, ObjectMapper json) {
    super(
        properties,
        "evaluation",
        ModelEvaluation.TOPIC_EVALUATION,
        ModelEvaluation.MODEL_NAME.name());
    if (properties.username() == null || properties.username().isBlank()) {
      throw new IllegalStateException(
          "modelops.evaluation.worker.username (a user of the group model-evaluators) is required"
              + " when the evaluation worker is enabled");
    }
    this.properties = properties;
    this.json = json;
  }

  @Override
  protected ExternalTaskHandler handler(String baseUrl) {
    return new EvaluationTaskHandler(
        properties,
        new EvaluationApi(baseUrl, properties.username(), properties.password(), json),
        json);
  }
}
