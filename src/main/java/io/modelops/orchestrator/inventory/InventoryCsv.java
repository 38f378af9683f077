package io.modelops.orchestrator.inventory;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** The inventory as CSV: one row per model version. */
final class InventoryCsv {

  static final List<String> HEADER =
      List.of(
          "model",
          "version",
          "risk_tier",
          "model_type",
          "owner",
          "status",
          "stage",
          "registered_by",
          "registered_at",
          "lifecycle_instance",
          "declared_risk_tier",
          "computed_risk_tier",
          "revalidation_due_at",
          "revalidation_overdue",
          "attestation_overdue");

  public static String write(List<InventoryRow> rows) {
    CsvWriter csv = new CsvWriter().row(HEADER);
    for (InventoryRow row : rows) {
      csv.row(
          Arrays.asList(
              row.model(),
              row.version(),
              row.riskTier(),
              row.modelType(),
              row.owner(),
              row.status(),
              row.stage(),
              row.registeredBy(),
              row.registeredAt() == null
                  ? null
                  : DateTimeFormatter.ISO_INSTANT.format(row.registeredAt()),
              row.processInstanceId(),
              row.declaredRiskTier(),
              row.computedRiskTier(),
              row.revalidationDueAt() == null
                  ? null
                  : DateTimeFormatter.ISO_INSTANT.format(row.revalidationDueAt()),
              row.revalidationOverdue(),
              row.attestationOverdue()));
    }
    return csv.toString();
  }

  private InventoryCsv() {}
}
