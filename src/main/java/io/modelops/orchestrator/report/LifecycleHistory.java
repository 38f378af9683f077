package io.modelops.orchestrator.report;

import io.modelops.orchestrator.audit.AuditEvent;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.audit.AuditQuery;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.report.ModelReport.Activity;
import io.modelops.orchestrator.report.ModelReport.Incident;
import io.modelops.orchestrator.report.ModelReport.LifecycleInstance;
import io.modelops.orchestrator.web.html.ReportTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * What the engine's history recorded about a version's lifecycle: its process instances (the
 * original one and the one the catalog follows after a rollback restored the version), their
 * activities and incidents. Read for the report regardless of the reader's engine authorizations,
 * so every authenticated reader gets the same report.
 */
@Component
class LifecycleHistory {

  /**
   * Audit action of a registration, which names the lifecycle instance the orchestrator started.
   */
  private static final String REGISTERED = "MODEL_VERSION_REGISTERED";

  /** The engine's records of one version. */
  public record Records(
      List<LifecycleInstance> instances, List<Activity> activities, List<Incident> incidents) {}

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final IdentityService identityService;
  private final AuditLog audit;
  private final LifecycleSteps steps;

  public LifecycleHistory(
      HistoryService historyService,
      RepositoryService repositoryService,
      IdentityService identityService,
      AuditLog audit,
      LifecycleSteps steps) {
    this.audit = audit;
    this.steps = steps;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.identityService = identityService;
  }

  /**
   * @param deciders who decided each user task, by task id (from the decision records): the engine
   *     records an assignee only when a task was claimed
   */
  public Records of(ModelVersion version, Map<String, String> deciders) {
    return EngineInternals.withoutAuthorization(identityService, () -> read(version, deciders));
  }

  private Records read(ModelVersion version, Map<String, String> deciders) {
    // The orchestrator's own instances of the version: the one it started at registration (on
    // record in the audit log) and the one the catalog follows now (a rollback may have restored
    // the version in a new instance). Never "every instance with the version's business key":
    // anyone who could start an instance could choose that key.
    Set<String> ids = new LinkedHashSet<>();
    audit
        .find(
            new AuditQuery(version.modelName(), version.version(), null, REGISTERED, null, null),
            0,
            10)
        .stream()
        .map(AuditEvent::processInstanceId)
        .filter(Objects::nonNull)
        .forEach(ids::add);
    if (version.processInstanceId() != null) {
      ids.add(version.processInstanceId());
    }
    Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      historyService
          .createHistoricProcessInstanceQuery()
          .processDefinitionKey(ModelLifecycle.KEY)
          .processInstanceIds(ids)
          .orderByProcessInstanceStartTime()
          .asc()
          .list()
          .forEach(i -> instances.put(i.getId(), i));
    }
    LifecycleSteps.Definition names = steps.latest();
    Map<String, Integer> timeToLive = new HashMap<>();
    List<LifecycleInstance> lifecycle = new ArrayList<>();
    List<Activity> activities = new ArrayList<>();
    List<Incident> incidents = new ArrayList<>();
    for (HistoricProcessInstance instance : instances.values()) {
      Integer ttl =
          timeToLive.computeIfAbsent(
              instance.getProcessDefinitionId(),
              id -> repositoryService.getProcessDefinition(id).getHistoryTimeToLive());
      lifecycle.add(
          new LifecycleInstance(
              instance.getId(),
              instance.getBusinessKey(),
              instance.getProcessDefinitionVersion() == null
                  ? 0
                  : instance.getProcessDefinitionVersion(),
              instance.getState(),
              // the orchestrator starts lifecycles without a user; earlier releases as the
              // registrant
              instance.getStartUserId() == null ? AuditLog.SYSTEM : instance.getStartUserId(),
              ReportTime.of(instance.getStartTime()),
              ReportTime.of(instance.getEndTime()),
              ttl));
      historyService
          .createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId())
          .orderByHistoricActivityInstanceStartTime()
          .asc()
          .orderPartiallyByOccurrence()
          .asc()
          .list()
          .forEach(
              a ->
                  activities.add(
                      new Activity(
                          instance.getId(),
                          a.getActivityId(),
                          a.getActivityName() == null
                              ? names.name(a.getActivityId())
                              : a.getActivityName(),
                          a.getActivityType(),
                          ReportTime.of(a.getStartTime()),
                          ReportTime.of(a.getEndTime()),
                          a.getAssignee(),
                          a.getTaskId() == null ? null : deciders.get(a.getTaskId()),
                          a.isCanceled())));
      historyService
          .createHistoricIncidentQuery()
          .processInstanceId(instance.getId())
          .orderByCreateTime()
          .asc()
          .list()
          .forEach(i -> incidents.add(incident(i)));
    }
    return new Records(List.copyOf(lifecycle), List.copyOf(activities), List.copyOf(incidents));
  }

  private static Incident incident(HistoricIncident i) {
    String state = i.isOpen() ? "open" : i.isResolved() ? "resolved" : "deleted";
    return new Incident(
        i.getId(),
        i.getProcessInstanceId(),
        i.getIncidentType(),
        i.getFailedActivityId() != null ? i.getFailedActivityId() : i.getActivityId(),
        i.getIncidentMessage(),
        state,
        ReportTime.of(i.getCreateTime()),
        ReportTime.of(i.getEndTime()));
  }
}
