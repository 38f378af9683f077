package io.modelops.orchestrator.process;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Training results come from training pipelines only, and the one who supplied a result is on
 * record. For every command of an authenticated user (engine REST API, the webapps' engine API, the
 * Java API with an authentication):
 *
 * <ul>
 *   <li>fetching and locking, locking, completing, failing, reporting a BPMN error for, extending
 *       the lock of and unlocking external tasks only by members of {@code ci-pipelines} (403),
 *       except the evaluation tasks, which {@link EvaluationTaskCheck} keeps to evaluators. Setting
 *       retries or the priority of an external task stays with the authorizations (operations retry
 *       a failed training);
 *   <li>on a {@code model-retraining} instance, variable edits, modifications and the correlation
 *       of its messages (the training result, the candidate's decision) only by administrators
 *       (403): operations hold UPDATE_INSTANCE on retrainings only because Camunda asks for it to
 *       retry an external task, not to write a result or a champion into one.
 * </ul>
 *
 * The completion of a retraining's external task is recorded in {@link TrainingSupplyLog} with its
 * user ({@code system} without one), in the same transaction: the candidate's registration reads
 * the supplier from there, not from a variable.
 */
final class TrainingSupplyCheck extends CommandInterceptor {

  static final String SYSTEM = "system";

  private static final Set<String> RETRAINING_MESSAGES =
      Set.of(ModelRetraining.MESSAGE_RESULT_REPORTED, ModelRetraining.MESSAGE_CANDIDATE_DECIDED);

  private final String pipelineGroup;
  private final String adminGroup;
  private final Supplier<TrainingSupplyLog> supplyLog;

  TrainingSupplyCheck(
      String pipelineGroup, String adminGroup, Supplier<TrainingSupplyLog> supplyLog) {
    this.pipelineGroup = pipelineGroup;
    this.adminGroup = adminGroup;
    this.supplyLog = supplyLog;
  }

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    if (user != null) {
      List<String> groups = context.getAuthenticatedGroupIds();
      if (isWorkerCommand(command)
          && !EvaluationTaskCheck.evaluationOnly(command, context)
          && (groups == null || !groups.contains(pipelineGroup))) {
        throw new AuthorizationException(
            user
                + " may not fetch, lock, complete, fail or unlock external tasks: only training"
                + " pipelines ("
                + pipelineGroup
                + ") report training results. Operations retry a failed training by setting the"
                + " external task's retries.");
      }
      if (!(groups != null && groups.contains(adminGroup))) {
        checkRetrainingIntervention(command, context, user);
      }
    }
    String retraining = null;
    if (command instanceof CompleteExternalTaskCmd && context != null) {
      retraining =
          retrainingOfExternalTask(context, CommandFields.string(command, "externalTaskId"));
    }
    T result = next.execute(command);
    if (retraining != null) {
      supplyLog.get().supplied(user == null ? SYSTEM : user, retraining);
    }
    return result;
  }

  private static boolean isWorkerCommand(Command<?> command) {
    return command instanceof FetchExternalTasksCmd
        || command instanceof HandleExternalTaskCmd
        || command instanceof UnlockExternalTaskCmd;
  }

  private static void checkRetrainingIntervention(
      Command<?> command, CommandContext context, String user) {
    if (command instanceof AbstractSetVariableCmd
        || command instanceof AbstractRemoveVariableCmd
        || command instanceof AbstractPatchVariablesCmd) {
      String entityId = CommandFields.string(command, "entityId");
      boolean ofTask =
          command instanceof SetTaskVariablesCmd
              || command instanceof RemoveTaskVariablesCmd
              || command instanceof PatchTaskVariablesCmd;
      if (ofTask ? isRetrainingTask(context, entityId) : isRetrainingExecution(context, entityId)) {
        throw refused(user, "set or remove variables of a model retraining");
      }
    } else if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
      if (CommandFields.read(command, "processInstanceQuery") != null
          || CommandFields.read(command, "historicProcessInstanceQuery") != null
          || anyRetrainingExecution(context, ids(command, "processInstanceIds"))) {
        throw refused(user, "set variables of model retrainings");
      }
    } else if (command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd) {
      ProcessInstanceModificationBuilderImpl builder =
          (ProcessInstanceModificationBuilderImpl) CommandFields.read(command, "builder");
      if (isRetrainingExecution(context, builder.getProcessInstanceId())) {
        throw refused(user, "modify a model retraining");
      }
    } else if (command instanceof AbstractModificationCmd<?>) {
      ModificationBuilderImpl builder =
          (ModificationBuilderImpl) CommandFields.read(command, "builder");
      if (ModelRetraining.KEY.equals(
          LifecycleCommandCheck.keyOfDefinition(context, builder.getProcessDefinitionId()))) {
        throw refused(user, "modify model retrainings");
      }
    } else if (command instanceof AbstractCorrelateMessageCmd) {
      MessageCorrelationBuilderImpl builder =
          (MessageCorrelationBuilderImpl) CommandFields.read(command, "builder");
      if (builder.getMessageName() == null
          || RETRAINING_MESSAGES.contains(builder.getMessageName())) {
        throw refused(user, "correlate the messages of model retrainings");
      }
    } else if (command instanceof CorrelateAllMessageBatchCmd) {
      String name = CommandFields.string(command, "messageName");
      if (name == null || RETRAINING_MESSAGES.contains(name)) {
        throw refused(user, "correlate the messages of model retrainings");
      }
    }
  }

  private static AuthorizationException refused(String user, String what) {
    return new AuthorizationException(
        user
            + " may not "
            + what
            + ": training results are reported by training pipelines (POST"
            + " /api/retraining/{id}/result or the external task model-training), and only"
            + " administrators change a retraining outside its steps. Operations retry a failed"
            + " training by setting the external task's retries.");
  }

  @SuppressWarnings("unchecked")
  private static Collection<String> ids(Command<?> command, String field) {
    Object value = CommandFields.read(command, field);
    return value == null ? List.of() : (Collection<String>) value;
  }

  private static boolean anyRetrainingExecution(CommandContext context, Collection<String> ids) {
    for (String id : ids) {
      if (isRetrainingExecution(context, id)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRetrainingExecution(CommandContext context, String executionId) {
    if (executionId == null) {
      return false;
    }
    ExecutionEntity execution = context.getExecutionManager().findExecutionById(executionId);
    return execution != null
        && ModelRetraining.KEY.equals(
            LifecycleCommandCheck.keyOfDefinition(context, execution.getProcessDefinitionId()));
  }

  private static boolean isRetrainingTask(CommandContext context, String taskId) {
    if (taskId == null) {
      return false;
    }
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    return task != null
        && ModelRetraining.KEY.equals(
            LifecycleCommandCheck.keyOfDefinition(context, task.getProcessDefinitionId()));
  }

  /** The retraining instance an external task belongs to; null for other processes. */
  private static String retrainingOfExternalTask(CommandContext context, String externalTaskId) {
    if (externalTaskId == null) {
      return null;
    }
    ExternalTaskEntity task = context.getExternalTaskManager().findExternalTaskById(externalTaskId);
    if (task == null
        || !ModelRetraining.KEY.equals(
            LifecycleCommandCheck.keyOfDefinition(context, task.getProcessDefinitionId()))) {
      return null;
    }
    return task.getProcessInstanceId();
  }
}
