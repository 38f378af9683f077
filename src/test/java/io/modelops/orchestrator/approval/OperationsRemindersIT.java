package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.ModelReleases;
import io.modelops.orchestrator.support.TestJobs;
import io.modelops.orchestrator.support.TestMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operations task left open is reminded and escalated like a review: "only the review task has
 * reminder/escalation timers (release approval, canary decision and triage have none)".
 */
@IntegrationTest
class OperationsRemindersIT {

  @LocalServerPort int port;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  @Test
  void shouldRemindOperationsOnceAndEscalateToAdministratorsOnceWhileTheCanaryDecisionWaits() {
    // given: a LOW version whose canary window elapsed without evidence: operations decide
    String model = "ops-reminder-" + System.nanoTime() % 100_000;
    ModelReleases releases = new ModelReleases(port, managementService);
    releases.register(model, ModelReleases.registration(model, "1.0.0"));
    releases.awaitStage(model, "1.0.0", "CANARY");
    releases.makeDue(model, "1.0.0", ModelLifecycle.TIMER_CANARY_WINDOW);
    String instance = releases.version(model, "1.0.0").path("processInstanceId").asText();
    await().atMost(ModelReleases.TIMEOUT).until(() -> openDecisions(instance) == 1);
    Duration reminderIn = dueIn(instance, ModelLifecycle.TIMER_CANARY_DECISION_OVERDUE);
    Duration escalationIn = dueIn(instance, ModelLifecycle.TIMER_CANARY_DECISION_ESCALATION_DUE);

    // when: the policy's reminder time passes
    TestJobs.makeDue(managementService, instance, ModelLifecycle.TIMER_CANARY_DECISION_OVERDUE);

    // then: ml-ops is reminded once
    String reminder = model + ":1.0.0 decide canary overdue (ml-ops)";
    await().atMost(ModelReleases.TIMEOUT).until(() -> mails(reminder).size() == 1);
    assertThat(recipients(mails(reminder).get(0)))
        .contains("oscar@example.com")
        .containsExactlyInAnyOrderElementsOf(emailsOf("ml-ops"));

    // when: the escalation time passes too
    TestJobs.makeDue(
        managementService, instance, ModelLifecycle.TIMER_CANARY_DECISION_ESCALATION_DUE);

    // then: the administrators get one escalation, nothing is sent twice, the decision waits
    String escalation = model + ":1.0.0 decide canary escalated (ml-ops)";
    await().atMost(ModelReleases.TIMEOUT).until(() -> mails(escalation).size() == 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> mails(reminder).size() == 1 && mails(escalation).size() == 1);
    assertThat(recipients(mails(escalation).get(0)))
        .contains("admin@example.com")
        .containsExactlyInAnyOrderElementsOf(emailsOf("camunda-admin"));
    assertThat(openDecisions(instance)).isEqualTo(1);
    // LOW: reminder after 8 hours, escalation after a day (approval-policy.dmn)
    assertThat(reminderIn).isBetween(Duration.ofHours(8).minusMinutes(1), Duration.ofHours(8));
    assertThat(escalationIn).isBetween(Duration.ofDays(1).minusMinutes(1), Duration.ofDays(1));
  }

  private long openDecisions(String instance) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance)
        .taskDefinitionKey(ModelLifecycle.TASK_DECIDE_CANARY)
        .count();
  }

  private Duration dueIn(String instance, String timer) {
    var job =
        managementService
            .createJobQuery()
            .processInstanceId(instance)
            .activityId(timer)
            .singleResult();
    assertThat(job).as(timer).isNotNull();
    return Duration.ofMillis(job.getDuedate().getTime() - System.currentTimeMillis());
  }

  private static List<MimeMessage> mails(String subjectPart) {
    Map<String, MimeMessage> byId = new LinkedHashMap<>();
    for (MimeMessage m : TestMail.server().getReceivedMessages()) {
      try {
        if (m.getSubject().contains(subjectPart)) {
          byId.putIfAbsent(m.getMessageID(), m);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(byId.values());
  }

  /** The addresses of a group's members (other tests of the shared context may add members). */
  private List<String> emailsOf(String group) {
    return identityService.createUserQuery().memberOfGroup(group).list().stream()
        .map(org.camunda.bpm.engine.identity.User::getEmail)
        .filter(email -> email != null && !email.isBlank())
        .toList();
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
