package io.modelops.orchestrator.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.findings.FindingsRegister;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.web.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks review (and release) decisions sent to the engine REST API ({@code POST
 * /engine-rest/task/{id}/complete} or {@code /submit-form}) before the engine sees them, so that
 * clients get a 403 (segregation of duties) or a 400 (missing decision or comment) problem with the
 * reason. The engine enforces the same rules again in {@link ReviewDecisionListener}; this filter
 * only improves the answer. Requests for other tasks pass unchanged.
 */
public class ReviewRequestFilter extends OncePerRequestFilter {

  private static final Pattern COMPLETE =
      Pattern.compile("^/engine-rest/task/([^/]+)/(complete|submit-form)$");
  private static final int MAX_BODY = 1024 * 1024;

  /** Tasks of operations whose registrant rule is also checked here. */
  private static final java.util.Set<String> OPERATIONS_TASKS =
      java.util.Set.of(ModelLifecycle.TASK_APPROVE_RELEASE, ModelLifecycle.TASK_DECIDE_CANARY);

  private final TaskService taskService;
  private final CatalogRepository catalog;
  private final ApprovalRepository approvals;
  private final FindingsRegister findings;
  private final ObjectMapper objectMapper;

  public ReviewRequestFilter(
      TaskService taskService,
      CatalogRepository catalog,
      ApprovalRepository approvals,
      FindingsRegister findings,
      ObjectMapper objectMapper) {
    this.taskService = taskService;
    this.catalog = catalog;
    this.approvals = approvals;
    this.findings = findings;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !COMPLETE.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = COMPLETE.matcher(request.getRequestURI());
    if (!matcher.matches() || request.getUserPrincipal() == null) {
      chain.doFilter(request, response);
      return;
    }
    CachedBodyRequest replay = CachedBodyRequest.read(request, MAX_BODY);
    if (replay == null) {
      response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
      return;
    }
    byte[] body = replay.body();
    Optional<ReviewGuard.Refusal> refusal =
        check(matcher.group(1), request.getUserPrincipal().getName(), body);
    if (refusal.isEmpty()) {
      chain.doFilter(replay, response);
      return;
    }
    HttpStatus status = refusal.get().forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.get().message());
    problem.setTitle(
        refusal.get().forbidden() ? "Segregation of duties" : "Invalid review decision");
    problem.setInstance(io.modelops.orchestrator.web.Problems.instance(request));
    if (refusal.get().field() != null) {
      problem.setProperty("field", refusal.get().field());
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }

  private Optional<ReviewGuard.Refusal> check(String taskId, String user, byte[] body) {
    // Runs as the calling user: a task they cannot see is left to the engine to refuse.
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      return Optional.empty();
    }
    boolean review = ReviewGuard.REVIEW_TASKS.contains(task.getTaskDefinitionKey());
    boolean operations = OPERATIONS_TASKS.contains(task.getTaskDefinitionKey());
    if (!review && !operations) {
      return Optional.empty();
    }
    Optional<ModelVersion> version =
        catalog.findVersionByProcessInstance(task.getProcessInstanceId());
    if (version.isEmpty()) {
      return Optional.empty();
    }
    if (operations) {
      // the decision rules of these tasks are checked by their listener; segregation here too
      Optional<Approval> ownReview =
          TaskDecisionListener.reviewOf(approvals.findByVersion(version.get().id()), user);
      if (ownReview.isPresent()) {
        return Optional.of(
            new ReviewGuard.Refusal(
                true,
                null,
                TaskDecisionListener.reviewerRefusal(version.get(), user, ownReview.get())));
      }
      return user.equals(version.get().registeredBy())
          ? Optional.of(
              new ReviewGuard.Refusal(
                  true,
                  null,
                  "Segregation of duties: "
                      + user
                      + " registered "
                      + version.get().modelName()
                      + ":"
                      + version.get().version()
                      + " and cannot decide on its release"))
          : Optional.empty();
    }
    JsonNode variables;
    try {
      variables = body.length == 0 ? null : objectMapper.readTree(body).path("variables");
    } catch (IOException malformed) {
      return Optional.empty(); // the engine REST API reports malformed JSON itself
    }
    Object decision = submittedOrCurrent(variables, taskId, ModelLifecycle.REVIEW_DECISION.name());
    Object comment = submittedOrCurrent(variables, taskId, ModelLifecycle.REVIEW_COMMENT.name());
    return ReviewGuard.check(
            version.get(),
            user,
            ReviewGuard.earlierDeciders(approvals.findByVersion(version.get().id())),
            decision,
            comment)
        .or(
            () ->
                ReviewGuard.checkConditions(
                    decision, findings.unresolvedRaisedBy(version.get().id(), user)));
  }

  private Object submittedOrCurrent(JsonNode variables, String taskId, String name) {
    JsonNode submitted = variables == null ? null : variables.path(name).path("value");
    if (submitted != null && !submitted.isMissingNode()) {
      return submitted.isTextual() ? submitted.asText() : submitted.toString();
    }
    return taskService.getVariable(taskId, name);
  }
}
