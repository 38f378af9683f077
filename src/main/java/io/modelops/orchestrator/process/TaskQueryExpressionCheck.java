package io.modelops.orchestrator.process;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;

/**
 * The decisive check against code in task queries, inside the engine: every command the engine
 * executes, for whoever calls it (engine REST API, the webapps, the Java API), is looked at before
 * it runs.
 *
 * <ul>
 *   <li>an ad-hoc query (the query object is itself the command): its expressions and those of
 *       every or-query;
 *   <li>a filter execution ({@link AbstractExecuteFilterCmd}: list, list page, count, single
 *       result): the extending query and the stored filter's own query;
 *   <li>a filter save ({@link SaveFilterCmd}): a filter cannot be stored with a forbidden
 *       expression.
 * </ul>
 *
 * An expression that is not one of {@link TaskQueryExpressions Tasklist's filter functions} is
 * refused with a {@link BadUserRequestException} (400 in both REST APIs) naming the criterion.
 *
 * <p>The engine switch {@code enableExpressionsInAdhocQueries=false} alone is not enough: it does
 * not look into or-queries. The filter commands keep their filter id and extending query in
 * protected fields without getters; they are read by reflection, resolved once at start-up so that
 * an engine version without them stops the application instead of leaving the check out.
 */
final class TaskQueryExpressionCheck extends CommandInterceptor {

  private static final Field FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");
  private static final Field EXTENDING_QUERY =
      field(AbstractExecuteFilterCmd.class, "extendingQuery");
  private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");

  @Override
  public <T> T execute(Command<T> command) {
    check(command);
    return next.execute(command);
  }

  private static void check(Command<?> command) {
    if (command instanceof AbstractQuery<?, ?> query) {
      checkQuery(query, "query");
    } else if (command instanceof AbstractExecuteFilterCmd) {
      Object extending = read(EXTENDING_QUERY, command);
      if (extending instanceof AbstractQuery<?, ?> query) {
        checkQuery(query, "extending query");
      }
      Object filterId = read(FILTER_ID, command);
      CommandContext context = Context.getCommandContext();
      if (filterId instanceof String id && context != null) {
        // without the authorization check: the command itself checks READ on the filter
        FilterEntity filter = context.getDbEntityManager().selectById(FilterEntity.class, id);
        if (filter != null && filter.getQuery() instanceof AbstractQuery<?, ?> stored) {
          checkQuery(stored, "filter '" + filter.getName() + "'");
        }
      }
    } else if (command instanceof SaveFilterCmd) {
      Object filter = read(SAVED_FILTER, command);
      if (filter instanceof Filter saved && saved.getQuery() instanceof AbstractQuery<?, ?> query) {
        checkQuery(query, "filter '" + saved.getName() + "'");
      }
    }
  }

  private static void checkQuery(AbstractQuery<?, ?> query, String where) {
    if (query instanceof TaskQueryImpl taskQuery) {
      List<TaskQueryImpl> queries = taskQuery.getQueries();
      for (int i = 0; i < queries.size(); i++) {
        TaskQueryImpl part = queries.get(i);
        checkExpressions(
            part.getExpressions(), i == 0 ? where : where + ", orQueries[" + (i - 1) + "]");
      }
    } else {
      checkExpressions(query.getExpressions(), where);
    }
  }

  private static void checkExpressions(Map<String, String> expressions, String where) {
    if (expressions == null) {
      return;
    }
    for (Map.Entry<String, String> expression : expressions.entrySet()) {
      if (!TaskQueryExpressions.isAllowed(expression.getValue())) {
        throw new BadUserRequestException(
            "Expression not allowed in the task query ("
                + where
                + ", criterion "
                + expression.getKey()
                + "Expression): only "
                + TaskQueryExpressions.ALLOWED_FORMS
                + " are allowed");
      }
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "This Camunda version has no "
              + type.getName()
              + "."
              + name
              + ": the task query expression check cannot work",
          e);
    }
  }

  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
