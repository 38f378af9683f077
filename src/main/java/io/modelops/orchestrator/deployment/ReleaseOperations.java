package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.web.ConflictException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operations on demand: rollback of a model and emergency stop of a version. Both are messages to
 * the version's lifecycle, whose event sub-processes carry them out (visible in Cockpit), with the
 * requesting user and reason recorded in the stage history.
 */
@Service
class ReleaseOperations {

  /** What a request started. */
  public record Accepted(String model, String version, String action, String restoredVersion) {}

  private final CatalogRepository catalog;
  private final StageLedger ledger;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final AuditLog audit;
  private final Clock clock;

  public ReleaseOperations(
      CatalogRepository catalog,
      StageLedger ledger,
      RuntimeService runtimeService,
      IdentityService identityService,
      AuditLog audit,
      Clock clock) {
    this.catalog = catalog;
    this.ledger = ledger;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public Accepted rollback(String model, String user, String reason) {
    UUID modelId = modelId(model);
    ModelVersion current =
        catalog.findVersions(model).stream()
            .filter(v -> v.stage() == Stage.PRODUCTION)
            .findFirst()
            .orElseThrow(
                () -> new ConflictException("Model '" + model + "' has no version in production"));
    UUID previous =
        ledger
            .previousProductionVersion(modelId, current.id())
            .orElseThrow(
                () ->
                    new ConflictException(
                        "Model '" + model + "' has no earlier production version to roll back to"));
    correlate(ModelLifecycle.MESSAGE_ROLLBACK, current, user, reason);
    return new Accepted(
        model,
        current.version(),
        "ROLLBACK",
        catalog.findVersion(previous).orElseThrow().version());
  }

  @Transactional
  public Accepted stop(String model, String version, String user, String reason) {
    ModelVersion v = catalog.requireVersion(model, version);
    if (v.stage() != Stage.PRODUCTION && v.stage() != Stage.CANARY) {
      throw new ConflictException(
          model + ":" + version + " serves no traffic (stage " + v.stage() + "); nothing to stop");
    }
    correlate(ModelLifecycle.MESSAGE_STOP, v, user, reason);
    return new Accepted(model, version, "STOP", null);
  }

  @Transactional(readOnly = true)
  public StagesView stages(String model, OffsetDateTime at) {
    UUID modelId = modelId(model);
    List<StageEvent> history = ledger.history(modelId);
    if (at == null) {
      return new StagesView(model, null, null, null, history);
    }
    StagesView.Serving production =
        ledger
            .lastAt(modelId, DeploymentStage.PRODUCTION, at)
            .filter(e -> e.trafficPercent() > 0)
            .map(e -> new StagesView.Serving(e.version(), e.trafficPercent(), e.occurredAt()))
            .orElse(null);
    StagesView.Serving canary =
        ledger
            .lastAt(modelId, DeploymentStage.CANARY, at)
            .filter(e -> e.trafficPercent() > 0)
            .filter(e -> !promotedSince(history, e, at))
            .map(e -> new StagesView.Serving(e.version(), e.trafficPercent(), e.occurredAt()))
            .orElse(null);
    List<StageEvent> until = history.stream().filter(e -> !e.occurredAt().isAfter(at)).toList();
    return new StagesView(model, at, production, canary, until);
  }

  /** A canary stops being one when it is promoted. */
  private static boolean promotedSince(
      List<StageEvent> history, StageEvent canary, OffsetDateTime at) {
    return history.stream()
        .anyMatch(
            e ->
                e.seq() > canary.seq()
                    && !e.occurredAt().isAfter(at)
                    && e.version().equals(canary.version())
                    && e.stage() != DeploymentStage.CANARY);
  }

  private void correlate(String message, ModelVersion version, String user, String reason) {
    audit.record(
        message.equals(ModelLifecycle.MESSAGE_STOP) ? "STOP_REQUESTED" : "ROLLBACK_REQUESTED",
        user,
        version.modelName(),
        version.version(),
        version.processInstanceId(),
        Map.of("reason", reason));
    // The API has authorized (ml-ops, administrators) and audited the request: the lifecycle is
    // moved on by the orchestrator, as operators may not update lifecycle instances themselves.
    EngineInternals.asSystem(
        identityService,
        () ->
            runtimeService
                .createMessageCorrelation(message)
                .processInstanceId(version.processInstanceId())
                .setVariables(
                    Map.of(
                        ModelLifecycle.REQUESTED_BY.name(), user,
                        ModelLifecycle.REQUEST_REASON.name(), reason))
                .correlate());
  }

  private UUID modelId(String model) {
    return catalog.requireModelId(model);
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
