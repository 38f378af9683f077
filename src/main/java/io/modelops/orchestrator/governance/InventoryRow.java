package io.modelops.orchestrator.governance;

import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import java.time.OffsetDateTime;

/** One model version in the inventory. */
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
    String processInstanceId) {

  public InventoryStage inventoryStage() {
    return InventoryStage.of(stage, status);
  }
}
