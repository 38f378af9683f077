package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.integrity.CanonicalJson;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The approval policy of one model version, as determined by DMN {@code approval-policy} and frozen
 * in the catalog (table {@code approval_policy}). Every decision of the approval and release path
 * reads this record, never the {@code approvalPolicy} process variable (which is only shown).
 *
 * @param reviewGroups the groups that must each approve, in order; empty: approved by the policy
 * @param operationsReminder after how long an open operations decision (release approval, canary
 *     decision, alert triage) reminds its group
 * @param operationsEscalation after how long it is escalated
 * @param decisionDefinitionId the engine's id of the decision definition that produced it
 * @param inputs what the decision was evaluated with (from the catalog)
 * @param resultJson the full decision result as canonical JSON (sorted keys), so that outputs added
 *     to the table later are kept even before this record has a field for them
 */
public record ApprovalPolicy(
    UUID modelVersionId,
    List<String> reviewGroups,
    String reviewDeadline,
    String escalationDeadline,
    boolean productionApprovalRequired,
    int canaryPercent,
    String canaryWindow,
    String monitoringInterval,
    String operationsReminder,
    String operationsEscalation,
    String decisionDefinitionId,
    String decisionDefinitionKey,
    int decisionDefinitionVersion,
    Inputs inputs,
    String resultJson,
    OffsetDateTime determinedAt) {

  /** The inputs of the decision, all read from our tables. */
  public record Inputs(
      String riskTier, String modelType, boolean championExists, int validationWarnings) {

    Map<String, Object> asVariables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("riskTier", riskTier);
      variables.put("modelType", modelType);
      variables.put("championExists", championExists);
      variables.put("validationWarnings", validationWarnings);
      return variables;
    }
  }

  public ApprovalPolicy {
    reviewGroups = List.copyOf(reviewGroups);
  }

  public boolean reviewRequired() {
    return !reviewGroups.isEmpty();
  }

  /**
   * Builds the policy from a decision result; fails closed (exception) when an output is missing or
   * of the wrong type, rather than guessing a default.
   */
  public static ApprovalPolicy fromDecisionResult(
      UUID modelVersionId,
      Map<String, Object> result,
      String decisionDefinitionId,
      String decisionDefinitionKey,
      int decisionDefinitionVersion,
      Inputs inputs,
      OffsetDateTime determinedAt) {
    int canaryPercent = number(result, "canaryPercent");
    if (canaryPercent < 1 || canaryPercent > 100) {
      throw new IllegalStateException(
          "Approval policy: canaryPercent must be 1 to 100, the decision gave " + canaryPercent);
    }
    return new ApprovalPolicy(
        modelVersionId,
        groups(string(result, "reviewGroups", true)),
        string(result, "reviewDeadline", false),
        string(result, "escalationDeadline", false),
        bool(result, "productionApprovalRequired"),
        canaryPercent,
        string(result, "canaryWindow", false),
        string(result, "monitoringInterval", false),
        string(result, "operationsReminder", false),
        string(result, "operationsEscalation", false),
        decisionDefinitionId,
        decisionDefinitionKey,
        decisionDefinitionVersion,
        inputs,
        canonicalJson(result),
        determinedAt);
  }

  /** The review groups of a comma-separated list, in order. */
  public static List<String> groups(String commaSeparated) {
    if (commaSeparated == null) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(g -> !g.isEmpty())
        .toList();
  }

  /**
   * The policy as the map the lifecycle shows in forms and Cockpit ({@code approvalPolicy}); it is
   * a copy for display: nothing decides on it.
   */
  public Map<String, Object> displayMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("reviewGroups", String.join(",", reviewGroups));
    map.put("reviewDeadline", reviewDeadline);
    map.put("escalationDeadline", escalationDeadline);
    map.put("productionApprovalRequired", productionApprovalRequired);
    map.put("canaryPercent", canaryPercent);
    map.put("canaryWindow", canaryWindow);
    map.put("monitoringInterval", monitoringInterval);
    map.put("operationsReminder", operationsReminder);
    map.put("operationsEscalation", operationsEscalation);
    return map;
  }

  static String canonicalJson(Map<String, Object> result) {
    return CanonicalJson.write(result);
  }

  private static String string(Map<String, Object> result, String name, boolean emptyAllowed) {
    Object value = result.get(name);
    if (!(value instanceof String text) || (!emptyAllowed && text.isBlank())) {
      throw new IllegalStateException(
          "Approval policy: output " + name + " is missing or not a text (" + value + ")");
    }
    return text;
  }

  private static int number(Map<String, Object> result, String name) {
    Object value = result.get(name);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalStateException(
          "Approval policy: output " + name + " is missing or not a whole number (" + value + ")");
    }
    return n.intValue();
  }

  private static boolean bool(Map<String, Object> result, String name) {
    Object value = result.get(name);
    if (!(value instanceof Boolean b)) {
      throw new IllegalStateException(
          "Approval policy: output " + name + " is missing or not a boolean (" + value + ")");
    }
    return b;
  }
}
