package io.modelops.orchestrator.catalog;

import io.modelops.orchestrator.artifacts.ArtifactFetcher;
import io.modelops.orchestrator.artifacts.ArtifactRefusedException;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.integrity.CanonicalJson;
import io.modelops.orchestrator.monitoring.MonitoringRepository;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.retraining.RetrainingRepository;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers model versions: writes the catalog row and starts the version's {@code model-lifecycle}
 * instance in one transaction, so that there is never one without the other.
 */
@Service
public class RegistrationService {

  private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

  private final CatalogRepository catalog;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final AuditLog audit;
  private final MonitoringRepository monitoring;
  private final RetrainingRepository retraining;
  private final ArtifactFetcher artifacts;
  private final RiskClassifier riskClassifier;
  private final RiskTierRepository riskTiers;
  private final Clock clock;

  public RegistrationService(
      CatalogRepository catalog,
      RuntimeService runtimeService,
      IdentityService identityService,
      AuditLog audit,
      MonitoringRepository monitoring,
      RetrainingRepository retraining,
      ArtifactFetcher artifacts,
      RiskClassifier riskClassifier,
      RiskTierRepository riskTiers,
      Clock clock) {
    this.catalog = catalog;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.audit = audit;
    this.monitoring = monitoring;
    this.retraining = retraining;
    this.artifacts = artifacts;
    this.riskClassifier = riskClassifier;
    this.riskTiers = riskTiers;
    this.clock = clock;
  }

  /** The outcome of a registration: the version, and whether this call created it. */
  public record RegistrationResult(ModelVersion version, boolean created) {}

  /**
   * Registers a version, or returns the existing one when the same request was sent before.
   *
   * @throws ConflictException when the version exists with different content
   * @throws InvalidRequestException when the orchestrator would have to read the artifact (target
   *     DMN) and the artifact rules refuse its URI; checked without any file or network access
   */
  @Transactional
  public RegistrationResult register(String modelName, RegistrationRequest request, String user) {
    if (request.effectiveDeploymentTarget() == DeploymentTargetKind.DMN) {
      try {
        artifacts.checkReference(request.artifactUri());
      } catch (ArtifactRefusedException e) {
        throw InvalidRequestException.of("artifactUri", e.getMessage());
      }
    }
    String fingerprint = fingerprint(request);
    Optional<ModelVersion> existing = catalog.findVersion(modelName, request.version());
    if (existing.isPresent()) {
      return repeated(existing.get(), fingerprint);
    }

    OffsetDateTime now = OffsetDateTime.now(clock);
    Optional<UUID> knownModel = catalog.findModelId(modelName);
    RiskTiers.Determination risk =
        RiskTiers.determine(
            request.riskTier(),
            // Only versions retrained from one registered before the questionnaire existed have
            // none
            request.riskAssessment() == null
                ? null
                : riskClassifier.classify(request.riskAssessment(), request.modelType()),
            knownModel.flatMap(riskTiers::currentTier));
    UUID modelId = knownModel.orElseGet(() -> catalog.insertModel(modelName, user, now));
    RegistrationRequest.Lineage lineage =
        request.lineage() == null
            ? new RegistrationRequest.Lineage(null, null, null)
            : request.lineage();
    ModelVersion version =
        new ModelVersion(
            UUID.randomUUID(),
            modelId,
            modelName,
            request.version(),
            request.artifactUri(),
            request.framework(),
            request.modelType(),
            risk.effective(),
            request.owner(),
            request.ownerEmail(),
            request.description(),
            request.intendedUse(),
            request.limitations(),
            request.modelCardUri(),
            lineage.sourceCommit(),
            lineage.trainingDataRef(),
            lineage.runId(),
            toJson(request.metrics()),
            toJson(request.signature()),
            toJson(request.fairness()),
            request.effectiveDeploymentTarget(),
            LifecycleStatus.REGISTERED,
            null,
            Stage.NONE,
            user,
            now,
            now,
            null,
            fingerprint);
    catalog.insertVersion(version);
    riskTiers.save(version.id(), risk, toJson(request.riskAssessment()));
    if (request.monitoring() != null) {
      monitoring.saveProfile(version.id(), request.monitoring(), now);
    }
    if (request.retraining() != null) {
      retraining.saveSettings(version.id(), request.retraining());
    }

    // Only the orchestrator starts lifecycles; nobody holds a permission to start one.
    ProcessInstance instance =
        EngineInternals.asSystem(
            identityService,
            () ->
                runtimeService
                    .createProcessInstanceByKey(ModelLifecycle.KEY)
                    .businessKey(ModelLifecycle.businessKey(modelName, request.version()))
                    .setVariables(startVariables(version))
                    .execute());
    catalog.setProcessInstanceId(version.id(), instance.getId());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("artifactUri", version.artifactUri());
    details.put("riskTier", version.riskTier().name());
    details.put("declaredRiskTier", risk.declared().name());
    details.put("computedRiskTier", risk.computed() == null ? null : risk.computed().name());
    details.put("riskTierReason", risk.reason());
    details.put("modelType", version.modelType().name());
    details.put("deploymentTarget", version.deploymentTarget().name());
    details.put("registrationHash", fingerprint);
    details.put(
        "referenceFeatures",
        request.monitoring() == null ? 0 : request.monitoring().reference().size());
    audit.record(
        "MODEL_VERSION_REGISTERED", user, modelName, request.version(), instance.getId(), details);
    log.info(
        "Registered {}:{} by {} (lifecycle {})",
        modelName,
        request.version(),
        user,
        instance.getId());
    return new RegistrationResult(
        catalog.findVersion(version.id()).orElseThrow(), /* created */ true);
  }

  private static RegistrationResult repeated(ModelVersion existing, String fingerprint) {
    if (!existing.registrationHash().equals(fingerprint)) {
      throw new ConflictException(
          "Version "
              + existing.version()
              + " of model "
              + existing.modelName()
              + " is already registered with different content; register a new version instead");
    }
    return new RegistrationResult(existing, false);
  }

  private static Map<String, Object> startVariables(ModelVersion v) {
    Map<String, Object> vars = new HashMap<>();
    ModelLifecycle.MODEL_VERSION_ID.putInto(vars, v.id().toString());
    ModelLifecycle.MODEL_NAME.putInto(vars, v.modelName());
    ModelLifecycle.MODEL_VERSION.putInto(vars, v.version());
    ModelLifecycle.RISK_TIER.putInto(vars, v.riskTier().name());
    ModelLifecycle.MODEL_TYPE.putInto(vars, v.modelType().name());
    ModelLifecycle.REGISTERED_BY.putInto(vars, v.registeredBy());
    ModelLifecycle.ARTIFACT_URI.putInto(vars, v.artifactUri());
    return vars;
  }

  /** SHA-256 over the canonical JSON of the request, with defaults applied. */
  static String fingerprint(RegistrationRequest request) {
    RegistrationRequest normalised =
        new RegistrationRequest(
            request.version(),
            request.artifactUri(),
            request.framework(),
            request.modelType(),
            request.riskTier(),
            request.owner(),
            request.ownerEmail(),
            request.description(),
            request.intendedUse(),
            request.limitations(),
            request.modelCardUri(),
            request.lineage(),
            request.metrics(),
            request.signature(),
            request.fairness(),
            request.effectiveDeploymentTarget(),
            request.monitoring(),
            request.retraining(),
            request.riskAssessment());
    return CanonicalJson.sha256(normalised);
  }

  private static String toJson(Object value) {
    return value == null ? null : CanonicalJson.write(value);
  }
}
