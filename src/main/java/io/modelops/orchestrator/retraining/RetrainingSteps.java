package io.modelops.orchestrator.retraining;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.RegistrationRequest;
import io.modelops.orchestrator.catalog.RegistrationService;
import io.modelops.orchestrator.monitoring.MonitoringRepository;
import io.modelops.orchestrator.notification.OwnerNotifications;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.process.ModelRetraining;
import io.modelops.orchestrator.web.ConflictException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The steps of {@code model-retraining}, called from the BPMN by expression. */
@Component("retrainingSteps")
public class RetrainingSteps {

  private final CatalogRepository catalog;
  private final RetrainingRepository repository;
  private final RegistrationService registration;
  private final MonitoringRepository monitoring;
  private final OwnerNotifications notifications;
  private final RetrainingProperties properties;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final Validator validator;
  private final io.modelops.orchestrator.catalog.RiskTierRepository riskTiers;
  private final Clock clock;
  private final TrainingSuppliers suppliers;
  private final TrainingPipelineClient pipeline;

  public RetrainingSteps(
      CatalogRepository catalog,
      RetrainingRepository repository,
      RegistrationService registration,
      MonitoringRepository monitoring,
      OwnerNotifications notifications,
      RetrainingProperties properties,
      AuditLog audit,
      ObjectMapper json,
      Validator validator,
      io.modelops.orchestrator.catalog.RiskTierRepository riskTiers,
      Clock clock,
      TrainingSuppliers suppliers,
      TrainingPipelineClient pipeline) {
    this.suppliers = suppliers;
    this.pipeline = pipeline;
    this.riskTiers = riskTiers;
    this.catalog = catalog;
    this.repository = repository;
    this.registration = registration;
    this.monitoring = monitoring;
    this.notifications = notifications;
    this.properties = properties;
    this.audit = audit;
    this.json = json;
    this.validator = validator;
    this.clock = clock;
  }

  /** "Notify owner of retraining request": the owner and ml-ops learn why, once per request. */
  public void notifyOwner(DelegateExecution execution) {
    ModelVersion champion = champion(execution);
    notifications.monitoring(
        champion,
        "retraining-requested:" + ModelRetraining.REQUEST_ID.require(execution),
        "needs retraining (" + ModelRetraining.TRIGGER.get(execution) + ")",
        ModelRetraining.REASON.get(execution)
            + "\nTraining data of the current version: "
            + (champion.trainingDataRef() == null ? "(not recorded)" : champion.trainingDataRef()),
        execution.getProcessInstanceId(),
        List.of(ModelLifecycle.GROUP_OPS));
  }

  /** "Prepare training request": candidate label, trainer and overdue deadline. */
  public void prepare(DelegateExecution execution) {
    ModelVersion champion = champion(execution);
    Set<String> taken =
        catalog.findVersions(champion.modelName()).stream()
            .map(ModelVersion::version)
            .collect(Collectors.toSet());
    ModelRetraining.CANDIDATE_VERSION.set(
        execution, CandidateVersions.next(champion.version(), taken));
    RetrainingSettings settings =
        repository.settings(champion.id()).orElse(new RetrainingSettings(null, null));
    ModelRetraining.TRAINER.set(execution, settings.effectiveTrainer().name());
    ModelRetraining.TRAINING_TIMEOUT.set(execution, properties.trainingTimeout().toString());
  }

