package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.deployment.StageLedger;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.time.Clock;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decision listeners of the operations tasks, one class configured twice. */
@Configuration
class DecisionListenersConfig {

  /** Refusals of these listeners and {@link ReviewDecisionListener} answer 403 or 400, not 500. */
  @Bean
  ProcessEnginePlugin listenerRefusals() {
    return EngineInternals.listenerRefusalsAsThemselves();
  }

  @Bean
  TaskDecisionListener releaseDecisionListener(
      CatalogRepository catalog,
      ApprovalRepository approvals,
      ApprovalRecorder recorder,
      Clock clock) {
    return new TaskDecisionListener(
        ModelLifecycle.RELEASE_DECISION,
        ModelLifecycle.RELEASE_COMMENT,
        Set.of(ModelLifecycle.DECISION_APPROVE, ModelLifecycle.DECISION_REJECT),
        ModelLifecycle.DECISION_APPROVE,
        true,
        catalog,
        approvals,
        recorder,
        clock);
  }

  @Bean
  TaskDecisionListener canaryDecisionListener(
      CatalogRepository catalog,
      ApprovalRepository approvals,
      ApprovalRecorder recorder,
      Clock clock) {
    return new TaskDecisionListener(
        ModelLifecycle.CANARY_DECISION,
        ModelLifecycle.CANARY_COMMENT,
        Set.of("PROMOTE", "ROLL_BACK", "EXTEND"),
        null,
        true,
        catalog,
        approvals,
        recorder,
        clock);
  }

  @Bean
  TriageDecisionListener triageDecisionListener(
      CatalogRepository catalog,
      ApprovalRepository approvals,
      ApprovalRecorder recorder,
      StageLedger ledger,
      Clock clock) {
    return new TriageDecisionListener(
        new TaskDecisionListener(
            ModelLifecycle.TRIAGE_DECISION,
            ModelLifecycle.TRIAGE_COMMENT,
            Set.of(
                ModelLifecycle.TRIAGE_RETRAIN,
                ModelLifecycle.TRIAGE_ROLL_BACK,
                ModelLifecycle.TRIAGE_ACCEPT),
            null,
            false,
            catalog,
            approvals,
            recorder,
            clock),
        processInstanceId -> {
          ModelVersion version = catalog.requireVersionOfLifecycle(processInstanceId);
          return ledger.previousProductionVersion(version.modelId(), version.id()).isPresent();
        });
  }
}
