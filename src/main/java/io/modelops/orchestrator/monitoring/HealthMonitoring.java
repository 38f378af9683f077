package io.modelops.orchestrator.monitoring;

import io.modelops.orchestrator.approval.ApprovalPolicies;
import io.modelops.orchestrator.approval.ApprovalPolicy;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.deployment.StageLedger;
import io.modelops.orchestrator.notification.AlertWebhook;
import io.modelops.orchestrator.notification.OwnerNotifications;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.retraining.RetrainingRequests;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of "Monitor model in production" in {@code model-lifecycle}, called from the BPMN by
 * expression. They keep only references and the health policy's inputs in the process; the
 * evaluation, drift results and alerts live in our tables.
 */
@Component("healthMonitoring")
public class HealthMonitoring {

  /** How long an alert accepted in triage stays quiet when no number of days was given. */
  static final int DEFAULT_ACCEPT_DAYS = 7;

  private final CatalogRepository catalog;
  private final ApprovalPolicies policies;
  private final StageLedger ledger;
  private final HealthEvaluator evaluator;
  private final MonitoringRepository repository;
  private final OwnerNotifications notifications;
  private final RetrainingRequests retraining;
  private final MonitoringProperties properties;
  private final AuditLog audit;
  private final Clock clock;
  private final Optional<AlertWebhook> webhook;

  public HealthMonitoring(
      CatalogRepository catalog,
      ApprovalPolicies policies,
      StageLedger ledger,
      HealthEvaluator evaluator,
      MonitoringRepository repository,
      OwnerNotifications notifications,
      RetrainingRequests retraining,
      MonitoringProperties properties,
      AuditLog audit,
      Clock clock) {
    this.catalog = catalog;
    this.policies = policies;
    this.ledger = ledger;
    this.evaluator = evaluator;
    this.repository = repository;
    this.notifications = notifications;
    this.retraining = retraining;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
    String url = properties.alertWebhookUrl();
    this.webhook =
        url == null || url.isBlank()
            ? Optional.empty()
            : Optional.of(
                new AlertWebhook(
                    URI.create(url.trim()),
                    properties.alertWebhookSecret(),
                    properties.alertWebhookTimeout()));
  }

  /**
   * The timer of "Monitoring interval elapsed": the {@code monitoringInterval} of the version's
   * approval policy as frozen in the catalog, or the configured default for a version without one
   * (registered before policies were frozen).
   */
  public String interval(DelegateExecution execution) {
    return interval(version(execution)).toString();
  }

