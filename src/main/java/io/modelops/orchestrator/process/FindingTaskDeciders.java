package io.modelops.orchestrator.process;

import java.util.Optional;

/**
 * Who may not hold a task of a finding's remediation ({@link FindingRemediation}), from the
 * findings register: implemented where the register lives.
 */
public interface FindingTaskDeciders {

  /**
   * Why {@code user} may not hold the task of the finding's remediation; empty when the register
   * does not speak against it. {@code findingId} is the business key of the remediation, null when
   * it is unknown (refuse).
   */
  Optional<String> whyNot(String findingId, String taskDefinitionKey, String user);
}
