package io.modelops.orchestrator.evaluation;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.evaluation.EvaluationResultsRequest.Result;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelEvaluation;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import io.modelops.orchestrator.web.ResourceNotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Independent evaluations of model versions (process {@code model-evaluation}). The process opens a
 * request from the catalog; an evaluator (group model-evaluators, never a registrant of the
 * versions scored) posts the computed metrics; the orchestrator stores them append-only, records
 * {@code MODEL_EVALUATED} in the audit chain and only then completes the external task, all in one
 * transaction. Validation reads the stored results, never process variables.
 */
@Service("evaluations")
public class Evaluations {

  static final String REQUESTED = "EVALUATION_REQUESTED";
  static final String EVALUATED = "MODEL_EVALUATED";
  static final String FAILED = "EVALUATION_FAILED";

  /** The worker id under which the orchestrator completes a task no worker holds a lock on. */
  static final String ORCHESTRATOR_WORKER = "modelops-orchestrator";

  private final EvaluationRepository repository;
  private final EvaluationDatasets datasets;
  private final CatalogRepository catalog;
  private final ExternalTaskService externalTasks;
  private final IdentityService identityService;
  private final AuditLog audit;
  private final Clock clock;

  Evaluations(
      EvaluationRepository repository,
      EvaluationDatasets datasets,
      CatalogRepository catalog,
      ExternalTaskService externalTasks,
      IdentityService identityService,
      AuditLog audit,
      Clock clock) {
    this.repository = repository;
    this.datasets = datasets;
    this.catalog = catalog;
    this.externalTasks = externalTasks;
    this.identityService = identityService;
    this.audit = audit;
    this.clock = clock;
  }

  /** Gateway of model-lifecycle: whether the version's model has an evaluation dataset. */
  public boolean datasetRegistered(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    return datasets.current(version.modelName()).isPresent();
  }

  /**
   * "Open evaluation request": records the request of this model-evaluation instance (once; a
   * repeated job finds it) and sets the variables the gateway and the worker read.
   */
  @Transactional
  public void open(DelegateExecution execution) {
    String processInstanceId = execution.getProcessInstanceId();
    Optional<EvaluationRepository.Row> existing =
        repository.findByProcessInstance(processInstanceId);
    if (existing.isPresent()) {
      ModelEvaluation.MODEL_NAME.set(execution, existing.get().model());
      ModelEvaluation.REQUEST_ID.set(execution, existing.get().id().toString());
      ModelEvaluation.DATASET_REGISTERED.set(execution, true);
      return;
    }
    ModelVersion version = versionToEvaluate(execution);
    ModelEvaluation.MODEL_NAME.set(execution, version.modelName());
    Optional<EvaluationDataset> dataset = datasets.current(version.modelName());
    if (dataset.isEmpty()) {
      ModelEvaluation.DATASET_REGISTERED.set(execution, false);
      return;
    }
    ModelVersion champion = catalog.findChampion(version.modelId(), version.id()).orElse(null);
    UUID id = UUID.randomUUID();
    EvaluationDataset data = dataset.get();
    repository.insertRequest(
        id,
        version.modelId(),
        version.id(),
        champion == null ? null : champion.id(),
        data.id(),
        data.uri(),
        data.sha256(),
        processInstanceId,
        now());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("evaluationId", id.toString());
    details.put("champion", champion == null ? null : champion.version());
    details.put("datasetId", data.id().toString());
    details.put("datasetSha256", data.sha256());
    audit.record(
        REQUESTED,
        AuditLog.SYSTEM,
        version.modelName(),
        version.version(),
        version.processInstanceId(),
        details);
    ModelEvaluation.REQUEST_ID.set(execution, id.toString());
    ModelEvaluation.DATASET_REGISTERED.set(execution, true);
  }

  /**
   * The version the caller asked for ({@code modelVersionId}), checked in the catalog: when the
   * caller is a version's lifecycle, it must be that version.
   */
  private ModelVersion versionToEvaluate(DelegateExecution execution) {
    String id = ModelEvaluation.MODEL_VERSION_ID.require(execution);
    ModelVersion version;
    try {
      version =
          catalog
              .findVersion(UUID.fromString(id))
              .orElseThrow(() -> new IllegalStateException("No model version " + id));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("modelVersionId is not a version id: " + id, e);
    }
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    if (caller != null) {
      catalog
          .findVersionByProcessInstance(caller.getProcessInstanceId())
          .filter(lifecycleVersion -> !lifecycleVersion.id().equals(version.id()))
          .ifPresent(
              other -> {
                throw new IllegalStateException(
                    "The lifecycle of "
                        + other.modelName()
                        + " "
                        + other.version()
                        + " asked to evaluate another version");
              });
    }
    return version;
  }

