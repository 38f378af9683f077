package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.artifacts.ArtifactFetcher;
import io.modelops.orchestrator.artifacts.ArtifactRefusedException;
import io.modelops.orchestrator.artifacts.ArtifactUnavailableException;
import io.modelops.orchestrator.artifacts.DecisionModelPolicy;
import io.modelops.orchestrator.artifacts.DecisionModelRefusedException;
import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentQuery;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deploys decision models (DMN) into this engine. Stages are tenants: STAGING deploys for tenant
 * {@code staging}, CANARY for tenant {@code canary}, PRODUCTION without tenant. So {@code
 * /engine-rest/decision-definition/key/{key}/evaluate} evaluates the production version and {@code
 * .../key/{key}/tenant-id/canary/evaluate} the canary.
 *
 * <p>Each request becomes one engine deployment named by its idempotency key and holding one
 * resource, {@code <model>.dmn}; when the deployment exists, the request has been applied. A
 * rollback deploys the previous version's DMN again: the result is a new, higher version of the
 * decision with the previous logic, so evaluation by key uses it at once and history keeps every
 * version that was live.
 *
 * <p>The DMN is read within the artifact rules ({@link ArtifactFetcher}) and must pass the {@link
 * DecisionModelPolicy} (FEEL only) before a deployment is created; the engine checks the same
 * policy again for every deployment.
 *
 * <p>A decision model cannot take over a decision key that is deployed by other means (such as the
 * orchestrator's own approval policy).
 */
@Component
class DmnTarget implements DeploymentTarget {

  public static final String STAGING_TENANT = "staging";
  public static final String CANARY_TENANT = "canary";

  /** {@link Deployment#getSource()} of the deployments made by this target. */
  public static final String DEPLOYMENT_SOURCE = "modelops-dmn-target";

  private static final Logger log = LoggerFactory.getLogger(DmnTarget.class);

  private final RepositoryService repositoryService;
  private final ArtifactFetcher artifacts;
  private final DecisionModelPolicy policy;

  public DmnTarget(
      RepositoryService repositoryService, ArtifactFetcher artifacts, DecisionModelPolicy policy) {
    this.repositoryService = repositoryService;
    this.artifacts = artifacts;
    this.policy = policy;
  }

  @Override
  public DeploymentTargetKind kind() {
    return DeploymentTargetKind.DMN;
  }

  @Override
  public DeploymentResult apply(DeploymentRequest request) {
    String key = request.idempotencyKey();
    return switch (request.action()) {
      case DEPLOY ->
          deploy(request, request.artifactUri(), tenant(request.stage()), "Deployed " + key);
      case PROMOTE -> {
        requireProductionStage(request);
        yield deploy(request, request.artifactUri(), null, "Promoted " + key);
      }
      case ROLLBACK, STOP -> takeOutOfService(request);
    };
  }

  /**
   * READY when what {@code request} deploys is deployed at its tenant and what it removes is gone;
   * PENDING otherwise.
   */
  @Override
  public DeploymentStatus status(DeploymentRequest request) {
    boolean ready =
        switch (request.action()) {
          case DEPLOY -> hasDecisions(request.idempotencyKey(), tenant(request.stage()));
          case PROMOTE -> hasDecisions(request.idempotencyKey(), null);
          case ROLLBACK, STOP -> {
            if (request.stage() == DeploymentStage.STAGING) {
              yield deploymentsOf(request, STAGING_TENANT, DeploymentStage.STAGING).isEmpty();
            }
            boolean canaryGone =
                request.stage() != DeploymentStage.CANARY
                    || deploymentsOf(request, CANARY_TENANT, DeploymentStage.CANARY).isEmpty();
            yield canaryGone
                && (request.previousVersion() == null
                    ? productionDeploymentsOf(request).isEmpty()
                    : hasDecisions(request.idempotencyKey(), null));
          }
        };
    return ready ? DeploymentStatus.READY : DeploymentStatus.PENDING;
  }

  /** The tenant of {@code stage}: null for production. */
  public static String tenant(DeploymentStage stage) {
    return switch (stage) {
      case STAGING -> STAGING_TENANT;
      case CANARY -> CANARY_TENANT;
      case PRODUCTION -> null;
    };
  }

  private DeploymentResult takeOutOfService(DeploymentRequest request) {
    String key = request.idempotencyKey();
    if (request.stage() == DeploymentStage.STAGING) {
      List<String> removed =
          delete(deploymentsOf(request, STAGING_TENANT, DeploymentStage.STAGING));
      return removal(request, removed, "from staging");
    }

    DeploymentResult restored = null;
    if (request.previousVersion() != null) {
      if (request.previousArtifactUri() == null) {
        throw new DeploymentFailedException(
            "Cannot restore " + request.previousVersion() + " for " + key + ": no artifact URI");
      }
      restored =
          deploy(
              request,
              request.previousArtifactUri(),
              null,
              "Restored "
                  + request.modelName()
                  + " "
                  + request.previousVersion()
                  + " in production ("
                  + key
                  + ")");
    }
    List<String> removedCanary =
        request.stage() == DeploymentStage.CANARY
            ? delete(deploymentsOf(request, CANARY_TENANT, DeploymentStage.CANARY))
            : List.of();
    if (restored != null) {
      return new DeploymentResult(
          restored.targetReference(),
          restored.changed() || !removedCanary.isEmpty(),
          restored.message()
              + (removedCanary.isEmpty() ? "" : "; removed canary deployments " + removedCanary));
    }
    List<String> removed = new ArrayList<>(removedCanary);
    removed.addAll(delete(productionDeploymentsOf(request)));
    return removal(request, removed, "from production");
  }

  private static DeploymentResult removal(
      DeploymentRequest request, List<String> removed, String where) {
    String subject = request.modelName() + " " + request.version() + " " + where;
    if (removed.isEmpty()) {
      return new DeploymentResult(request.idempotencyKey(), false, "Nothing to remove: " + subject);
    }
    return new DeploymentResult(
        String.join(",", removed), true, "Removed " + subject + ": deployments " + removed);
  }

  private DeploymentResult deploy(
      DeploymentRequest request, String artifactUri, String tenant, String message) {
    String name = request.idempotencyKey();
    Deployment existing = deployments(name, tenant).stream().findFirst().orElse(null);
    if (existing != null) {
      return new DeploymentResult(
          existing.getId(), false, "Already deployed: " + name + " (" + existing.getId() + ")");
    }
    byte[] dmn = read(artifactUri);
    try {
      policy.check(null, dmn);
    } catch (DecisionModelRefusedException e) {
      throw new DeploymentFailedException(e.getMessage());
    }
    refuseForeignDecisionKeys(dmn, artifactUri);
    Deployment deployment =
        repositoryService
            .createDeployment()
            .name(name)
            .tenantId(tenant)
            .source(DEPLOYMENT_SOURCE)
            .addInputStream(request.modelName() + ".dmn", new ByteArrayInputStream(dmn))
            .deploy();
    log.info(
        "Deployed {} from {} as {} (tenant {})",
        name,
        artifactUri,
        deployment.getId(),
        tenant == null ? "none" : tenant);
    return new DeploymentResult(
        deployment.getId(), true, message + " (" + deployment.getId() + ")");
  }

  /** The DMN's decision keys must not belong to decisions deployed other than by this target. */
  private void refuseForeignDecisionKeys(byte[] dmn, String artifactUri) {
    Set<String> keys = new LinkedHashSet<>();
    try {
      DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        keys.add(decision.getId());
      }
    } catch (ModelException e) {
      return;
    }
    for (String decisionKey : keys) {
      for (DecisionDefinition definition :
          repositoryService
              .createDecisionDefinitionQuery()
              .decisionDefinitionKey(decisionKey)
              .list()) {
        Deployment owner =
            repositoryService
                .createDeploymentQuery()
                .deploymentId(definition.getDeploymentId())
                .singleResult();
        if (owner != null && !DEPLOYMENT_SOURCE.equals(owner.getSource())) {
          throw new DeploymentFailedException(
              "Decision '"
                  + decisionKey
                  + "' of "
                  + artifactUri
                  + " is already deployed by '"
                  + owner.getName()
                  + "' (source "
                  + owner.getSource()
                  + "), not as a decision model: rename the decision");
        }
      }
    }
  }

  private List<Deployment> deployments(String name, String tenant) {
    DeploymentQuery query = repositoryService.createDeploymentQuery().deploymentName(name);
    query = tenant == null ? query.withoutTenantId() : query.tenantIdIn(tenant);
    return query.orderByDeploymentTime().asc().list();
  }

  /** Deployments of the request's version made by DEPLOY at {@code stage}, at {@code tenant}. */
  private List<Deployment> deploymentsOf(
      DeploymentRequest request, String tenant, DeploymentStage stage) {
    return versionDeployments(request, tenant).stream()
        .filter(d -> d.getName().equals(name(request, stage, DeploymentAction.DEPLOY)))
        .toList();
  }

  /** Deployments that put the request's version into production: DEPLOY and PROMOTE. */
  private List<Deployment> productionDeploymentsOf(DeploymentRequest request) {
    Set<String> names =
        Set.of(
            name(request, DeploymentStage.PRODUCTION, DeploymentAction.DEPLOY),
            name(request, DeploymentStage.PRODUCTION, DeploymentAction.PROMOTE),
            name(request, DeploymentStage.CANARY, DeploymentAction.PROMOTE));
    return versionDeployments(request, null).stream()
        .filter(d -> names.contains(d.getName()))
        .toList();
  }

  private List<Deployment> versionDeployments(DeploymentRequest request, String tenant) {
    DeploymentQuery query =
        repositoryService
            .createDeploymentQuery()
            .deploymentNameLike(request.modelName() + ":" + request.version() + ":%");
    query = tenant == null ? query.withoutTenantId() : query.tenantIdIn(tenant);
    return query.list().stream().filter(d -> DEPLOYMENT_SOURCE.equals(d.getSource())).toList();
  }

  private static String name(
      DeploymentRequest request, DeploymentStage stage, DeploymentAction action) {
    return request.modelName() + ":" + request.version() + ":" + stage + ":" + action;
  }

  private List<String> delete(List<Deployment> deployments) {
    List<String> ids = new ArrayList<>();
    for (Deployment deployment : deployments) {
      repositoryService.deleteDeployment(deployment.getId());
      log.info(
          "Deleted deployment {} ({}, tenant {})",
          deployment.getId(),
          deployment.getName(),
          deployment.getTenantId() == null ? "none" : deployment.getTenantId());
      ids.add(deployment.getId());
    }
    return ids;
  }

  private boolean hasDecisions(String deploymentName, String tenant) {
    return deployments(deploymentName, tenant).stream()
        .anyMatch(
            d ->
                repositoryService.createDecisionDefinitionQuery().deploymentId(d.getId()).count()
                    > 0);
  }

  private static void requireProductionStage(DeploymentRequest request) {
    if (request.stage() == DeploymentStage.STAGING) {
      throw new IllegalArgumentException(
          "PROMOTE is not an action for STAGING: " + request.idempotencyKey());
    }
  }

  /**
   * The DMN XML at {@code artifactUri}, read within the artifact rules ({@link ArtifactFetcher}).
   * The failure message names the rule that refused the URI, or carries only a reference to the
   * server log: it becomes the incident message, which other users can read.
   */
  byte[] read(String artifactUri) {
    try {
      return artifacts.fetch(artifactUri);
    } catch (ArtifactRefusedException e) {
      throw new DeploymentFailedException("DMN artifact refused: " + e.getMessage());
    } catch (ArtifactUnavailableException e) {
      throw new DeploymentFailedException(e.getMessage());
    }
  }
}
