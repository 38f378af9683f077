package io.modelops.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Camunda Forms in forms/ are valid, named after their id, and show what reviewers need. */
class FormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyFormIsWellFormed() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      return files.filter(f -> f.toString().endsWith(".form")).sorted().toList().stream()
          .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }
  }

  private static void check(Path file) throws IOException {
    JsonNode form = JSON.readTree(file.toFile());
    assertThat(form.path("id").asText())
        .isEqualTo(file.getFileName().toString().replace(".form", ""));
    assertThat(form.path("type").asText()).isEqualTo("default");
    assertThat(form.path("components").isArray()).isTrue();
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (JsonNode component : form.path("components")) {
      assertThat(ids.add(component.path("id").asText())).as("unique component id").isTrue();
      if (component.has("key")) {
        assertThat(keys.add(component.path("key").asText())).as("unique key").isTrue();
      }
    }
  }

  /**
   * The editable fields of each lifecycle task's form are exactly what completing the task may set
   * (ModelLifecycle.DECISION_FIELDS, enforced inside the engine): a field added to a form without
   * it would be refused, a decision field without a form field could not be set.
   */
  @Test
  void everyLifecycleTaskMaySetExactlyTheEditableFieldsOfItsForm() throws IOException {
    assertDecisionFieldsMatchForms("model-lifecycle.bpmn", ModelLifecycle.DECISION_FIELDS);
  }

  /** The same for the tasks of a finding's remediation ("Remediate finding", "Verify ..."). */
  @Test
  void everyRemediationTaskMaySetExactlyTheEditableFieldsOfItsForm() throws IOException {
    assertDecisionFieldsMatchForms(
        "finding-remediation.bpmn",
        io.modelops.orchestrator.process.FindingRemediation.DECISION_FIELDS);
  }

  private static void assertDecisionFieldsMatchForms(
      String process, java.util.Map<String, Set<String>> decisionFields) throws IOException {
    org.camunda.bpm.model.bpmn.BpmnModelInstance model =
        org.camunda.bpm.model.bpmn.Bpmn.readModelFromFile(Path.of("processes", process).toFile());
    Set<String> tasks = new HashSet<>();
    for (org.camunda.bpm.model.bpmn.instance.UserTask task :
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)) {
      tasks.add(task.getId());
      JsonNode form = JSON.readTree(Path.of("forms", task.getCamundaFormRef() + ".form").toFile());
      assertThat(editableKeys(form.path("components")))
          .as("editable fields of %s (form %s)", task.getId(), task.getCamundaFormRef())
          .containsExactlyInAnyOrderElementsOf(decisionFields.getOrDefault(task.getId(), Set.of()));
    }
    assertThat(tasks).containsExactlyInAnyOrderElementsOf(decisionFields.keySet());
  }

  private static List<String> editableKeys(JsonNode components) {
    List<String> keys = new ArrayList<>();
    for (JsonNode c : components) {
      if (c.has("key") && !c.path("disabled").asBoolean() && !c.path("readonly").asBoolean()) {
        keys.add(c.path("key").asText());
      }
      if (c.has("components")) {
        keys.addAll(editableKeys(c.path("components")));
      }
    }
    return keys;
  }

  @Test
  void reviewFormShowsTheEvidenceAndAsksForADecisionAndAComment() throws IOException {
    JsonNode form = JSON.readTree(Path.of("forms", ModelLifecycle.FORM_REVIEW + ".form").toFile());
    List<String> readOnly = new ArrayList<>();
    JsonNode decision = null;
    JsonNode comment = null;
    for (JsonNode c : form.path("components")) {
      String key = c.path("key").asText();
      if (c.path("disabled").asBoolean()) {
        readOnly.add(key);
      }
      if (key.equals(ModelLifecycle.REVIEW_DECISION.name())) {
        decision = c;
      }
      if (key.equals(ModelLifecycle.REVIEW_COMMENT.name())) {
        comment = c;
      }
    }
    assertThat(readOnly)
        .contains(
            ModelLifecycle.MODEL_NAME.name(),
            ModelLifecycle.MODEL_VERSION.name(),
            ModelLifecycle.REGISTERED_BY.name(),
            ModelLifecycle.RISK_TIER.name(),
            ModelLifecycle.VALIDATION_SUMMARY.name(),
            ModelLifecycle.CHAMPION_VERSION.name(),
            ModelLifecycle.REVIEW_STEP.name());
    assertThat(decision).isNotNull();
    assertThat(decision.path("validate").path("required").asBoolean()).isTrue();
    assertThat(decision.path("values").findValuesAsText("value"))
        .containsExactlyInAnyOrder(
            ModelLifecycle.DECISION_APPROVE,
            ModelLifecycle.DECISION_APPROVE_WITH_CONDITIONS,
            ModelLifecycle.DECISION_REJECT,
            ModelLifecycle.DECISION_REQUEST_CHANGES);
    assertThat(comment).isNotNull();
    assertThat(comment.path("validate").path("required").asBoolean()).isTrue();
  }
}
