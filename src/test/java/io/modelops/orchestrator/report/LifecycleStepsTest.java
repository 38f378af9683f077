package io.modelops.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.process.ModelLifecycle;
import java.nio.file.Path;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LifecycleStepsTest {

  private static LifecycleSteps.Definition steps;

  @BeforeAll
  static void readTheLifecycle() {
    steps =
        LifecycleSteps.read(
            Bpmn.readModelFromFile(Path.of("processes", "model-lifecycle.bpmn").toFile()));
  }

  @Test
  void shouldNameStepsAsTheDiagramDoesInsteadOfTheirIds() {
    assertThat(steps.name(ModelLifecycle.TASK_REVIEW)).isEqualTo("Review model version");
    assertThat(steps.name("SubProcess_ReviewByGroup#multiInstanceBody"))
        .isEqualTo("Review by each required group (all instances)");
    assertThat(steps.name("Task_NoLongerInTheDiagram")).isEqualTo("Task_NoLongerInTheDiagram");
  }

  @Test
  void shouldShowTasksAndLifecycleEventsButNotGatewaysOrScopes() {
    assertThat(steps.shown(ModelLifecycle.TASK_REVIEW, "userTask")).isTrue();
    assertThat(steps.shown(ModelLifecycle.TASK_VALIDATE, "serviceTask")).isTrue();
    assertThat(steps.shown("StartEvent_ModelVersionRegistered", "startEvent")).isTrue();
    assertThat(steps.shown("StartEvent_RollbackRequested", "startEvent")).isTrue();
    assertThat(steps.shown("StartEvent_ReviewStarted", "startEvent")).isFalse();
    assertThat(steps.shown("Gateway_RiskTierSettled", "exclusiveGateway")).isFalse();
    assertThat(steps.shown("SubProcess_ReviewByGroup#multiInstanceBody", "multiInstanceBody"))
        .isFalse();
    assertThat(steps.shown("SubProcess_ReviewByGroup", "subProcess")).isFalse();
  }
}
