package io.modelops.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryTest {

  @Test
  void shouldGroupVersionsByStageThenStatus() {
    assertThat(InventoryStage.of(Stage.PRODUCTION, LifecycleStatus.IN_PRODUCTION))
        .isEqualTo(InventoryStage.PRODUCTION);
    assertThat(InventoryStage.of(Stage.CANARY, LifecycleStatus.APPROVED))
        .isEqualTo(InventoryStage.CANARY);
    assertThat(InventoryStage.of(Stage.STAGING, LifecycleStatus.APPROVED))
        .isEqualTo(InventoryStage.STAGING);
    assertThat(InventoryStage.of(Stage.NONE, LifecycleStatus.VALIDATING))
        .isEqualTo(InventoryStage.IN_REVIEW);
    assertThat(InventoryStage.of(Stage.NONE, LifecycleStatus.IN_REVIEW))
        .isEqualTo(InventoryStage.IN_REVIEW);
    assertThat(InventoryStage.of(Stage.NONE, LifecycleStatus.REJECTED))
        .isEqualTo(InventoryStage.OTHER);
    assertThat(InventoryStage.of(Stage.RETIRED, LifecycleStatus.ROLLED_BACK))
        .isEqualTo(InventoryStage.OTHER);
  }

  @Test
  void shouldCarryFiltersIntoLinksEncoded() {
    InventoryFilter filter =
        new InventoryFilter(RiskTier.HIGH, null, "risk & ops =team", InventoryStage.IN_REVIEW);

    assertThat(filter.queryString())
        .isEqualTo("?riskTier=HIGH&owner=risk+%26+ops+%3Dteam&stage=IN_REVIEW");
    assertThat(new InventoryFilter(null, null, "  ", null).isEmpty()).isTrue();
    assertThat(InventoryFilter.none().queryString()).isEmpty();
  }

  @Test
  void shouldExportOneNeutralisedRowPerVersion() {
    OffsetDateTime at = OffsetDateTime.parse("2026-11-20T09:00:00Z");
    InventoryRow row =
        new InventoryRow(
            "fraud",
            "1.4.0",
            RiskTier.HIGH,
            ModelType.ML,
            "@risk, \"ops\"",
            LifecycleStatus.IN_PRODUCTION,
            Stage.PRODUCTION,
            "ci-bot",
            at,
            at,
            "pi-1");

    String csv = InventoryCsv.write(List.of(row));

    assertThat(csv)
        .isEqualTo(
            "model,version,risk_tier,model_type,owner,status,stage,registered_by,registered_at,lifecycle_instance,"
                + "declared_risk_tier,computed_risk_tier,revalidation_due_at,revalidation_overdue,"
                + "attestation_overdue\r\n"
                + "fraud,1.4.0,HIGH,ML,\"'@risk, \"\"ops\"\"\",IN_PRODUCTION,PRODUCTION,ci-bot,2026-11-20T09:00:00Z,pi-1,"
                + "HIGH,,,false,false\r\n");
  }
}
