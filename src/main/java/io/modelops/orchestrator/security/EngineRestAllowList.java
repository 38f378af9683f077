package io.modelops.orchestrator.security;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;

/**
 * Which group may call which endpoint of Camunda's engine REST API ({@code /engine-rest/**}).
 *
 * <p>The engine REST API was made for trusted callers: it can modify and delete instances, set
 * variables, deploy, change users and authorizations. Camunda's authorizations decide on the
 * resources behind it, but they are coarse (one permission covers many endpoints). So each group
 * gets exactly the endpoints its work needs, and everything else is for administrators only ({@code
 * camunda-admin}). People work in Tasklist and Cockpit (the webapps' own API, under {@code
 * /camunda/api}) and with our API ({@code /api}); the engine REST API is for:
 *
 * <ul>
 *   <li>people who decide tasks from scripts: find, read, claim and complete their tasks (the
 *       engine still checks that the task is theirs, and the review rules apply);
 *   <li>training workers ({@code ci-pipelines}) and evaluation workers ({@code model-evaluators}):
 *       the external-task protocol (the engine keeps each to its own topic);
 *   <li>operations ({@code ml-ops}): incidents, failed jobs and their retries;
 *   <li>applications that evaluate deployed decision models ({@code DMN} deployment target).
 * </ul>
 *
 * <p>Paths are matched exactly (no trailing slash, no named-engine prefix {@code
 * /engine-rest/engine/{name}}: those spellings are for administrators only), so a request that is
 * not in this list is refused with 403 before the engine sees it.
 */
public final class EngineRestAllowList {

  /** The engine REST API's root. */
  public static final String ROOT = "/engine-rest";

  /** One allowed endpoint: method, path below {@link #ROOT} (Spring path pattern) and groups. */
  public record Rule(HttpMethod method, String path, List<String> groups, String purpose) {

    public String pattern() {
      return ROOT + path;
    }
  }

  /** People who decide tasks in Tasklist (and may do so over REST). */
  static final List<String> TASK_WORKERS =
      List.of(Groups.DATA_SCIENTISTS, Groups.VALIDATORS, Groups.RISK, Groups.OPS);

  /**
   * Callers of deployed decision models (as the DECISION_DEFINITION grants of IdentityBootstrap).
   */
  static final List<String> DECISION_CLIENTS =
      List.of(Groups.OPS, Groups.CI, Groups.DATA_SCIENTISTS);

  private static final List<String> OPS = List.of(Groups.OPS);

  /** External task workers: training (ci-pipelines) and evaluation (model-evaluators). */
  private static final List<String> WORKERS = List.of(Groups.CI, Groups.EVALUATORS);

  private static final List<Rule> RULES =
      List.of(
          rule(HttpMethod.GET, "/task", TASK_WORKERS, "find tasks"),
          rule(HttpMethod.POST, "/task", TASK_WORKERS, "find tasks"),
          rule(HttpMethod.GET, "/task/count", TASK_WORKERS, "count tasks"),
          rule(HttpMethod.POST, "/task/count", TASK_WORKERS, "count tasks"),
          rule(HttpMethod.GET, "/task/{id}", TASK_WORKERS, "read a task"),
          rule(HttpMethod.GET, "/task/{id}/variables", TASK_WORKERS, "read a task's evidence"),
          rule(HttpMethod.GET, "/task/{id}/form-variables", TASK_WORKERS, "read a task's form"),
          rule(HttpMethod.POST, "/task/{id}/claim", TASK_WORKERS, "claim a task"),
          rule(HttpMethod.POST, "/task/{id}/unclaim", TASK_WORKERS, "release a claimed task"),
          rule(HttpMethod.POST, "/task/{id}/complete", TASK_WORKERS, "decide a task"),
          rule(HttpMethod.POST, "/task/{id}/submit-form", TASK_WORKERS, "decide a task"),
          rule(
              HttpMethod.POST,
              "/external-task/fetchAndLock",
              WORKERS,
              "fetch work (training, evaluation)"),
          rule(HttpMethod.POST, "/external-task/{id}/complete", WORKERS, "report a result"),
          rule(HttpMethod.POST, "/external-task/{id}/failure", WORKERS, "report a failure"),
          rule(
              HttpMethod.POST, "/external-task/{id}/bpmnError", WORKERS, "report a business error"),
          rule(
              HttpMethod.POST, "/external-task/{id}/extendLock", WORKERS, "keep working on a task"),
          rule(HttpMethod.POST, "/external-task/{id}/unlock", WORKERS, "give a task back"),
          rule(HttpMethod.GET, "/incident", OPS, "list incidents"),
          rule(HttpMethod.GET, "/incident/count", OPS, "count incidents"),
          rule(HttpMethod.GET, "/job", OPS, "list jobs"),
          rule(HttpMethod.GET, "/job/count", OPS, "count jobs"),
          rule(HttpMethod.GET, "/job/{id}", OPS, "read a job"),
          rule(HttpMethod.GET, "/job/{id}/stacktrace", OPS, "read a failed job's stack trace"),
          rule(HttpMethod.PUT, "/job/{id}/retries", OPS, "retry a failed job"),
          rule(HttpMethod.GET, "/external-task", OPS, "list external tasks"),
          rule(HttpMethod.GET, "/external-task/count", OPS, "count external tasks"),
          rule(HttpMethod.GET, "/external-task/{id}/errorDetails", OPS, "read a worker's error"),
          rule(HttpMethod.PUT, "/external-task/{id}/retries", OPS, "retry a failed external task"),
          rule(
              HttpMethod.POST,
              "/decision-definition/key/{key}/evaluate",
              DECISION_CLIENTS,
              "evaluate a production decision model"),
          rule(
              HttpMethod.POST,
              "/decision-definition/key/{key}/tenant-id/{tenant}/evaluate",
              DECISION_CLIENTS,
              "evaluate a staging or canary decision model"));

  private EngineRestAllowList() {}

  private static Rule rule(HttpMethod method, String path, List<String> groups, String purpose) {
    return new Rule(method, path, groups, purpose);
  }

  /** Every rule, in a stable order (the order of the table in docs/security.md). */
  public static List<Rule> rules() {
    return RULES;
  }

  /** The Spring Security authorities a rule admits: its groups and administrators. */
  static String[] authorities(Rule rule) {
    return Stream.concat(rule.groups().stream(), Stream.of(Groups.ADMIN))
        .distinct()
        .map(Groups::authority)
        .toArray(String[]::new);
  }
}
