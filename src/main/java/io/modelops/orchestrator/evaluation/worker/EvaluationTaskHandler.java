package io.modelops.orchestrator.evaluation.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelEvaluation;
import io.modelops.orchestrator.worker.WorkerCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves "Evaluate model version" tasks: reads the evaluation request from the orchestrator, checks
 * a {@code file:} dataset's SHA-256, runs the model's allow-listed command once for the candidate
 * and once for the champion (environment {@code MODELOPS_MODEL}, {@code MODELOPS_VERSION}, {@code
 * MODELOPS_ROLE}, {@code MODELOPS_ARTIFACT_URI}, {@code MODELOPS_DATASET_URI}, {@code
 * MODELOPS_DATASET_SHA256}) and posts the metrics each printed on its last line to {@code POST
 * /api/evaluations/{id}/results}, which completes the task. Exit code {@value
 * WorkerCommand#BUSINESS_FAILURE} and a changed dataset are the BPMN error EVALUATION_REJECTED; any
 * other failure is reported with one retry less.
 */
class EvaluationTaskHandler implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(EvaluationTaskHandler.class);

  private final EvaluationWorkerProperties properties;
  private final EvaluationApi api;
  private final ObjectMapper json;

  EvaluationTaskHandler(
      EvaluationWorkerProperties properties, EvaluationApi api, ObjectMapper json) {
    this.properties = properties;
    this.api = api;
    this.json = json;
  }

  /** A business failure: the BPMN error EVALUATION_REJECTED with this reason. */
  static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason);
    }
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    String model = task.getVariable(ModelEvaluation.MODEL_NAME.name());
    String requestId = task.getVariable(ModelEvaluation.REQUEST_ID.name());
    List<String> command = properties.commandFor(model);
    if (command == null || command.isEmpty()) {
      service.handleFailure(
          task,
          "No evaluation command is allow-listed for model " + model,
          "Configure modelops.evaluation.worker.commands." + model + " (or .default), then retry",
          0,
          0);
      return;
    }
    try {
      JsonNode request = api.evaluation(requestId);
      String datasetUri = request.path("datasetUri").asText();
      String datasetSha256 = request.path("datasetSha256").asText();
      checkDataset(datasetUri, datasetSha256);
      ObjectNode results = json.createObjectNode();
      results.put("datasetSha256", datasetSha256);
      results.set(
          "candidate",
          score(task, service, command, model, "candidate", request.path("candidate"), request));
      JsonNode champion = request.path("champion");
      if (champion.isObject()) {
        results.set(
            "champion", score(task, service, command, model, "champion", champion, request));
      }
      api.postResults(requestId, results);
      log.info("Evaluation {} of {} posted", requestId, model);
    } catch (Rejected e) {
      service.handleBpmnError(
          task,
          ModelEvaluation.ERROR_EVALUATION_REJECTED,
          WorkerCommand.abbreviate(e.getMessage()));
    } catch (EvaluationApi.Refused e) {
      // The orchestrator refused the results: retrying the same ones cannot help.
      service.handleFailure(task, WorkerCommand.abbreviate(e.getMessage()), e.detail(), 0, 0);
    } catch (IOException e) {
      fail(task, service, "Evaluation could not run: " + e.getMessage(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(task, service, "Evaluation worker stopped while evaluating", e.toString());
    }
  }

  /** Runs the command for one version; its metrics and rows as the results API expects them. */
  private ObjectNode score(
      ExternalTask task,
      ExternalTaskService service,
      List<String> command,
      String model,
      String role,
      JsonNode version,
      JsonNode request)
      throws IOException, InterruptedException, Rejected {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MODELOPS_MODEL", model);
    env.put("MODELOPS_VERSION", version.path("version").asText());
    env.put("MODELOPS_ROLE", role);
    env.put("MODELOPS_ARTIFACT_URI", version.path("artifactUri").asText());
    env.put("MODELOPS_DATASET_URI", request.path("datasetUri").asText());
    env.put("MODELOPS_DATASET_SHA256", request.path("datasetSha256").asText());
    log.info("Evaluating {} {} ({}) with {}", model, env.get("MODELOPS_VERSION"), role, command);
    WorkerCommand.Outcome outcome =
        WorkerCommand.run(
            command,
            env,
            properties.directory(),
            properties.commandTimeout(),
            properties.lockDuration().dividedBy(2),
            () -> service.extendLock(task, properties.lockDuration().toMillis()));
    if (outcome.timedOut()) {
      throw new IOException("Evaluation command timed out after " + properties.commandTimeout());
    }
    if (outcome.exitCode() == WorkerCommand.BUSINESS_FAILURE) {
      throw new Rejected(outcome.reason());
    }
    if (outcome.exitCode() != 0) {
      throw new IOException(
          "Evaluation command failed (exit code " + outcome.exitCode() + "): " + outcome.reason());
    }
    return result(outcome.lastLine(), version.path("version").asText());
  }

  /** {@code {"metrics":{...},"rows":n}} from the command, as a result for the API. */
  ObjectNode result(String lastLine, String version) throws IOException {
    JsonNode parsed;
    try {
      parsed = json.readTree(lastLine);
    } catch (IOException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.path("metrics").isObject()) {
      throw new IOException(
          "Evaluation command printed no JSON result with metrics on its last line: "
              + WorkerCommand.abbreviate(lastLine));
    }
    ObjectNode result = json.createObjectNode();
    result.put("version", version);
    result.set("metrics", parsed.get("metrics"));
    if (parsed.path("rows").canConvertToLong()) {
      result.put("rows", parsed.get("rows").asLong());
    }
    return result;
  }

  /** A {@code file:} dataset must still have the registered SHA-256; others the command checks. */
  static void checkDataset(String uri, String sha256) throws IOException, Rejected {
    if (!uri.startsWith("file:")) {
      return;
    }
    Path file = Path.of(URI.create(uri));
    String actual = sha256(file);
    if (!actual.equals(sha256)) {
      throw new Rejected(
          "evaluation dataset changed: "
              + uri
              + " has SHA-256 "
              + actual
              + ", registered "
              + sha256);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private void fail(
      ExternalTask task, ExternalTaskService service, String message, String details) {
    WorkerCommand.reportFailure(task, service, properties, message, details);
  }
}
