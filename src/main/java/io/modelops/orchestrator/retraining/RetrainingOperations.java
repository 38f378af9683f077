package io.modelops.orchestrator.retraining;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelRetraining;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.ResourceNotFoundException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The retraining operations of the REST API. */
@Service
class RetrainingOperations {

  private final CatalogRepository catalog;
  private final RetrainingRepository repository;
  private final RetrainingRequests requests;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final AuditLog audit;
  private final ObjectMapper json;

  public RetrainingOperations(
      CatalogRepository catalog,
      RetrainingRepository repository,
      RetrainingRequests requests,
      RuntimeService runtimeService,
      IdentityService identityService,
      AuditLog audit,
      ObjectMapper json) {
    this.catalog = catalog;
    this.repository = repository;
    this.requests = requests;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.audit = audit;
    this.json = json;
  }

  /** Retrains the model's production version, or joins the retraining that runs. */
  @Transactional
  public RetrainingView retrain(
      String modelName, RetrainRequest request, String user, String idempotencyKey) {
    UUID modelId = catalog.requireModelId(modelName);
    ModelVersion champion =
        catalog
            .findChampion(modelId, new UUID(0, 0))
            .orElseThrow(
                () ->
                    new ConflictException(
                        "Model "
                            + modelName
                            + " has no version in production; retraining starts from the"
                            + " production version"));
    String dedupKey =
        idempotencyKey == null
            ? "manual:" + UUID.randomUUID()
            : "manual:" + modelName + ":" + user + ":" + idempotencyKey;
    RetrainingRequests.Request result =
        requests.request(
            champion, Trigger.MANUAL, request.reason(), user, dedupKey, request.trainingDataRef());
    return view(result.id(), result.outcome());
  }

  public RetrainingView view(UUID id) {
    return view(id, null);
  }

  public List<RetrainingView> ofModel(String modelName, int page, int size) {
    catalog.requireModelId(modelName);
    return repository.findByModel(modelName, page * size, size).stream()
        .map(r -> RetrainingView.of(r, repository.triggers(r.id()), null))
        .toList();
  }

  /** A pipeline's result: moves the retraining waiting for it on. */
  @Transactional
  public RetrainingView report(UUID id, TrainingReport report, String user) {
    Retraining run = requireRun(id);
    boolean waiting =
        run.processInstanceId() != null
            && runtimeService
                    .createExecutionQuery()
                    .processInstanceId(run.processInstanceId())
                    .messageEventSubscriptionName(ModelRetraining.MESSAGE_RESULT_REPORTED)
                    .count()
                > 0;
    if (!waiting) {
      throw new ConflictException(
          "Retraining "
              + id
              + " is not waiting for a pipeline result (status "
              + run.status()
              + "); results are accepted once, for retrainings of PIPELINE-trained models");
    }
    boolean succeeded = report.status() == TrainingReport.Status.SUCCEEDED;
    Map<String, Object> variables = new HashMap<>();
    ModelRetraining.TRAINING_SUCCEEDED.putInto(variables, succeeded);
    if (succeeded) {
      variables.put(
          ModelRetraining.TRAINING_RESULT, SpinValues.jsonValue(write(report.result())).create());
    } else {
      ModelRetraining.TRAINING_FAILURE.putInto(
          variables,
          "The training pipeline reported no better model"
              + (report.message() == null ? "." : ": " + report.message()));
    }
    // The pipeline reports here, not through the engine: only the orchestrator correlates a
    // retraining's result (TrainingSupplyCheck refuses it to users); the caller is the supplier.
    EngineInternals.asSystem(
        identityService,
        () ->
            runtimeService
                .createMessageCorrelation(ModelRetraining.MESSAGE_RESULT_REPORTED)
                .processInstanceId(run.processInstanceId())
                .setVariables(variables)
                .correlate());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("retrainingRequestId", id.toString());
    details.put("status", report.status().name());
    details.put("message", report.message());
    details.put("via", TrainingSuppliers.VIA_PIPELINE);
    audit.record(
        TrainingSuppliers.ACTION,
        user,
        run.modelName(),
        run.championVersion(),
        run.processInstanceId(),
        details);
    return view(id, null);
  }

  private Retraining requireRun(UUID id) {
    return repository
        .find(id)
        .orElseThrow(() -> new ResourceNotFoundException("Retraining " + id + " not found"));
  }

  private RetrainingView view(UUID id, RetrainingRequests.Outcome outcome) {
    Retraining run = requireRun(id);
    return RetrainingView.of(run, repository.triggers(id), outcome);
  }

  private String write(TrainingResult result) {
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the training result", e);
    }
  }
}
