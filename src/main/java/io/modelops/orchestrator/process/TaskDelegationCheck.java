package io.modelops.orchestrator.process;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The orchestrator's tasks are decided by the people the task is for, not delegated: a user may not
 * delegate a task nor resolve it. Resolving sets variables without completing the task, so it would
 * write a decision (e.g. {@code reviewDecision}) into the lifecycle past the rules that check a
 * decision at completion. Refused with an {@link AuthorizationException} (403 in both REST APIs);
 * the engine's own work (no authenticated user) is not affected.
 */
final class TaskDelegationCheck extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof DelegateTaskCmd || command instanceof ResolveTaskCmd) {
      CommandContext context = Context.getCommandContext();
      String user = context == null ? null : context.getAuthenticatedUserId();
      if (user != null) {
        throw new AuthorizationException(
            "Tasks of model lifecycles are not delegated or resolved: "
                + user
                + " may decide the task if it is theirs, or give it back (unclaim)");
      }
    }
    return next.execute(command);
  }
}
