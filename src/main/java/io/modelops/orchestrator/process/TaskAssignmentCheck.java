package io.modelops.orchestrator.process;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * A task of a model lifecycle is held only by someone who may decide it, and its candidates are
 * changed only by administrators. For every command of an authenticated user on such a task:
 *
 * <ul>
 *   <li>claim, set assignee, set owner, an identity link of type assignee or owner, and {@code
 *       saveTask} with a changed assignee or owner are refused (403) when the target user is not a
 *       candidate (member of a candidate group, or a candidate user), registered the version, or
 *       (review, release and canary tasks) already decided on it ({@link TaskDeciders}). Giving a
 *       task back (no assignee) is always allowed;
 *   <li>adding or removing candidate users and groups (any identity link but assignee and owner) is
 *       refused for everyone but administrators; an administrator's change is in the user operation
 *       log and so in the audit chain, and the decision rules still apply to whoever then decides.
 * </ul>
 */
final class TaskAssignmentCheck extends CommandInterceptor {

  private final Supplier<TaskDeciders> deciders;
  private final String adminGroup;

  TaskAssignmentCheck(Supplier<TaskDeciders> deciders, String adminGroup) {
    this.deciders = deciders;
    this.adminGroup = adminGroup;
  }

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    if (user != null) {
      check(command, context, user);
    }
    return next.execute(command);
  }

  private void check(Command<?> command, CommandContext context, String user) {
    if (command instanceof ClaimTaskCmd) {
      String target = CommandFields.string(command, "userId");
      if (target != null) {
        requireMayHold(
            context, lifecycleTask(context, CommandFields.string(command, "taskId")), target, user);
      }
    } else if (command instanceof AbstractAddIdentityLinkCmd) {
      TaskEntity task = lifecycleTask(context, CommandFields.string(command, "taskId"));
      String type = CommandFields.string(command, "type");
      if (isHolder(type)) {
        String target = CommandFields.string(command, "userId");
        if (target != null) {
          requireMayHold(context, task, target, user);
        }
      } else if (task != null) {
        requireAdministrator(context, user);
      }
    } else if (command instanceof DeleteIdentityLinkCmd) {
      TaskEntity task = lifecycleTask(context, CommandFields.string(command, "taskId"));
      if (task != null && !isHolder(CommandFields.string(command, "type"))) {
        requireAdministrator(context, user);
      }
    } else if (command instanceof SaveTaskCmd) {
      TaskEntity changed = (TaskEntity) CommandFields.read(command, "task");
      if (changed != null && changed.getId() != null && changed.getRevision() > 0) {
        checkSavedTask(context, changed, user);
      }
    }
  }

  /** saveTask: compares with the stored task, read in a transaction of its own. */
  private void checkSavedTask(CommandContext context, TaskEntity changed, String user) {
    TaskEntity stored =
        context
            .getProcessEngineConfiguration()
            .getCommandExecutorTxRequiresNew()
            .execute(c -> c.getTaskManager().findTaskById(changed.getId()));
    if (stored == null
        || !LifecycleCommandCheck.isLifecycleDefinition(context, stored.getProcessDefinitionId())) {
      return;
    }
    if (changed.getAssignee() != null && !changed.getAssignee().equals(stored.getAssignee())) {
      requireMayHold(context, stored, changed.getAssignee(), user);
    }
    if (changed.getOwner() != null && !changed.getOwner().equals(stored.getOwner())) {
      requireMayHold(context, stored, changed.getOwner(), user);
    }
    if (!Objects.equals(changed.getProcessInstanceId(), stored.getProcessInstanceId())
        || !Objects.equals(changed.getTaskDefinitionKey(), stored.getTaskDefinitionKey())) {
      throw new AuthorizationException(user + " may not move a task of a model lifecycle");
    }
  }

  private static boolean isHolder(String type) {
    return IdentityLinkType.ASSIGNEE.equals(type) || IdentityLinkType.OWNER.equals(type);
  }

  /** The task if it belongs to a model lifecycle, else null. */
  private static TaskEntity lifecycleTask(CommandContext context, String taskId) {
    if (taskId == null) {
      return null;
    }
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    return task != null
            && LifecycleCommandCheck.isLifecycleDefinition(context, task.getProcessDefinitionId())
        ? task
        : null;
  }

  private void requireAdministrator(CommandContext context, String user) {
    List<String> groups = context.getAuthenticatedGroupIds();
    if (groups == null || !groups.contains(adminGroup)) {
      throw new AuthorizationException(
          user
              + " may not change who the tasks of model lifecycles are for: candidate users and"
              + " groups of lifecycle tasks are changed by administrators only");
    }
  }

  private void requireMayHold(CommandContext context, TaskEntity task, String target, String user) {
    if (task == null) {
      return;
    }
    Set<String> candidateGroups = new HashSet<>();
    Set<String> candidateUsers = new HashSet<>();
    for (IdentityLinkEntity link : task.getIdentityLinks()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        if (link.getGroupId() != null) {
          candidateGroups.add(link.getGroupId());
        }
        if (link.getUserId() != null) {
          candidateUsers.add(link.getUserId());
        }
      }
    }
    boolean candidate = candidateUsers.contains(target);
    if (!candidate && !candidateGroups.isEmpty()) {
      List<Group> groups =
          context.runWithoutAuthorization(
              () ->
                  context
                      .getProcessEngineConfiguration()
                      .getIdentityService()
                      .createGroupQuery()
                      .groupMember(target)
                      .list());
      candidate = groups.stream().map(Group::getId).anyMatch(candidateGroups::contains);
    }
    String subject = "'" + task.getName() + "'";
    deciders
        .get()
        .whyNot(task.getProcessInstanceId(), task.getTaskDefinitionKey(), target)
        .ifPresent(
            why -> {
              throw refused(user, target, subject, why);
            });
    if (!candidate) {
      throw refused(
          user,
          target,
          subject,
          target + " is not a candidate of the task (" + candidateGroups + ")");
    }
  }

  private static AuthorizationException refused(
      String user, String target, String task, String why) {
    String who =
        user.equals(target)
            ? user + " may not claim "
            : user + " may not give " + task + " to " + target;
    return new AuthorizationException(
        "Segregation of duties: "
            + (user.equals(target) ? who + task : who)
            + ": a task is held only by someone who may decide it; "
            + why);
  }
}
