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
 * Puts {@link DecisionModelPolicy} and {@link ProcessModelPolicy} inside the engine: a deployer
 * that runs before the engine's own checks every decision, process and case model of every
 * deployment, whoever makes it (the DMN deployment target, the engine REST API's {@code
 * deployment/create}, the Java API, the auto-deployment of {@code processes/}), and refuses the
 * whole deployment when a decision model is not plain FEEL or a process or case model carries code
 * (scripts, class names, connectors). It also runs when the engine loads a stored deployment into
 * its cache, so a model stored before the policies existed cannot be run either.
 *
 * <p>At start-up it refuses to run an engine whose DMN defaults are not FEEL (the FEEL legacy
 * behaviour makes JUEL the default of input expressions, output entries and literal expressions),
 * because the policy lets elements without an expression language through.
 */
class ModelPolicyEnginePlugin extends AbstractProcessEnginePlugin {

  private final DecisionModelPolicy decisionModels;
  private final ProcessModelPolicy processModels;

  public ModelPolicyEnginePlugin(
      DecisionModelPolicy decisionModels, ProcessModelPolicy processModels) {
    this.decisionModels = decisionModels;
    this.processModels = processModels;
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
    preDeployers.add(0, new PolicyDeployer(decisionModels, processModels));
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

  /** Runs the policies over the decision, process and case models of a deployment. */
  static final class PolicyDeployer implements Deployer {

    private final DecisionModelPolicy decisionModels;
    private final ProcessModelPolicy processModels;

    PolicyDeployer(DecisionModelPolicy decisionModels, ProcessModelPolicy processModels) {
      this.decisionModels = decisionModels;
      this.processModels = processModels;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
      Map<String, ResourceEntity> resources = deployment.getResources();
      if (resources == null) {
        return;
      }
      for (ResourceEntity resource : resources.values()) {
        if (DecisionModelPolicy.isDecisionModel(resource.getName())) {
          decisionModels.check(resource.getName(), resource.getBytes());
        }
        if (ProcessModelPolicy.isProcessModel(resource.getName())) {
          processModels.check(resource.getName(), resource.getBytes());
        }
      }
    }
  }
}
