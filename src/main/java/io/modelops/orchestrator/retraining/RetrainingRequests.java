package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelRetraining;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triggers retraining of a model: starts {@code model-retraining} when none runs for the model, and
 * otherwise records the trigger on the running one. A trigger with a dedup key seen before (a job
 * that ran twice, a repeated request) is recorded once.
 */
@Service
public class RetrainingRequests {

  private static final Logger log = LoggerFactory.getLogger(RetrainingRequests.class);

  /** Lifecycle statuses that decide a candidate's fate. */
  private static final Set<LifecycleStatus> DECISIVE =
      Set.of(
          LifecycleStatus.IN_PRODUCTION,
          LifecycleStatus.REJECTED,
          LifecycleStatus.CHANGES_REQUESTED,
          LifecycleStatus.SUPERSEDED,
          LifecycleStatus.ROLLED_BACK,
          LifecycleStatus.STOPPED);

  /** What became of a trigger. */
  public enum Outcome {
    /** A new retraining started. */
    STARTED,
    /** Recorded on the retraining that was already running for the model. */
    JOINED,
    /** The same trigger was recorded before. */
    REPEATED
  }

  /** The retraining a trigger belongs to. */
  public record Request(UUID id, String processInstanceId, Outcome outcome) {}

  private final RetrainingRepository repository;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final AuditLog audit;
  private final Clock clock;

  public RetrainingRequests(
      RetrainingRepository repository,
      RuntimeService runtimeService,
      IdentityService identityService,
      AuditLog audit,
      Clock clock) {
    this.repository = repository;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Requests retraining of the champion's model.
   *
   * @param kind {@link Trigger#DRIFT}, {@link Trigger#SCHEDULE} or {@link Trigger#MANUAL}
   * @param dedupKey a trigger with the same key is recorded once
   */
  @Transactional
  public Request request(
      ModelVersion champion, String kind, String reason, String actor, String dedupKey) {
    return request(champion, kind, reason, actor, dedupKey, null);
  }

  /** As {@link #request(ModelVersion, String, String, String, String)}, with training data. */
  @Transactional
  public Request request(
      ModelVersion champion,
      String kind,
      String reason,
      String actor,
      String dedupKey,
      String trainingDataRef) {
    repository.lockModel(champion.modelId());
    Trigger trigger =
        new Trigger(kind, bounded(reason), actor, OffsetDateTime.now(clock), dedupKey);
    Optional<UUID> seen = repository.findRequestOfTrigger(dedupKey);
    if (seen.isPresent()) {
      Retraining existing = repository.find(seen.get()).orElseThrow();
      return new Request(existing.id(), existing.processInstanceId(), Outcome.REPEATED);
    }
    Optional<Retraining> active = repository.findActive(champion.modelId());
    if (active.isPresent()) {
      Retraining running = active.get();
      repository.insertTrigger(running.id(), trigger);
      audit.record(
          "RETRAINING_TRIGGER_JOINED",
          actor,
          champion.modelName(),
          champion.version(),
          running.processInstanceId(),
          details(running.id(), trigger));
      log.info(
          "Retraining of {} already running ({}); {} trigger recorded on it",
          champion.modelName(),
          running.id(),
          kind);
      return new Request(running.id(), running.processInstanceId(), Outcome.JOINED);
    }

    UUID id = UUID.randomUUID();
    String dataRef = trainingDataRef == null ? champion.trainingDataRef() : trainingDataRef;
    repository.insertRequest(id, champion.modelId(), champion.id(), trigger, dataRef);
    repository.insertTrigger(id, trigger);
    Map<String, Object> variables = new HashMap<>();
    ModelRetraining.REQUEST_ID.putInto(variables, id.toString());
    ModelRetraining.MODEL_NAME.putInto(variables, champion.modelName());
    ModelRetraining.CHAMPION_VERSION.putInto(variables, champion.version());
    ModelRetraining.CHAMPION_VERSION_ID.putInto(variables, champion.id().toString());
    ModelRetraining.TRIGGER.putInto(variables, kind);
    ModelRetraining.REASON.putInto(variables, trigger.reason());
    ModelRetraining.TRAINING_DATA_REF.putInto(variables, dataRef);
    // Only the orchestrator starts retrainings, whoever asked (the requester is in the audit).
    ProcessInstance instance =
        EngineInternals.asSystem(
            identityService,
            () ->
                runtimeService
                    .createMessageCorrelation(ModelRetraining.MESSAGE_REQUESTED)
                    .processInstanceBusinessKey(champion.modelName())
                    .setVariables(variables)
                    .correlateStartMessage());
    repository.setProcessInstance(id, instance.getId());
    audit.record(
        "RETRAINING_REQUESTED",
        actor,
        champion.modelName(),
        champion.version(),
        instance.getId(),
        details(id, trigger));
    return new Request(id, instance.getId(), Outcome.STARTED);
  }

  /**
   * Tells the retraining that produced a candidate what became of it, once its lifecycle decides
   * (production, or out). Versions that no retraining produced are ignored.
   */
  public void candidateStatusChanged(ModelVersion version, LifecycleStatus status) {
    if (!DECISIVE.contains(status)) {
      return;
    }
    repository
        .findByCandidate(version.id())
        .filter(r -> r.status() == RetrainingStatus.CANDIDATE && r.processInstanceId() != null)
        .ifPresent(
            r ->
                // The user who decided may not see retraining instances; the decision is the
                // orchestrator's to pass on.
                EngineInternals.asSystem(
                    identityService,
                    () ->
                        runtimeService
                            .createMessageCorrelation(ModelRetraining.MESSAGE_CANDIDATE_DECIDED)
                            .processInstanceId(r.processInstanceId())
                            .setVariable(ModelRetraining.CANDIDATE_OUTCOME.name(), status.name())
                            .correlateAllWithResult()));
  }

  private static Map<String, Object> details(UUID id, Trigger trigger) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("retrainingRequestId", id.toString());
    details.put("trigger", trigger.kind());
    details.put("reason", trigger.reason());
    return details;
  }

  private static String bounded(String reason) {
    String value = reason == null || reason.isBlank() ? "(no reason given)" : reason;
    return value.length() > 2000 ? value.substring(0, 1997) + "..." : value;
  }
}
