package io.modelops.orchestrator.artifacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Puts {@link DecisionModelPolicy} inside the engine: a deployer that runs before the engine's own
 * checks every decision model of every deployment, whoever makes it (the DMN deployment target,
 * the engine REST API's {@code deployment/create}, the Java API, the auto-deployment of {@code
 * processes/}), and refuses the whole deployment when one of them is not plain FEEL. It also
 * runs when the engine loads a stored deployment into its cache, so a decision model stored
 * before the policy existed cannot be evaluated either.
 *
 * <p>At start-up it refuses to run an engine whose DMN defaults are not FEEL (the FEEL legacy
 * behaviour makes JUEL the default of input expressions, output entries and literal
 * expressions), because the policy lets elements without an expression language through.
 */
public class DecisionModelEnginePlugin extends AbstractProcessEnginePlugin {

  private final DecisionModelPolicy policy;

  public DecisionModelEnginePlugin(DecisionModelPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isDmnFeelEnableLegacyBehavior()) {
      throw new IllegalStateException(
          "The FEEL legacy behaviour of the DMN engine makes JUEL a default expression language;"
              + " decision models may only use FEEL: turn it off");
    }
    List<Deployer> preDeployers =
        configuration.getCustomPreDeployers() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPreDeployers());
    preDeployers.add(0, new PolicyDeployer(policy));
    configuration.setCustomPreDeployers(preDeployers);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    Map<String, String> defaults =
        Map.of(
            "input expressions", String.valueOf(dmn.getDefaultInputExpressionExpressionLanguage()),
            "input entries", String.valueOf(dmn.getDefaultInputEntryExpressionLanguage()),
            "output entries", String.valueOf(dmn.getDefaultOutputEntryExpressionLanguage()),
            "literal expressions", String.valueOf(dmn.getDefaultLiteralExpressionLanguage()));
    defaults.forEach(
        (what, language) -> {
          if (!DecisionModelPolicy.isFeel(language)) {
            throw new IllegalStateException(
                "The DMN engine's default expression language of "
                    + what
                    + " is '"
                    + language
                    + "'; decision models may only use FEEL");
          }
        });
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // nothing to do
  }

  /** Runs the policy over the decision models of a deployment. */
  static final class PolicyDeployer implements Deployer {

    private final DecisionModelPolicy policy;

    PolicyDeployer(DecisionModelPolicy policy) {
      this.policy = policy;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
      Map<String, ResourceEntity> resources = deployment.getResources();
      if (resources == null) {
        return;
      }
      for (ResourceEntity resource : resources.values()) {
        if (DecisionModelPolicy.isDecisionModel(resource.getName())) {
          policy.check(resource.getName(), resource.getBytes());
        }
      }
    }
  }
}
