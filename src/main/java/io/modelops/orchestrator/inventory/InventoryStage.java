package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.Stage;
import java.util.Set;

/** The groups the inventory shows versions in, from their stage and status. */
public enum InventoryStage {
  PRODUCTION("Production"),
  CANARY("Canary"),
  STAGING("Staging"),
  /** Registered, being validated or waiting for reviews. */
  IN_REVIEW("In review"),
  /** Everything else: approved and not deployed yet, rejected, retired, rolled back, stopped... */
  OTHER("Other");

  private static final Set<LifecycleStatus> REVIEW =
      Set.of(LifecycleStatus.REGISTERED, LifecycleStatus.VALIDATING, LifecycleStatus.IN_REVIEW);

  private final String label;

  InventoryStage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static InventoryStage of(Stage stage, LifecycleStatus status) {
    return switch (stage) {
      case PRODUCTION -> PRODUCTION;
      case CANARY -> CANARY;
      case STAGING -> STAGING;
      case NONE, RETIRED -> REVIEW.contains(status) ? IN_REVIEW : OTHER;
    };
  }
}
