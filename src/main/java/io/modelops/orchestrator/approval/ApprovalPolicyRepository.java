package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Frozen approval policies (table {@code approval_policy}): inserted once per version, never
 * updated or deleted (on PostgreSQL a trigger refuses both).
 */
@Repository
class ApprovalPolicyRepository {

  private final JdbcClient jdbc;

  public ApprovalPolicyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the policy; a second policy for the same version fails on the primary key. */
  public void insert(ApprovalPolicy p, String processInstanceId) {
    jdbc.sql(
            "INSERT INTO approval_policy (model_version_id, process_instance_id, review_groups,"
                + " review_deadline, escalation_deadline, production_approval_required,"
                + " canary_percent, canary_window, monitoring_interval, operations_reminder,"
                + " operations_escalation, decision_definition_id, decision_definition_key,"
                + " decision_definition_version, input_risk_tier, input_model_type,"
                + " input_champion_exists, input_validation_warnings, result_json, determined_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            p.modelVersionId(),
            processInstanceId,
            String.join(",", p.reviewGroups()),
            p.reviewDeadline(),
            p.escalationDeadline(),
            p.productionApprovalRequired(),
            p.canaryPercent(),
            p.canaryWindow(),
            p.monitoringInterval(),
            p.operationsReminder(),
            p.operationsEscalation(),
            p.decisionDefinitionId(),
            p.decisionDefinitionKey(),
            p.decisionDefinitionVersion(),
            p.inputs().riskTier(),
            p.inputs().modelType(),
            p.inputs().championExists(),
            p.inputs().validationWarnings(),
            p.resultJson(),
            p.determinedAt())
        .update();
  }

  public Optional<ApprovalPolicy> find(UUID modelVersionId) {
    return jdbc.sql(
            "SELECT model_version_id, review_groups, review_deadline, escalation_deadline,"
                + " production_approval_required, canary_percent, canary_window,"
                + " monitoring_interval, operations_reminder, operations_escalation,"
                + " decision_definition_id, decision_definition_key,"
                + " decision_definition_version, input_risk_tier, input_model_type,"
                + " input_champion_exists, input_validation_warnings, result_json, determined_at"
                + " FROM approval_policy WHERE model_version_id = ?")
        .param(modelVersionId)
        .query(
            (rs, i) ->
                new ApprovalPolicy(
                    rs.getObject("model_version_id", UUID.class),
                    ApprovalPolicy.groups(rs.getString("review_groups")),
                    rs.getString("review_deadline"),
                    rs.getString("escalation_deadline"),
                    rs.getBoolean("production_approval_required"),
                    rs.getInt("canary_percent"),
                    rs.getString("canary_window"),
                    rs.getString("monitoring_interval"),
                    rs.getString("operations_reminder"),
                    rs.getString("operations_escalation"),
                    rs.getString("decision_definition_id"),
                    rs.getString("decision_definition_key"),
                    rs.getInt("decision_definition_version"),
                    new ApprovalPolicy.Inputs(
                        rs.getString("input_risk_tier"),
                        rs.getString("input_model_type"),
                        rs.getBoolean("input_champion_exists"),
                        rs.getInt("input_validation_warnings")),
                    rs.getString("result_json"),
                    CatalogTime.read(rs, "determined_at")))
        .optional();
  }
}
