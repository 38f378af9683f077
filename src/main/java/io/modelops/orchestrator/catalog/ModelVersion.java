package io.modelops.orchestrator.catalog;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered model version as stored in the catalog. */
public record ModelVersion(
    UUID id,
    UUID modelId,
    String modelName,
    String version,
    String artifactUri,
    String framework,
    ModelType modelType,
    RiskTier riskTier,
    String owner,
    String ownerEmail,
    String description,
    String intendedUse,
    String limitations,
    String modelCardUri,
    String sourceCommit,
    String trainingDataRef,
    String runId,
    String metricsJson,
    String signatureJson,
    String fairnessJson,
    DeploymentTargetKind deploymentTarget,
    LifecycleStatus status,
    String statusReason,
    Stage stage,
    String registeredBy,
    OffsetDateTime registeredAt,
    OffsetDateTime updatedAt,
    String processInstanceId,
    String registrationHash) {}
