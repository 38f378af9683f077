package io.modelops.orchestrator.notification;

import io.modelops.orchestrator.security.Groups;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whom an overdue task of a group escalates to ({@code modelops.notification.escalation}): per
 * candidate group, the groups whose members get the escalation mail. Defaults: reviews of
 * model-validators and model-risk escalate to ml-ops (operations chase the reviewers); the tasks of
 * ml-ops (release approval, canary decision, alert triage) escalate to the administrators. A group
 * without an entry escalates to the administrators.
 *
 * @param groups candidate group → groups that receive its escalations
 */
@ConfigurationProperties("modelops.notification.escalation")
public record EscalationRecipients(Map<String, List<String>> groups) {

  public EscalationRecipients {
    if (groups == null || groups.isEmpty()) {
      groups =
          Map.of(
              Groups.VALIDATORS, List.of(Groups.OPS),
              Groups.RISK, List.of(Groups.OPS),
              Groups.OPS, List.of(Groups.ADMIN));
    }
    groups = Map.copyOf(groups);
  }

  /** The groups that receive the escalations of {@code group}'s overdue tasks. */
  public Set<String> of(String group) {
    return new LinkedHashSet<>(groups.getOrDefault(group, List.of(Groups.ADMIN)));
  }
}
