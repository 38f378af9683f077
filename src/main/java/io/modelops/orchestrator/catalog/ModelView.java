package io.modelops.orchestrator.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/** A model with all its versions, newest first. */
record ModelView(
    String name, OffsetDateTime createdAt, String createdBy, List<VersionSummary> versions) {

  /** A version in a list. */
  public record VersionSummary(
      String version,
      LifecycleStatus status,
      Stage stage,
      RiskTier riskTier,
      ModelType modelType,
      String registeredBy,
      OffsetDateTime registeredAt,
      String processInstanceId) {}
}