  /** "Record evaluation failure": the worker's BPMN error, on the request (from our table). */
  @Transactional
  public void recordFailure(DelegateExecution execution) {
    EvaluationRepository.Row row =
        repository
            .findByProcessInstance(execution.getProcessInstanceId())
            .orElseThrow(() -> new IllegalStateException("No evaluation request to fail"));
    String reason = ModelEvaluation.FAILURE.get(execution);
    reason = abbreviate(reason == null || reason.isBlank() ? "no reason given" : reason, 1000);
    if (repository.finish(row.id(), EvaluationStatus.FAILED, null, reason, now())) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("evaluationId", row.id().toString());
      details.put("reason", reason);
      audit.record(
          FAILED,
          AuditLog.SYSTEM,
          row.model(),
          row.candidateVersion(),
          catalog.findVersion(row.candidateId()).map(ModelVersion::processInstanceId).orElse(null),
          details);
    }
  }

  /** The version's latest evaluation, with its results. */
  @Transactional(readOnly = true)
  public Optional<Evaluation> latestOf(UUID versionId) {
    return repository.latestOfVersion(versionId).map(repository::evaluation);
  }

  /** One evaluation; 404 when unknown. */
  @Transactional(readOnly = true)
  public Evaluation get(UUID id) {
    return repository
        .find(id)
        .map(repository::evaluation)
        .orElseThrow(() -> new ResourceNotFoundException("No evaluation " + id));
  }

  /**
   * Stores an evaluator's results and completes the request's external task.
   *
   * @throws ResponseStatusException 403 for anyone not in model-evaluators or who registered a
   *     version scored
   */
  @Transactional
  Evaluation postResults(UUID id, EvaluationResultsRequest results, String user) {
    EvaluationRepository.Row row =
        repository
            .findForUpdate(id)
            .orElseThrow(() -> new ResourceNotFoundException("No evaluation " + id));
    if (user == null
        || identityService.createUserQuery().userId(user).memberOfGroup(Groups.EVALUATORS).count()
            == 0) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "Evaluation results are posted by " + Groups.EVALUATORS + " only");
    }
    ModelVersion candidate =
        catalog
            .findVersion(row.candidateId())
            .orElseThrow(() -> new IllegalStateException("Evaluated version vanished"));
    ModelVersion champion =
        row.championId() == null ? null : catalog.findVersion(row.championId()).orElse(null);
    if (user.equals(candidate.registeredBy())
        || (champion != null && user.equals(champion.registeredBy()))) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          user + " registered a version this evaluation scores and may not evaluate it");
    }
    if (row.status() != EvaluationStatus.OPEN) {
      throw new ConflictException(
          "Evaluation " + id + " is " + row.status() + ": its results cannot be posted again");
    }
    check(results, row);
    ExternalTask task =
        EngineInternals.asSystem(
            identityService,
            () ->
                externalTasks
                    .createExternalTaskQuery()
                    .processInstanceId(row.processInstanceId())
                    .activityId(ModelEvaluation.TASK_EVALUATE)
                    .singleResult());
    if (task == null) {
      throw new ConflictException(
          "Evaluation " + id + " is not waiting for results yet; try again shortly");
    }
    OffsetDateTime now = now();
    try {
      repository.insertResult(
          id,
          EvaluationRepository.CANDIDATE,
          row.candidateId(),
          results.candidate().metrics(),
          results.candidate().rows(),
          results.datasetSha256(),
          user,
          now);
      if (results.champion() != null) {
        repository.insertResult(
            id,
            EvaluationRepository.CHAMPION,
            row.championId(),
            results.champion().metrics(),
            results.champion().rows(),
            results.datasetSha256(),
            user,
            now);
      }
    } catch (DuplicateKeyException e) {
      throw new ConflictException("Results of evaluation " + id + " were already posted");
    }
    if (!repository.finish(id, EvaluationStatus.COMPLETED, user, null, now)) {
      throw new ConflictException("Evaluation " + id + " is no longer open");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("evaluationId", id.toString());
    details.put("datasetId", row.datasetId().toString());
    details.put("datasetSha256", row.datasetSha256());
    details.put("candidateMetrics", results.candidate().metrics());
    details.put("rows", results.candidate().rows());
    details.put("champion", row.championVersion());
    details.put(
        "championMetrics", results.champion() == null ? null : results.champion().metrics());
    audit.record(
        EVALUATED,
        user,
        row.model(),
        row.candidateVersion(),
        candidate.processInstanceId(),
        details);
    EngineInternals.asSystem(
        identityService,
        () -> {
          String worker = task.getWorkerId();
          boolean locked =
              worker != null
                  && task.getLockExpirationTime() != null
                  && task.getLockExpirationTime().toInstant().isAfter(clock.instant());
          if (!locked) {
            worker = ORCHESTRATOR_WORKER;
            externalTasks.lock(task.getId(), worker, 60_000);
          }
          externalTasks.complete(task.getId(), worker);
          return null;
        });
    return repository.evaluation(repository.find(id).orElseThrow());
  }

  /** The request's versions, the registered dataset, finite numbers: 400 otherwise. */
  private static void check(EvaluationResultsRequest results, EvaluationRepository.Row row) {
    if (!row.datasetSha256().equals(results.datasetSha256())) {
      throw InvalidRequestException.of(
          "datasetSha256",
          "is not the SHA-256 of the dataset registered for this evaluation ("
              + row.datasetSha256()
              + ")");
    }
    if (!row.candidateVersion().equals(results.candidate().version())) {
      throw InvalidRequestException.of(
          "candidate.version", "must be " + row.candidateVersion() + ", the version evaluated");
    }
    finite("candidate.metrics", results.candidate());
    if (row.championId() == null) {
      if (results.champion() != null) {
        throw InvalidRequestException.of(
            "champion", "must be absent: no version was in production when this was requested");
      }
      return;
    }
    if (results.champion() == null) {
      throw InvalidRequestException.of(
          "champion",
          "is required: champion " + row.championVersion() + " is scored on the same dataset");
    }
    if (!row.championVersion().equals(results.champion().version())) {
      throw InvalidRequestException.of(
          "champion.version", "must be " + row.championVersion() + ", the champion of the request");
    }
    finite("champion.metrics", results.champion());
  }

  private static void finite(String field, Result result) {
    result
        .metrics()
        .forEach(
            (name, value) -> {
              if (value == null || !Double.isFinite(value)) {
                throw InvalidRequestException.of(field + "." + name, "must be a finite number");
              }
            });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static String abbreviate(String value, int max) {
    return value.length() > max ? value.substring(0, max - 1) + "…" : value;
  }
}
