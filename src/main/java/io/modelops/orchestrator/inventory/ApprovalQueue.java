package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.web.html.ReportTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The open user tasks of all model lifecycles, with their candidate groups and, for reviews,
 * whether they are overdue. A review is overdue when its "Review overdue" timer ({@code
 * Event_ReviewOverdue}, the policy's review deadline) has fired or is due: the timer job on the
 * task's execution is gone or its due date has passed. Queried without the engine's per-user
 * filter; {@link DashboardService} decides who sees which task.
 */
@Component
public class ApprovalQueue {

  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;

  public ApprovalQueue(
      TaskService taskService,
      ManagementService managementService,
      IdentityService identityService) {
    this.taskService = taskService;
    this.managementService = managementService;
    this.identityService = identityService;
  }

  /**
   * Open tasks of the given lifecycle instances, oldest first.
   *
   * @param versions the versions to include, by lifecycle instance id
   */
  public List<PendingApproval> pending(Map<String, InventoryRow> versions, OffsetDateTime now) {
    if (versions.isEmpty()) {
      return List.of();
    }
    return EngineInternals.withoutAuthorization(identityService, () -> read(versions, now));
  }

  private List<PendingApproval> read(Map<String, InventoryRow> versions, OffsetDateTime now) {
    List<Task> tasks =
        taskService
            .createTaskQuery()
            .processDefinitionKey(ModelLifecycle.KEY)
            .orderByTaskCreateTime()
            .asc()
            .list();
    Map<String, Date> reviewDeadlines = new HashMap<>();
    for (Job job :
        managementService
            .createJobQuery()
            .processDefinitionKey(ModelLifecycle.KEY)
            .activityId(ModelLifecycle.TIMER_REVIEW_OVERDUE)
            .timers()
            .list()) {
      reviewDeadlines.put(job.getExecutionId(), job.getDuedate());
    }
    List<PendingApproval> pending = new ArrayList<>();
    for (Task task : tasks) {
      InventoryRow version = versions.get(task.getProcessInstanceId());
      if (version == null) {
        continue;
      }
      List<String> groups =
          taskService.getIdentityLinksForTask(task.getId()).stream()
              .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
              .map(IdentityLink::getGroupId)
              .filter(Objects::nonNull)
              .sorted()
              .toList();
      boolean review = ModelLifecycle.TASK_REVIEW.equals(task.getTaskDefinitionKey());
      OffsetDateTime deadline =
          review ? ReportTime.of(reviewDeadlines.get(task.getExecutionId())) : null;
      boolean overdue = review && (deadline == null || !deadline.isAfter(now));
      pending.add(
          new PendingApproval(
              task.getId(),
              task.getName(),
              task.getTaskDefinitionKey(),
              task.getProcessInstanceId(),
              version.model(),
              version.version(),
              groups,
              task.getAssignee(),
              ReportTime.of(task.getCreateTime()),
              deadline,
              overdue));
    }
    return pending;
  }
}