  private Duration interval(ModelVersion version) {
    Optional<String> interval =
        policies.policyOf(version.id()).map(ApprovalPolicy::monitoringInterval);
    if (interval.isEmpty()) {
      return properties.defaultInterval();
    }
    try {
      return Duration.parse(interval.get());
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          "The approval policy gives an invalid monitoringInterval '" + interval.get() + "'", e);
    }
  }

  /** "Evaluate model health": stores the evaluation and sets the health policy's inputs. */
  @Transactional
  public void evaluate(DelegateExecution execution) {
    ModelVersion version = version(execution);
    HealthReport report =
        evaluator.evaluate(
            version,
            OffsetDateTime.now(clock),
            interval(version),
            execution.getProcessInstanceId());
    ModelLifecycle.HEALTH_EVALUATION_ID.set(execution, report.evaluationId().toString());
    ModelLifecycle.HEALTH_STATUS.set(execution, report.status().name());
    ModelLifecycle.NEW_ALERT.set(execution, report.newAlert());
    ModelLifecycle.METRIC_BREACHES.set(execution, report.breaches().size());
    ModelLifecycle.DATASET_DRIFT.set(execution, report.datasetDrift());
    ModelLifecycle.DRIFTED_FEATURES.set(execution, report.driftedFeatures());
    boolean previous =
        ledger.previousProductionVersion(version.modelId(), version.id()).isPresent();
    ModelLifecycle.PREVIOUS_VERSION_EXISTS.set(execution, previous);
    ModelLifecycle.HEALTH_SUMMARY.set(execution, report.summary());
    execution.setVariable(
        ModelLifecycle.TRIAGE_OPTIONS, SpinValues.jsonValue(triageOptions(previous)).create());
  }

  /** The triage form's choices: a rollback only when there is a version to roll back to. */
  static String triageOptions(boolean previousVersionExists) {
    StringBuilder json = new StringBuilder("[");
    json.append(option("Retrain the model", ModelLifecycle.TRIAGE_RETRAIN)).append(',');
    if (previousVersionExists) {
      json.append(option("Roll back to the previous version", ModelLifecycle.TRIAGE_ROLL_BACK))
          .append(',');
    }
    json.append(option("Accept the alert for a while", ModelLifecycle.TRIAGE_ACCEPT));
    return json.append(']').toString();
  }

  private static String option(String label, String value) {
    return "{\"label\":\"" + label + "\",\"value\":\"" + value + "\"}";
  }

  /**
   * "Determine health action": the DMN {@code health-policy} on the version's latest stored health
   * evaluation, its catalog entry and the stage ledger, never on process variables (which a user
   * may edit). Its inputs are also left in the lifecycle's variables for Cockpit.
   *
   * @return none, notify, triage, retrain or rollback
   */
  @Transactional
  public String determineAction(DelegateExecution execution) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    MonitoringRepository.Evaluation evaluation =
        repository.evaluations(version.id(), 1).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        version.modelName()
                            + ":"
                            + version.version()
                            + " has no stored health evaluation"));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(ModelLifecycle.NEW_ALERT.name(), !evaluation.newCauses().isBlank());
    inputs.put(
        ModelLifecycle.METRIC_BREACHES.name(),
        (int) evaluation.metricBreaches().lines().filter(line -> !line.isBlank()).count());
    inputs.put(
        ModelLifecycle.PREVIOUS_VERSION_EXISTS.name(),
        ledger.previousProductionVersion(version.modelId(), version.id()).isPresent());
    inputs.put(ModelLifecycle.DATASET_DRIFT.name(), evaluation.datasetDrift());
    inputs.put(ModelLifecycle.DRIFTED_FEATURES.name(), evaluation.driftedFeatures());
    inputs.put(ModelLifecycle.RISK_TIER.name(), version.riskTier().name());
    Object action =
        execution
            .getProcessEngineServices()
            .getDecisionService()
            .evaluateDecisionByKey(ModelLifecycle.DECISION_HEALTH_POLICY)
            .variables(inputs)
            .evaluate()
            .getSingleResult()
            .getSingleEntry();
    if (!(action instanceof String chosen)) {
      throw new IllegalStateException("health-policy gave no action for " + inputs);
    }
    return chosen;
  }

  /** Records the action the health policy chose on the evaluation (an execution listener). */
  public void recordAction(DelegateExecution execution) {
    repository.setAction(evaluationId(execution), ModelLifecycle.HEALTH_ACTION.get(execution));
  }

  /** "Notify model alert": mail to the owner and ml-ops, and the alert webhook when configured. */
  public void notifyAlert(DelegateExecution execution) {
    ModelVersion version = version(execution);
    UUID evaluationId = evaluationId(execution);
    String summary = ModelLifecycle.HEALTH_SUMMARY.get(execution);
    notifications.monitoring(
        version,
        "health-alert:" + evaluationId,
        "health alert (" + ModelLifecycle.HEALTH_STATUS.get(execution) + ")",
        summary,
        execution.getProcessInstanceId(),
        List.of(ModelLifecycle.GROUP_OPS));
    webhook.ifPresent(
        hook -> {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("event", "model.health.alert");
          event.put("model", version.modelName());
          event.put("version", version.version());
          event.put("riskTier", version.riskTier().name());
          event.put("evaluationId", evaluationId.toString());
          event.put("status", ModelLifecycle.HEALTH_STATUS.get(execution));
          event.put("action", ModelLifecycle.HEALTH_ACTION.get(execution));
          event.put(
              "causes",
              repository
                  .evaluation(evaluationId)
                  .map(MonitoringRepository.Evaluation::causes)
                  .orElse(""));
          event.put("summary", summary);
          event.put("processInstanceId", execution.getProcessInstanceId());
          hook.send("health-alert:" + evaluationId, event);
        });
  }

  /** "Request retraining": once per evaluation, even if the job runs twice. */
  public void requestRetraining(DelegateExecution execution) {
    ModelVersion version = version(execution);
    String decidedBy = ModelLifecycle.TRIAGE_DECIDED_BY.get(execution);
    boolean triaged = "RETRAIN".equals(ModelLifecycle.TRIAGE_DECISION.get(execution));
    retraining.request(
        version,
        "DRIFT",
        (triaged
                ? "Triage by "
                    + decidedBy
                    + ": "
                    + ModelLifecycle.TRIAGE_COMMENT.get(execution)
                    + "\n"
                : "")
            + ModelLifecycle.HEALTH_SUMMARY.get(execution),
        triaged && decidedBy != null ? decidedBy : AuditLog.SYSTEM,
        "health:" + evaluationId(execution));
  }

  /** "Accept model alert": the open alerts trigger nothing for the chosen number of days. */
  @Transactional
  public void acceptAlert(DelegateExecution execution) {
    ModelVersion version = version(execution);
    Integer requested = ModelLifecycle.TRIAGE_ACCEPT_DAYS.get(execution);
    int days = requested == null ? DEFAULT_ACCEPT_DAYS : requested;
    OffsetDateTime until = OffsetDateTime.now(clock).plusDays(days);
    String by = ModelLifecycle.TRIAGE_DECIDED_BY.get(execution);
    int accepted = repository.acceptOpenAlerts(version.id(), until, by);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("evaluationId", evaluationId(execution).toString());
    details.put("acceptedUntil", until.toString());
    details.put("alerts", accepted);
    details.put("comment", ModelLifecycle.TRIAGE_COMMENT.get(execution));
    audit.record(
        "MODEL_ALERT_ACCEPTED",
        by,
        version.modelName(),
        version.version(),
        execution.getProcessInstanceId(),
        details);
  }

  /** Start of "Rollback required": who asked, and why, for the rollback and its audit. */
  public void prepareRollback(DelegateExecution execution) {
    boolean triaged = "ROLL_BACK".equals(ModelLifecycle.TRIAGE_DECISION.get(execution));
    String by = triaged ? ModelLifecycle.TRIAGE_DECIDED_BY.get(execution) : null;
    ModelLifecycle.REQUESTED_BY.set(execution, by == null ? AuditLog.SYSTEM : by);
    String summary = ModelLifecycle.HEALTH_SUMMARY.get(execution);
    ModelLifecycle.REQUEST_REASON.set(
        execution,
        (triaged
                ? "triage decision: " + ModelLifecycle.TRIAGE_COMMENT.get(execution)
                : "health policy")
            + " ("
            + firstLine(summary)
            + ")");
  }

  /** End of "Monitor model in production" (replaced, rolled back or stopped): alerts close. */
  public void closeAlerts(DelegateExecution execution) {
    evaluator.closeAlerts(version(execution).id(), OffsetDateTime.now(clock));
  }

  /** The lifecycle's version, by the catalog's own instance id (never a process variable). */
  private ModelVersion version(DelegateExecution execution) {
    return catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
  }

  private static UUID evaluationId(DelegateExecution execution) {
    return UUID.fromString(ModelLifecycle.HEALTH_EVALUATION_ID.require(execution));
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
