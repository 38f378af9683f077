package io.modelops.orchestrator.findings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Findings settings.
 *
 * @param maxRiskAcceptanceDays the longest model risk may accept the risk of a finding, in days
 *     from the day of the acceptance
 * @param escalateAfter how long after a finding became overdue (the day after its due date, UTC)
 *     model risk is told that it is still not resolved
 */
@ConfigurationProperties("modelops.findings")
record FindingsProperties(
    @DefaultValue("365") int maxRiskAcceptanceDays, @DefaultValue("P7D") Duration escalateAfter) {

  FindingsProperties {
    if (escalateAfter.isNegative() || escalateAfter.isZero()) {
      throw new IllegalArgumentException(
          "modelops.findings.escalate-after must be positive, e.g. P7D: " + escalateAfter);
    }
  }
}
