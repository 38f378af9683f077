package io.modelops.orchestrator.findings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Findings settings.
 *
 * @param maxRiskAcceptanceDays the longest model risk may accept the risk of a finding, in days
 *     from the day of the acceptance
 */
@ConfigurationProperties("modelops.findings")
record FindingsProperties(@DefaultValue("365") int maxRiskAcceptanceDays) {}
