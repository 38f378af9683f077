package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import jakarta.validation.constraints.Size;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters of the inventory, from query parameters ({@code ?riskTier=HIGH&modelType=ML&owner=...
 * &stage=PRODUCTION}); a missing or empty parameter does not filter.
 */
public record InventoryFilter(
    RiskTier riskTier, ModelType modelType, @Size(max = 128) String owner, InventoryStage stage) {

  public InventoryFilter {
    owner = owner == null || owner.isBlank() ? null : owner.trim();
  }

  public static InventoryFilter none() {
    return new InventoryFilter(null, null, null, null);
  }

  public boolean matches(InventoryRow row) {
    return stage == null || row.inventoryStage() == stage;
  }

  public boolean isEmpty() {
    return riskTier == null && modelType == null && owner == null && stage == null;
  }

  /** The filter as a query string, "" or starting with '?'. */
  public String queryString() {
    List<String> parameters = new ArrayList<>();
    add(parameters, "riskTier", riskTier);
    add(parameters, "modelType", modelType);
    add(parameters, "owner", owner);
    add(parameters, "stage", stage);
    return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
  }

  private static void add(List<String> parameters, String name, Object value) {
    if (value != null) {
      parameters.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
    }
  }
}