  /** "Trigger training pipeline": the signed request with the callback to report the result. */
  public void triggerPipeline(DelegateExecution execution) {
    if (!pipeline.configured()) {
      throw new IllegalStateException(
          "No training pipeline is configured (modelops.retraining.pipeline-url), but model "
              + ModelRetraining.MODEL_NAME.get(execution)
              + " is trained by PIPELINE; configure it and retry the job");
    }
    String id = ModelRetraining.REQUEST_ID.require(execution);
    String base =
        properties.callbackBaseUrl() == null
            ? ""
            : properties.callbackBaseUrl().replaceAll("/+$", "");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "model.retraining.requested");
    event.put("retrainingId", id);
    event.put("model", ModelRetraining.MODEL_NAME.get(execution));
    event.put("championVersion", ModelRetraining.CHAMPION_VERSION.get(execution));
    event.put("candidateVersion", ModelRetraining.CANDIDATE_VERSION.get(execution));
    event.put("trainingDataRef", ModelRetraining.TRAINING_DATA_REF.get(execution));
    event.put("trigger", ModelRetraining.TRIGGER.get(execution));
    event.put("reason", ModelRetraining.REASON.get(execution));
    event.put("callbackUrl", base + "/api/retraining/" + id + "/result");
    pipeline.request("retraining:" + id, event);
  }

  /** "Notify training overdue": the training goes on, people are told. */
  public void notifyOverdue(DelegateExecution execution) {
    ModelVersion champion = champion(execution);
    notifications.monitoring(
        champion,
        "retraining-overdue:" + ModelRetraining.REQUEST_ID.require(execution),
        "retraining overdue",
        "The training of candidate "
            + ModelRetraining.CANDIDATE_VERSION.get(execution)
            + " has not reported a result after "
            + ModelRetraining.TRAINING_TIMEOUT.get(execution)
            + " (trainer: "
            + ModelRetraining.TRAINER.get(execution)
            + "). Check the training worker or pipeline; incidents show in Cockpit.",
        execution.getProcessInstanceId(),
        List.of(ModelLifecycle.GROUP_OPS));
  }

  /**
   * "Register candidate version": the trained model becomes a new version with lineage, whose
   * lifecycle compares it with the champion. An unusable result is the BPMN error
   * CANDIDATE_INVALID.
   */
  public void registerCandidate(DelegateExecution execution) {
    ModelVersion champion = champion(execution);
    UUID requestId = UUID.fromString(ModelRetraining.REQUEST_ID.require(execution));
    Retraining run = repository.find(requestId).orElseThrow();
    TrainingResult result = readResult(execution);
    String label =
        result.version() != null
            ? result.version()
            : ModelRetraining.CANDIDATE_VERSION.require(execution);
    RegistrationRequest request = candidate(champion, run, result, label);
    Set<ConstraintViolation<RegistrationRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw invalid("the candidate registration is invalid: " + describe(violations));
    }
    // Whoever supplied the trained model is on record and counts as its registrant, so that the
    // four-eyes rules exclude them from its decisions as they exclude anyone who registers a
    // version.
    // A person who asked for the retraining stays the registrant (the supplier, a training
    // pipeline, is in the audit details).
    String supplier =
        suppliers
            .supplierOf(execution.getProcessInstanceId())
            .orElseThrow(() -> invalid("who supplied the training result is not on record"));
    String registrant = AuditLog.SYSTEM.equals(run.requestedBy()) ? supplier : run.requestedBy();
    ModelVersion candidate;
    try {
      candidate = registration.register(champion.modelName(), request, registrant).version();
    } catch (ConflictException e) {
      throw invalid(e.getMessage());
    }
    repository.setCandidate(requestId, candidate.version(), candidate.id());
    ModelRetraining.CANDIDATE_VERSION.set(execution, candidate.version());
    ModelRetraining.CANDIDATE_VERSION_ID.set(execution, candidate.id().toString());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("retrainingRequestId", requestId.toString());
    details.put("parentVersion", champion.version());
    details.put("candidateVersion", candidate.version());
    details.put("requestedBy", run.requestedBy());
    details.put("suppliedBy", supplier);
    details.put("registeredBy", candidate.registeredBy());
    details.put("trainingDataRef", request.lineage().trainingDataRef());
    details.put("runId", request.lineage().runId());
    details.put("metrics", result.metrics());
    audit.record(
        "RETRAINING_CANDIDATE_REGISTERED",
        AuditLog.SYSTEM,
        champion.modelName(),
        candidate.version(),
        execution.getProcessInstanceId(),
        details);
  }

  /** "Notify owner: no candidate": why the training produced nothing; the champion stays. */
  public void notifyNoCandidate(DelegateExecution execution) {
    ModelVersion champion = champion(execution);
    notifications.monitoring(
        champion,
        "retraining-no-candidate:" + ModelRetraining.REQUEST_ID.require(execution),
        "retraining produced no candidate",
        failure(execution) + "\nVersion " + champion.version() + " stays in production.",
        execution.getProcessInstanceId(),
        List.of(ModelLifecycle.GROUP_OPS));
  }

  /** End listener: records how the retraining ended. */
  public void finish(DelegateExecution execution, String status) {
    RetrainingStatus outcome = RetrainingStatus.valueOf(status);
    UUID requestId = UUID.fromString(ModelRetraining.REQUEST_ID.require(execution));
    String candidate =
        ModelRetraining.CANDIDATE_VERSION_ID.get(execution) == null
            ? null
            : ModelRetraining.CANDIDATE_VERSION.get(execution);
    String summary =
        switch (outcome) {
          case PROMOTED -> "Candidate " + candidate + " replaced the champion in production";
          case NOT_PROMOTED ->
              "Candidate "
                  + candidate
                  + " did not reach production ("
                  + ModelRetraining.CANDIDATE_OUTCOME.get(execution)
                  + ")";
          case NO_CANDIDATE -> failure(execution);
          default -> outcome.name();
        };
    repository.finish(requestId, outcome, summary, OffsetDateTime.now(clock));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("retrainingRequestId", requestId.toString());
    details.put("status", outcome.name());
    details.put("outcome", summary);
    audit.record(
        "RETRAINING_FINISHED",
        AuditLog.SYSTEM,
        ModelRetraining.MODEL_NAME.get(execution),
        candidate,
        execution.getProcessInstanceId(),
        details);
  }

  private RegistrationRequest candidate(
      ModelVersion champion, Retraining run, TrainingResult result, String label) {
    String dataRef =
        result.trainingDataRef() != null ? result.trainingDataRef() : run.trainingDataRef();
    String runId = result.runId() != null ? result.runId() : "retraining-" + run.id();
    RetrainingSettings settings = repository.settings(champion.id()).orElse(null);
    return new RegistrationRequest(
        label,
        result.artifactUri(),
        champion.framework(),
        champion.modelType(),
        champion.riskTier(),
        champion.owner(),
        champion.ownerEmail(),
        champion.description(),
        champion.intendedUse(),
        champion.limitations(),
        champion.modelCardUri(),
        new RegistrationRequest.Lineage(result.sourceCommit(), dataRef, runId),
        result.metrics(),
        read(champion.signatureJson(), RegistrationRequest.Signature.class),
        result.fairness(),
        champion.deploymentTarget(),
        result.monitoring() != null
            ? result.monitoring()
            : monitoring.profile(champion.id()).orElse(null),
        settings,
        // The candidate inherits the questionnaire of the version it retrains
        riskTiers
            .find(champion.id())
            .map(
                r ->
                    read(r.assessmentJson(), io.modelops.orchestrator.catalog.RiskAssessment.class))
            .orElse(null));
  }

  private TrainingResult readResult(DelegateExecution execution) {
    Object value = execution.getVariable(ModelRetraining.TRAINING_RESULT);
    if (value == null) {
      throw invalid("the trainer reported no " + ModelRetraining.TRAINING_RESULT);
    }
    TrainingResult result;
    try {
      result = json.readValue(value.toString(), TrainingResult.class);
    } catch (JsonProcessingException e) {
      throw invalid(
          "the training result is not valid JSON of a training result: " + e.getOriginalMessage());
    }
    Set<ConstraintViolation<TrainingResult>> violations = validator.validate(result);
    if (!violations.isEmpty()) {
      throw invalid("the training result is invalid: " + describe(violations));
    }
    return result;
  }

  private <T> T read(String value, Class<T> type) {
    if (value == null) {
      return null;
    }
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored " + type.getSimpleName() + " is unreadable", e);
    }
  }

  private static BpmnError invalid(String message) {
    return new BpmnError(
        ModelRetraining.ERROR_CANDIDATE_INVALID, "No candidate registered: " + message);
  }

  private static <T> String describe(Set<ConstraintViolation<T>> violations) {
    return violations.stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .map(v -> v.getPropertyPath() + " " + v.getMessage())
        .collect(Collectors.joining("; "));
  }

  private static String failure(DelegateExecution execution) {
    String failure = ModelRetraining.TRAINING_FAILURE.get(execution);
    return failure == null || failure.isBlank()
        ? "The training produced no better model."
        : failure;
  }

  private ModelVersion champion(DelegateExecution execution) {
    return catalog
        .findVersion(UUID.fromString(ModelRetraining.CHAMPION_VERSION_ID.require(execution)))
        .orElseThrow();
  }
}
