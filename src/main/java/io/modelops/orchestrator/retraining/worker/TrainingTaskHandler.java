package io.modelops.orchestrator.retraining.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.process.ModelRetraining;
import io.modelops.orchestrator.worker.WorkerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.camunda.bpm.client.variable.ClientValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves "Train model" tasks: runs the model's allow-listed command with the task's variables as
 * environment variables, and reports its last line of output as the training result. Exit code 0
 * completes the task, {@value WorkerCommand#BUSINESS_FAILURE} is the BPMN error TRAINING_REJECTED
 * (no better model), anything else a failure with one retry less.
 */
class TrainingTaskHandler implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(TrainingTaskHandler.class);

  private final TrainingWorkerProperties properties;
  private final ObjectMapper json;

  public TrainingTaskHandler(TrainingWorkerProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    String model = task.getVariable(ModelRetraining.MODEL_NAME.name());
    List<String> command = properties.commandFor(model);
    if (command == null || command.isEmpty()) {
      // Nothing to retry: the configuration must change first.
      service.handleFailure(
          task,
          "No training command is allow-listed for model " + model,
          "Configure modelops.training.worker.commands." + model + " (or .default), then retry",
          0,
          0);
      return;
    }
    try {
      Path output =
          Files.createDirectories(
              Path.of(properties.outputDirectory()).resolve("run-" + task.getId()));
      log.info(
          "Training {} (retraining {}) with {}",
          model,
          task.getVariable(ModelRetraining.REQUEST_ID.name()),
          command);
      WorkerCommand.Outcome outcome =
          WorkerCommand.run(
              command,
              environment(task, output),
              properties.directory(),
              properties.commandTimeout(),
              properties.lockDuration().dividedBy(2),
              () -> service.extendLock(task, properties.lockDuration().toMillis()));
      report(task, service, outcome);
    } catch (IOException e) {
      fail(task, service, "Training command could not run: " + e.getMessage(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(task, service, "Training worker stopped while training", e.toString());
    }
  }

  private void report(
      ExternalTask task, ExternalTaskService service, WorkerCommand.Outcome outcome) {
    if (outcome.timedOut()) {
      fail(
          task,
          service,
          "Training command timed out after " + properties.commandTimeout(),
          outcome.stderr());
      return;
    }
    if (outcome.exitCode() == WorkerCommand.BUSINESS_FAILURE) {
      service.handleBpmnError(
          task,
          ModelRetraining.ERROR_TRAINING_REJECTED,
          "The trainer produced no better model: " + outcome.reason());
      return;
    }
    if (outcome.exitCode() != 0) {
      fail(
          task,
          service,
          "Training command failed (exit code " + outcome.exitCode() + "): " + outcome.reason(),
          outcome.stderr());
      return;
    }
    String result = outcome.lastLine();
    JsonNode parsed;
    try {
      parsed = json.readTree(result);
    } catch (IOException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      fail(
          task,
          service,
          "Training command printed no JSON result on its last line",
          "Last line: " + WorkerCommand.abbreviate(result) + "\n" + outcome.stderr());
      return;
    }
    service.complete(task, Map.of(ModelRetraining.TRAINING_RESULT, ClientValues.jsonValue(result)));
  }

  private void fail(
      ExternalTask task, ExternalTaskService service, String message, String details) {
    WorkerCommand.reportFailure(task, service, properties, message, details);
  }

  private static Map<String, String> environment(ExternalTask task, Path output) {
    Map<String, String> env = new LinkedHashMap<>();
    put(env, "MODELOPS_MODEL", task.getVariable(ModelRetraining.MODEL_NAME.name()));
    put(
        env,
        "MODELOPS_CHAMPION_VERSION",
        task.getVariable(ModelRetraining.CHAMPION_VERSION.name()));
    put(
        env,
        "MODELOPS_CANDIDATE_VERSION",
        task.getVariable(ModelRetraining.CANDIDATE_VERSION.name()));
    put(
        env,
        "MODELOPS_TRAINING_DATA_REF",
        task.getVariable(ModelRetraining.TRAINING_DATA_REF.name()));
    put(env, "MODELOPS_REASON", task.getVariable(ModelRetraining.REASON.name()));
    put(env, "MODELOPS_TRIGGER", task.getVariable(ModelRetraining.TRIGGER.name()));
    String requestId = task.getVariable(ModelRetraining.REQUEST_ID.name());
    put(env, "MODELOPS_RETRAINING_ID", requestId);
    put(env, "MODELOPS_RUN_ID", requestId == null ? null : "retraining-" + requestId);
    env.put("MODELOPS_OUTPUT_DIR", output.toAbsolutePath().toString());
    return env;
  }

  private static void put(Map<String, String> env, String name, Object value) {
    if (value != null) {
      env.put(name, value.toString());
    }
  }
}
