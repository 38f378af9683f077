package io.modelops.orchestrator.audit;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Puts every operation a person performs through the engine's own APIs (engine REST API, Cockpit,
 * Admin, the Java API) into the hash-chained audit log, as one {@value #ACTION} event per
 * operation: process instance modification, variable edits, job retries, suspension, deletion,
 * deployments, users, groups, memberships, authorizations, tenants and so on.
 *
 * <p>The source is Camunda's user operation log: the engine writes an entry for each such operation
 * done by an authenticated user, and hands it to this history event handler (next to the default
 * one that stores it in {@code ACT_HI_OP_LOG}). The entries of one operation share an operation id
 * and become one event, written when the engine's transaction commits, in that transaction: an
 * operation and its audit event commit together or not at all. Without a transaction the operation
 * is refused.
 *
 * <p>Not recorded here: operations without an authenticated user (the orchestrator's own steps), a
 * candidate's claim and completion of a task (recorded as decisions such as {@code APPROVED}), and
 * engine calls the orchestrator makes while serving its own API under {@code /api/}, whose
 * endpoints audit what they do (registration, rollback, stop...).
 */
@Component
public class EngineOperationAuditor implements ProcessEnginePlugin, HistoryEventHandler {

  /** Audit action of an operation done through the engine's APIs. */
  public static final String ACTION = "ENGINE_OPERATION";

  /** Longest value kept of a property's old and new value and of the annotation. */
  static final int MAX_VALUE_LENGTH = 500;

  /** Most property changes kept per operation; the rest are counted. */
  static final int MAX_CHANGES = 50;

  /** Recorded as decisions by the lifecycle's task listeners. */
  private static final Set<String> DECISIONS =
      Set.of(
          UserOperationLogEntry.OPERATION_TYPE_CLAIM,
          UserOperationLogEntry.OPERATION_TYPE_COMPLETE);

  private final AuditLog audit;
  private final CatalogRepository catalog;

  public EngineOperationAuditor(AuditLog audit, CatalogRepository catalog) {
    this.audit = audit;
    this.catalog = catalog;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers =
        configuration.getCustomHistoryEventHandlers() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(this);
    configuration.setCustomHistoryEventHandlers(handlers);
    // the default handler keeps writing ACT_HI_* (Cockpit, history queries)
    configuration.setEnableDefaultDbHistoryEventHandler(true);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // nothing to do: entries without a user are not interventions and are skipped below
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // nothing to do after the build
  }

  @Override
  public void handleEvents(List<HistoryEvent> historyEvents) {
    for (HistoryEvent event : historyEvents) {
      handleEvent(event);
    }
  }

  @Override
  public void handleEvent(HistoryEvent historyEvent) {
    if (!(historyEvent instanceof UserOperationLogEntryEventEntity entry)
        || entry.getUserId() == null
        || DECISIONS.contains(entry.getOperationType())
        || servingOwnApi()) {
      return;
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Engine operation " + entry.getOperationType() + " outside a transaction: not audited");
    }
    Map<String, Map<String, Object>> operations = operationsOfTransaction();
    String operationId =
        entry.getOperationId() == null ? UUID.randomUUID().toString() : entry.getOperationId();
    Map<String, Object> details = operations.get(operationId);
    if (details == null) {
      details = newOperation(operationId, entry);
      operations.put(operationId, details);
      String processInstanceId =
          entry.getProcessInstanceId() != null
              ? entry.getProcessInstanceId()
              : entry.getRootProcessInstanceId();
      Optional<ModelVersion> version =
          processInstanceId == null
              ? Optional.empty()
              : catalog.findVersionByProcessInstance(processInstanceId);
      audit.recordAtCommit(
          ACTION,
          entry.getUserId(),
          version.map(ModelVersion::modelName).orElse(null),
          version.map(ModelVersion::version).orElse(null),
          processInstanceId,
          details);
    }
    addChange(details, entry);
  }

  private static Map<String, Object> newOperation(
      String operationId, UserOperationLogEntryEventEntity entry) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operationId", operationId);
    details.put("operationType", entry.getOperationType());
    details.put("entityType", entry.getEntityType());
    putIfPresent(details, "category", entry.getCategory());
    putIfPresent(details, "reason", truncate(entry.getAnnotation()));
    putIfPresent(details, "processDefinitionKey", entry.getProcessDefinitionKey());
    putIfPresent(details, "processInstanceId", entry.getProcessInstanceId());
    putIfPresent(details, "taskId", entry.getTaskId());
    putIfPresent(details, "jobId", entry.getJobId());
    putIfPresent(details, "jobDefinitionId", entry.getJobDefinitionId());
    putIfPresent(details, "externalTaskId", entry.getExternalTaskId());
    putIfPresent(details, "deploymentId", entry.getDeploymentId());
    putIfPresent(details, "batchId", entry.getBatchId());
    putIfPresent(details, "tenantId", entry.getTenantId());
    details.put("changes", new ArrayList<Map<String, String>>());
    return details;
  }

  @SuppressWarnings("unchecked")
  private static void addChange(
      Map<String, Object> details, UserOperationLogEntryEventEntity entry) {
    if (entry.getAnnotation() != null && !details.containsKey("reason")) {
      details.put("reason", truncate(entry.getAnnotation()));
    }
    if (entry.getProperty() == null && entry.getOrgValue() == null && entry.getNewValue() == null) {
      return;
    }
    List<Map<String, String>> changes = (List<Map<String, String>>) details.get("changes");
    if (changes.size() >= MAX_CHANGES) {
      details.merge("changesOmitted", 1, (a, b) -> (Integer) a + (Integer) b);
      return;
    }
    Map<String, String> change = new LinkedHashMap<>();
    putIfPresent(change, "property", entry.getProperty());
    putIfPresent(change, "orgValue", truncate(entry.getOrgValue()));
    putIfPresent(change, "newValue", truncate(entry.getNewValue()));
    changes.add(change);
  }

  /** The operations of the current transaction by operation id; forgotten when it completes. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> operationsOfTransaction() {
    Map<String, Map<String, Object>> operations =
        (Map<String, Map<String, Object>>) TransactionSynchronizationManager.getResource(this);
    if (operations == null) {
      operations = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, operations);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(
                  EngineOperationAuditor.this);
            }
          });
    }
    return operations;
  }

  /** Whether the engine call comes from the orchestrator's own API, which audits its actions. */
  private static boolean servingOwnApi() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (!(attributes instanceof ServletRequestAttributes servlet)) {
      return false;
    }
    HttpServletRequest request = servlet.getRequest();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/");
  }

  private static <V> void putIfPresent(Map<String, V> map, String key, V value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String truncate(String value) {
    if (value == null || value.length() <= MAX_VALUE_LENGTH) {
      return value;
    }
    return value.substring(0, MAX_VALUE_LENGTH) + "…";
  }
}
