package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import java.time.OffsetDateTime;

/**
 * One model version in the inventory. {@code riskTier} is the effective tier; the declared one and
 * the one the risk questionnaire implies (null for versions registered without it) show how it came
 * about. {@code revalidationDueAt} is null for versions that never reached production; the overdue
 * flags are true only for versions in production past their revalidation or owner attestation date.
 */
public record InventoryRow(
    String model,
    String version,
    RiskTier riskTier,
    ModelType modelType,
    String owner,
    LifecycleStatus status,
    Stage stage,
    String registeredBy,
    OffsetDateTime registeredAt,
    OffsetDateTime updatedAt,
    String processInstanceId,
    RiskTier declaredRiskTier,
    RiskTier computedRiskTier,
    OffsetDateTime revalidationDueAt,
    boolean revalidationOverdue,
    boolean attestationOverdue) {

  public InventoryRow(
      String model,
      String version,
      RiskTier riskTier,
      ModelType modelType,
      String owner,
      LifecycleStatus status,
      Stage stage,
      String registeredBy,
      OffsetDateTime registeredAt,
      OffsetDateTime updatedAt,
      String processInstanceId) {
    this(
        model,
        version,
        riskTier,
        modelType,
        owner,
        status,
        stage,
        registeredBy,
        registeredAt,
        updatedAt,
        processInstanceId,
        riskTier,
        null,
        null,
        false,
        false);
  }

  public InventoryStage inventoryStage() {
    return InventoryStage.of(stage, status);
  }
}
