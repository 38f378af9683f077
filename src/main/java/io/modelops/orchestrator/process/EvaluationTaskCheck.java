package io.modelops.orchestrator.process;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockExternalTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;

/**
 * Independent evaluations come from evaluators only, and their results reach the engine only
 * through the orchestrator. For every command of an authenticated user (engine REST API, the
 * webapps' engine API, the Java API with an authentication), on external tasks of topic {@code
 * model-evaluation} or of the process {@code model-evaluation}:
 *
 * <ul>
 *   <li>fetching and locking, locking, failing, reporting a BPMN error for, extending the lock of
 *       and unlocking only by members of the evaluators' group (403), administrators included: an
 *       evaluation is not work for registrants, data scientists, training pipelines or operators;
 *   <li>completing by nobody (403): an evaluator posts the computed metrics to {@code POST
 *       /api/evaluations/{id}/results}, which checks and stores them and then completes the task on
 *       the orchestrator's own behalf.
 * </ul>
 *
 * Setting retries of a failed evaluation task stays with the authorizations (operations). {@link
 * TrainingSupplyCheck} leaves the commands this check covers alone.
 */
final class EvaluationTaskCheck extends CommandInterceptor {

  private final String evaluatorGroup;

  EvaluationTaskCheck(String evaluatorGroup) {
    this.evaluatorGroup = evaluatorGroup;
  }

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    if (user != null && concernsEvaluation(command, context)) {
      if (command instanceof CompleteExternalTaskCmd) {
        throw new AuthorizationException(
            user
                + " may not complete an evaluation task through the engine: evaluators post the"
                + " computed metrics to POST /api/evaluations/{id}/results, which completes it.");
      }
      List<String> groups = context.getAuthenticatedGroupIds();
      if (groups == null || !groups.contains(evaluatorGroup)) {
        throw new AuthorizationException(
            user
                + " may not fetch, lock, fail or unlock evaluation tasks ("
                + ModelEvaluation.TOPIC_EVALUATION
                + "): only evaluators ("
                + evaluatorGroup
                + ") evaluate model versions. Operations retry a failed evaluation by setting the"
                + " external task's retries.");
      }
    }
    return next.execute(command);
  }

  /**
   * Whether a worker command asks for or acts on an evaluation task: a fetch that names the topic,
   * or a command on a task of the topic or of the evaluation process.
   */
  static boolean concernsEvaluation(Command<?> command, CommandContext context) {
    if (command instanceof FetchExternalTasksCmd) {
      Object instructions = CommandFields.read(command, "fetchInstructions");
      return instructions instanceof Map<?, ?> topics
          && topics.containsKey(ModelEvaluation.TOPIC_EVALUATION);
    }
    if (command instanceof HandleExternalTaskCmd || command instanceof UnlockExternalTaskCmd) {
      return isEvaluationTask(context, CommandFields.string(command, "externalTaskId"));
    }
    return false;
  }

  /**
   * Whether a fetch asks for evaluation tasks only, or a command acts on one: the evaluators' work,
   * which needs no membership of the training pipelines' group.
   */
  static boolean evaluationOnly(Command<?> command, CommandContext context) {
    if (command instanceof FetchExternalTasksCmd) {
      Object instructions = CommandFields.read(command, "fetchInstructions");
      return instructions instanceof Map<?, ?> topics
          && !topics.isEmpty()
          && topics.keySet().stream().allMatch(ModelEvaluation.TOPIC_EVALUATION::equals);
    }
    return concernsEvaluation(command, context);
  }

  private static boolean isEvaluationTask(CommandContext context, String externalTaskId) {
    if (externalTaskId == null || context == null) {
      return false;
    }
    ExternalTaskEntity task = context.getExternalTaskManager().findExternalTaskById(externalTaskId);
    return task != null
        && (ModelEvaluation.TOPIC_EVALUATION.equals(task.getTopicName())
            || ModelEvaluation.KEY.equals(
                LifecycleCommandCheck.keyOfDefinition(context, task.getProcessDefinitionId())));
  }
}
