package io.modelops.orchestrator.process;

import io.modelops.orchestrator.security.Groups;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Hardens the process engine where the decisive checks belong, inside it:
 *
 * <ul>
 *   <li>every task query, filter execution and filter save is checked for expressions beyond
 *       Tasklist's filter functions ({@link TaskQueryExpressionCheck});
 *   <li>people do not delegate or resolve tasks ({@link TaskDelegationCheck});
 *   <li>only the orchestrator starts lifecycles and retrainings, and people change a running
 *       lifecycle outside its tasks only as break glass, with a reason ({@link
 *       LifecycleCommandCheck});
 *   <li>a lifecycle task is held only by someone who may decide it, and only administrators change
 *       its candidates ({@link TaskAssignmentCheck});
 *   <li>only training pipelines work on external tasks, only administrators change a retraining
 *       outside its steps, and who completed a training is recorded ({@link TrainingSupplyCheck});
 *   <li>the expression language cannot reach reflection, processes or the engine's internals, and
 *       sees only the orchestrator's own beans ({@link GuardedExpressionManager});
 *   <li>object variables are deserialized only into allow-listed classes, and the APIs refuse to
 *       store others ({@link AllowListDeserializationTypeValidator}, {@link ValidatedObjectType}).
 * </ul>
 *
 * Like {@link EngineInternals}, these classes use {@code org.camunda.bpm.engine.impl}; they live
 * next to it so that all such uses stay in this package.
 */
@Component
class EngineHardeningPlugin implements ProcessEnginePlugin {

  private final ApplicationContext applicationContext;

  public EngineHardeningPlugin(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new GuardedExpressionManager(applicationContext));
    configuration.setCustomPostCommandInterceptorsTxRequired(
        withCheck(configuration.getCustomPostCommandInterceptorsTxRequired()));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(
        withCheck(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
    configuration.setDeserializationTypeValidator(new AllowListDeserializationTypeValidator());
    List<HistoryEventHandler> handlers =
        configuration.getCustomHistoryEventHandlers() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(LifecycleCommandCheck.startBackstop());
    configuration.setCustomHistoryEventHandlers(handlers);
    configuration.setDeserializationTypeValidationEnabled(true);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // The start backstop sees history events (null: level "auto", resolved later from the database)
    if (configuration.getHistoryLevel() != null
        && !configuration
            .getHistoryLevel()
            .isHistoryEventProduced(HistoryEventTypes.PROCESS_INSTANCE_START, null)) {
      throw new IllegalStateException(
          "History level "
              + configuration.getHistoryLevel().getName()
              + " records no process starts:"
              + " the check that only the orchestrator starts lifecycles needs 'activity' or higher");
    }
    // whatever the properties said: fail closed
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration
        .getValueTypeResolver()
        .addType(new ValidatedObjectType(configuration.getDeserializationTypeValidator()));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // nothing to do after the build
  }

  private List<CommandInterceptor> withCheck(List<CommandInterceptor> interceptors) {
    List<CommandInterceptor> result =
        interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    result.add(0, new TaskQueryExpressionCheck());
    result.add(1, new TaskDelegationCheck());
    result.add(2, new LifecycleCommandCheck(Groups.ADMIN));
    result.add(
        3,
        new TaskAssignmentCheck(
            () -> applicationContext.getBean(TaskDeciders.class), Groups.ADMIN));
    result.add(4, new EvaluationTaskCheck(Groups.EVALUATORS));
    result.add(
        5,
        new TrainingSupplyCheck(
            Groups.CI, Groups.ADMIN, () -> applicationContext.getBean(TrainingSupplyLog.class)));
    return result;
  }
}
