package io.modelops.orchestrator.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Audits every new version of a process or policy (DMN) definition, e.g. a risk officer's change of
 * {@code approval-policy}, once, when the orchestrator starts with it.
 */
@Component
class DefinitionDeploymentAuditor {

  static final String ACTION = "DEFINITION_DEPLOYED";

  private final RepositoryService repositoryService;
  private final AuditLog audit;
  private final JdbcClient jdbc;

  public DefinitionDeploymentAuditor(
      RepositoryService repositoryService, AuditLog audit, JdbcClient jdbc) {
    this.repositoryService = repositoryService;
    this.audit = audit;
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void auditNewDefinitions() {
    for (ProcessDefinition definition :
        repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      auditOnce(
          definition.getId(),
          "BPMN",
          definition.getKey(),
          definition.getVersion(),
          definition.getDeploymentId(),
          definition.getResourceName());
    }
    for (DecisionDefinition definition :
        repositoryService.createDecisionDefinitionQuery().latestVersion().list()) {
      auditOnce(
          definition.getId(),
          "DMN",
          definition.getKey(),
          definition.getVersion(),
          definition.getDeploymentId(),
          definition.getResourceName());
    }
  }

  private void auditOnce(
      String id, String kind, String key, int version, String deploymentId, String resource) {
    boolean audited =
        jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE action = ? AND process_instance_id IS NULL"
                        + " AND model IS NULL AND details LIKE ?")
                .params(ACTION, "%\"definitionId\":\"" + id + "\"%")
                .query(Long.class)
                .single()
            > 0;
    if (audited) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("definitionId", id);
    details.put("kind", kind);
    details.put("key", key);
    details.put("version", version);
    details.put("deploymentId", deploymentId);
    details.put("resource", resource);
    audit.record(ACTION, AuditLog.SYSTEM, null, null, null, details);
  }
}
