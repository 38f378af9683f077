package io.modelops.orchestrator.process;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.ModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.RestartProcessInstanceBuilderImpl;
import org.camunda.bpm.engine.impl.UpdateProcessInstancesSuspensionStateBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessInstanceStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Only the orchestrator starts lifecycles, and people do not steer a running one outside its tasks.
 * For every command of an authenticated user (engine REST API, the webapps' engine API, the Java
 * API with an authentication; the orchestrator's own steps run without one):
 *
 * <ul>
 *   <li>no start of {@code model-lifecycle}, {@code model-retraining} or {@code model-evaluation}
 *       (called by the others) by key, id, start form, at activities or as a restart, whoever asks,
 *       administrators included (403). Starts by message, signal, condition or call activity are
 *       refused by {@link #startBackstop()} when a user is authenticated, which sees every new
 *       instance of the three processes however it was started;
 *   <li>on a {@code model-lifecycle} instance: a modification of that one instance only by an
 *       administrator and with an annotation (403 for others, 400 without the reason); batch
 *       modifications (recorded without their instances), deletions, migration, variable edits and
 *       suspension, which carry no reason in Camunda's API or lose the instance, are refused (403).
 *       The reason then goes with the operation into the audit chain (user operation log);
 *   <li>on a {@code model-lifecycle} task or execution: no BPMN error or escalation on a task, no
 *       signal or message trigger of an execution, none of the lifecycle's own messages (403), for
 *       administrators too: they carry no reason and skip the decision listeners; completing a task
 *       sets only its decision fields (other variables it carries must be unchanged).
 * </ul>
 *
 * Authorizations still apply after this check: operations (ml-ops) hold no permission to modify or
 * delete lifecycles in the first place.
 */
final class LifecycleCommandCheck extends CommandInterceptor {

  /** Processes that only the orchestrator starts. */
  static final Set<String> STARTED_BY_ORCHESTRATOR =
      Set.of(ModelLifecycle.KEY, ModelRetraining.KEY, ModelEvaluation.KEY, FindingRemediation.KEY);

  /**
   * Processes whose running instances people change only through their tasks (and administrators as
   * break glass): the lifecycles, the independent evaluations they call and the remediations of
   * findings.
   */
  static final Set<String> GOVERNED =
      Set.of(ModelLifecycle.KEY, ModelEvaluation.KEY, FindingRemediation.KEY);

  /** Messages of {@code model-lifecycle}: only the orchestrator sends them. */
  static final Set<String> LIFECYCLE_MESSAGES =
      Set.of(
          ModelLifecycle.MESSAGE_REPLACED,
          ModelLifecycle.MESSAGE_ROLLBACK,
          ModelLifecycle.MESSAGE_STOP,
          ModelLifecycle.MESSAGE_RESTORED,
          ModelLifecycle.MESSAGE_SUPERSEDED,
          FindingRemediation.MESSAGE_RISK_ACCEPTED);

  private static final String MODIFY_INSTEAD =
      " Administrators who must change a lifecycle (break glass) do it by a process instance"
          + " modification with an annotation that gives the reason (it may set variables);"
          + " it is recorded in the audit log.";

  private static final String ANNOTATION =
      "give it as the modification's 'annotation' (a modification may also set variables)";

  private final String adminGroup;

  LifecycleCommandCheck(String adminGroup) {
    this.adminGroup = adminGroup;
  }

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    if (user != null) {
      checkStart(command, context, user);
      List<String> groups = context.getAuthenticatedGroupIds();
      checkIntervention(command, context, user, groups != null && groups.contains(adminGroup));
    }
    return next.execute(command);
  }

  private static void checkStart(Command<?> command, CommandContext context, String user) {
    String key = null;
    if (command instanceof StartProcessInstanceCmd
        || command instanceof StartProcessInstanceAtActivitiesCmd) {
      ProcessInstantiationBuilderImpl builder =
          (ProcessInstantiationBuilderImpl) CommandFields.read(command, "instantiationBuilder");
      key =
          builder.getProcessDefinitionKey() != null
              ? builder.getProcessDefinitionKey()
              : keyOfDefinition(context, builder.getProcessDefinitionId());
    } else if (command instanceof SubmitStartFormCmd) {
      key = keyOfDefinition(context, CommandFields.string(command, "processDefinitionId"));
    } else if (command instanceof AbstractRestartProcessInstanceCmd<?>) {
      RestartProcessInstanceBuilderImpl builder =
          (RestartProcessInstanceBuilderImpl) CommandFields.read(command, "builder");
      key = keyOfDefinition(context, builder.getProcessDefinitionId());
    }
    if (key != null && STARTED_BY_ORCHESTRATOR.contains(key)) {
      throw startRefused(user, key);
    }
  }

  static AuthorizationException startRefused(String user, String key) {
    return new AuthorizationException(
        user
            + " may not start "
            + key
            + ": only the orchestrator starts lifecycles and retrainings. Register a version with"
            + " POST /api/models/{name}/versions, request a retraining with"
            + " POST /api/models/{name}/retrain, roll back with POST /api/models/{name}/rollback.");
  }

  private static void checkIntervention(
      Command<?> command, CommandContext context, String user, boolean administrator) {
    if (command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd) {
      ProcessInstanceModificationBuilderImpl builder =
          (ProcessInstanceModificationBuilderImpl) CommandFields.read(command, "builder");
      if (isLifecycleInstance(context, builder.getProcessInstanceId())) {
        requireReason(
            builder.getAnnotation(), user, administrator, "modify a model lifecycle", ANNOTATION);
      }
    } else if (command instanceof AbstractModificationCmd<?>) {
      ModificationBuilderImpl builder =
          (ModificationBuilderImpl) CommandFields.read(command, "builder");
      if (isLifecycleDefinition(context, builder.getProcessDefinitionId())) {
        // Camunda records such a modification without the instances it touched: it could not be
        // listed in the versions' reports
        throw refused(
            user,
            "modify model lifecycles in a batch: change one lifecycle at a time, so that the"
                + " intervention is on that version's record.");
      }
    } else if (command instanceof AbstractMigrationCmd) {
      MigrationPlanExecutionBuilderImpl builder =
          (MigrationPlanExecutionBuilderImpl) CommandFields.read(command, "executionBuilder");
      MigrationPlan plan = builder.getMigrationPlan();
      if (plan == null
          || isLifecycleDefinition(context, plan.getSourceProcessDefinitionId())
          || isLifecycleDefinition(context, plan.getTargetProcessDefinitionId())) {
        throw refused(user, "migrate model lifecycles: a migration carries no reason.");
      }
    } else if (command instanceof DeleteProcessInstanceCmd) {
      if (isLifecycleInstance(context, CommandFields.string(command, "processInstanceId"))) {
        throw deletionRefused(user);
      }
    } else if (command instanceof DeleteProcessInstancesCmd) {
      if (anyLifecycleInstance(context, ids(command, "processInstanceIds"))) {
        throw deletionRefused(user);
      }
    } else if (command instanceof DeleteProcessInstanceBatchCmd) {
      if (usesQuery(command) || anyLifecycleInstance(context, ids(command, "processInstanceIds"))) {
        throw deletionRefused(user);
      }
    } else if (command instanceof AbstractSetVariableCmd
        || command instanceof AbstractRemoveVariableCmd) {
      String entityId = CommandFields.string(command, "entityId");
      boolean ofTask =
          command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd;
      if (ofTask ? isLifecycleTask(context, entityId) : isLifecycleExecution(context, entityId)) {
        throw variablesRefused(user);
      }
    } else if (command instanceof AbstractPatchVariablesCmd) {
      String entityId = CommandFields.string(command, "entityId");
      boolean ofTask = command instanceof PatchTaskVariablesCmd;
      if (ofTask ? isLifecycleTask(context, entityId) : isLifecycleExecution(context, entityId)) {
        throw variablesRefused(user);
      }
    } else if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
      if (usesQuery(command) || anyLifecycleInstance(context, ids(command, "processInstanceIds"))) {
        throw variablesRefused(user);
      }
    } else if (command instanceof AbstractSetProcessInstanceStateCmd) {
      if (isLifecycleInstance(context, CommandFields.string(command, "processInstanceId"))
          || isLifecycleDefinition(context, CommandFields.string(command, "processDefinitionId"))
          || GOVERNED.contains(CommandFields.string(command, "processDefinitionKey"))) {
        throw suspensionRefused(user);
      }
    } else if (command instanceof AbstractSetProcessDefinitionStateCmd) {
      if (isLifecycleDefinition(context, CommandFields.string(command, "processDefinitionId"))
          || GOVERNED.contains(CommandFields.string(command, "processDefinitionKey"))) {
        throw suspensionRefused(user);
      }
    } else if (command instanceof AbstractUpdateProcessInstancesSuspendStateCmd<?>) {
      UpdateProcessInstancesSuspensionStateBuilderImpl builder =
          (UpdateProcessInstancesSuspensionStateBuilderImpl) CommandFields.read(command, "builder");
      if (builder.getProcessInstanceQuery() != null
          || builder.getHistoricProcessInstanceQuery() != null
          || isLifecycleDefinition(context, CommandFields.string(builder, "processDefinitionId"))
          || anyLifecycleInstance(context, builder.getProcessInstanceIds())) {
        throw suspensionRefused(user);
      }
    } else if (command instanceof HandleTaskBpmnErrorCmd
        || command instanceof HandleTaskEscalationCmd) {
      if (isLifecycleTask(context, CommandFields.string(command, "taskId"))) {
        throw refused(
            user,
            "end a model lifecycle task with a BPMN error or an escalation: its decision is made"
                + " by completing it with its form, and recorded.");
      }
    } else if (command instanceof SignalCmd || command instanceof MessageEventReceivedCmd) {
      if (isLifecycleExecution(context, CommandFields.string(command, "executionId"))) {
        throw refused(
            user,
            "signal or trigger an execution of a model lifecycle: it carries no reason and no"
                + " decision.");
      }
    } else if (command instanceof AbstractCorrelateMessageCmd
        || command instanceof CorrelateAllMessageBatchCmd) {
      if (LIFECYCLE_MESSAGES.contains(CommandFields.string(command, "messageName"))) {
        throw refused(
            user,
            "send the model lifecycle's own messages: rollback and stop are requested with POST"
                + " /api/models/{name}/rollback and POST /api/models/{name}/versions/{version}/stop,"
                + " which check and record who asks.");
      }
    } else if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      String taskId = CommandFields.string(command, "taskId");
      if (isLifecycleTask(context, taskId)) {
        Object variables =
            CommandFields.read(
                command, command instanceof CompleteTaskCmd ? "variables" : "properties");
        checkDecisionVariables(context.getTaskManager().findTaskById(taskId), variables, user);
      }
    }
  }

  /**
   * A lifecycle task's completion may set its decision fields ({@link
   * ModelLifecycle#DECISION_FIELDS}); any other variable it carries must hold the value the
   * lifecycle already has (Tasklist sends the form's read-only fields back unchanged). Nothing else
   * of the lifecycle is written by completing a task.
   */
  private static void checkDecisionVariables(TaskEntity task, Object given, String user) {
    if (!(given instanceof Map<?, ?> variables) || variables.isEmpty()) {
      return;
    }
    Set<String> decisionFields =
        ModelLifecycle.DECISION_FIELDS.getOrDefault(
            task.getTaskDefinitionKey(),
            FindingRemediation.DECISION_FIELDS.getOrDefault(task.getTaskDefinitionKey(), Set.of()));
    for (Object key : variables.keySet()) {
      String name = String.valueOf(key);
      if (decisionFields.contains(name)) {
        continue;
      }
      // typed access: a VariableMap's plain values would deserialize object values
      Object value =
          variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(key);
      if (!unchanged(task, name, value)) {
        throw refused(
            user,
            "set '"
                + name
                + "' when completing '"
                + task.getName()
                + "': a decision sets only "
                + decisionFields.stream().sorted().toList()
                + ".");
      }
    }
  }

  /**
   * A lifecycle is evidence: it is not deleted. Camunda's deletions either carry no reason or are
   * recorded without the instances they touched.
   */
  private static AuthorizationException deletionRefused(String user) {
    return refused(
        user,
        "delete a model lifecycle: it is the version's evidence. To end one as break glass,"
            + " cancel its activities in a modification with an annotation; to take a version out"
            + " of service use POST /api/models/{name}/versions/{version}/stop.");
  }

  /**
   * Break glass is for administrators, and only with a reason. Others are refused whatever they
   * give (403): operations retry jobs and incidents, they do not steer lifecycles.
   */
  private static void requireReason(
      String reason, String user, boolean administrator, String what, String how) {
    if (!administrator) {
      throw new AuthorizationException(
          user
              + " may not "
              + what
              + ": only administrators change a lifecycle outside its tasks, as break glass with a"
              + " reason. Operations retry failed jobs and incidents.");
    }
    if (reason == null || reason.isBlank()) {
      throw new BadUserRequestException(
          user
              + " may "
              + what
              + " only as break glass, with a reason (e.g. the incident number): "
              + how
              + ". The reason is recorded in the audit log.");
    }
  }

  /** Whether a value given with a completion is the value the lifecycle already holds. */
  private static boolean unchanged(TaskEntity task, String name, Object given) {
    if (given instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      // an object value as sent over REST: compare the serialized forms, never deserialize it
      return task.getVariableTyped(name, false) instanceof SerializableValue current
          && Objects.equals(serializable.getValueSerialized(), current.getValueSerialized());
    }
    Object value = given instanceof TypedValue typed ? typed.getValue() : given;
    return Objects.equals(value, task.getVariable(name));
  }

  private static AuthorizationException variablesRefused(String user) {
    return refused(
        user,
        "set or remove variables of a model lifecycle: a variable edit carries no reason, and"
            + " decisions are made in the lifecycle's tasks.");
  }

  private static AuthorizationException suspensionRefused(String user) {
    return refused(
        user,
        "suspend or activate model lifecycles: a suspension carries no reason. To stop a"
            + " model version use POST /api/models/{name}/versions/{version}/stop.");
  }

  private static AuthorizationException refused(String user, String what) {
    return new AuthorizationException(user + " may not " + what + MODIFY_INSTEAD);
  }

  private static boolean usesQuery(Command<?> command) {
    return CommandFields.read(command, "processInstanceQuery") != null
        || CommandFields.read(command, "historicProcessInstanceQuery") != null;
  }

  @SuppressWarnings("unchecked")
  private static Collection<String> ids(Command<?> command, String field) {
    Object value = CommandFields.read(command, field);
    return value == null ? List.of() : (Collection<String>) value;
  }

  private static boolean anyLifecycleInstance(CommandContext context, Collection<String> ids) {
    if (ids == null) {
      return false;
    }
    for (String id : ids) {
      if (isLifecycleInstance(context, id)) {
        return true;
      }
    }
    return false;
  }

  static boolean isLifecycleInstance(CommandContext context, String processInstanceId) {
    return isLifecycleExecution(context, processInstanceId);
  }

  static boolean isLifecycleExecution(CommandContext context, String executionId) {
    if (executionId == null) {
      return false;
    }
    ExecutionEntity execution = context.getExecutionManager().findExecutionById(executionId);
    return execution != null && isLifecycleDefinition(context, execution.getProcessDefinitionId());
  }

  static boolean isLifecycleTask(CommandContext context, String taskId) {
    if (taskId == null) {
      return false;
    }
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    return task != null && isLifecycleDefinition(context, task.getProcessDefinitionId());
  }

  static boolean isLifecycleDefinition(CommandContext context, String processDefinitionId) {
    String key = keyOfDefinition(context, processDefinitionId);
    return key != null && GOVERNED.contains(key);
  }

  /** The key of a deployed process definition; null for null or unknown ids. */
  static String keyOfDefinition(CommandContext context, String processDefinitionId) {
    if (processDefinitionId == null) {
      return null;
    }
    var definition =
        context
            .getProcessEngineConfiguration()
            .getDeploymentCache()
            .findProcessDefinitionFromCache(processDefinitionId);
    if (definition == null) {
      definition =
          context.getProcessDefinitionManager().findLatestDefinitionById(processDefinitionId);
    }
    return definition == null ? null : definition.getKey();
  }

  /**
   * Sees every new instance of the processes only the orchestrator starts, however it was started
   * (message, signal, condition, anything the command check does not name), and refuses it when a
   * user is authenticated. It acts on the engine's "process instance started" history event, which
   * the engine produces for every start (history level {@code activity} or higher, checked when the
   * engine starts).
   */
  static HistoryEventHandler startBackstop() {
    return new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricProcessInstanceEventEntity instance
            && HistoryEventTypes.PROCESS_INSTANCE_START
                .getEventName()
                .equals(instance.getEventType())
            && STARTED_BY_ORCHESTRATOR.contains(instance.getProcessDefinitionKey())) {
          CommandContext context = Context.getCommandContext();
          String user = context == null ? null : context.getAuthenticatedUserId();
          if (user != null) {
            throw startRefused(user, instance.getProcessDefinitionKey());
          }
        }
      }

      @Override
      public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
      }
    };
  }
}
