package io.modelops.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The modelling rules every BPMN file in {@code processes/} follows, checked statically: readable
 * typed ids, a diagram for every element, a history time to live, save points and retry cycles on
 * service tasks, delegates by expression only, user tasks with a deployed form and a group, and
 * every rule of Camunda Modeler's {@code bpmnlint:recommended} (see {@link BpmnLint}).
 */
class BpmnConventionsTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");

  /** Typed, readable ids: {@code Task_ValidateModelVersion}, {@code Flow_Approved}. */
  private static final Pattern ID =
      Pattern.compile(
          "^(StartEvent|EndEvent|Event|Task|Gateway|Flow|SubProcess|Boundary|Timer|Message|Signal|Error)_[A-Z][A-Za-z0-9]+$");

  /** What Camunda Modeler generates: {@code Activity_0x3k9ab}, {@code Flow_1ab2c3d}. */
  private static final Pattern GENERATED = Pattern.compile(".*_[0-9][0-9a-z]{6}$");

  private static final Pattern RETRY_CYCLE = Pattern.compile("^R\\d+/P(T?\\d+[SMHD])+$");

  @TestFactory
  Stream<DynamicTest> everyProcessFollowsTheConventions() throws IOException {
    List<Path> files = bpmnFiles();
    assertThat(files).as("BPMN files in processes/").isNotEmpty();
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  @TestFactory
  Stream<DynamicTest> everyDecisionFollowsTheConventions() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.list(PROCESSES)) {
      files = all.filter(f -> f.toString().endsWith(".dmn")).sorted().toList();
    }
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> checkDmn(file)));
  }

  static void checkDmn(Path file) throws IOException {
    DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
    String xml = Files.readString(file);
    List<String> problems = new ArrayList<>();
    Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
    if (decisions.stream()
        .noneMatch(d -> file.getFileName().toString().equals(d.getId() + ".dmn"))) {
      problems.add("file must be named after a decision id");
    }
    for (Decision decision : decisions) {
      if (decision.getCamundaHistoryTimeToLiveString() == null) {
        problems.add(decision.getId() + ": no camunda:historyTimeToLive");
      }
      if (decision.getName() == null || decision.getName().isBlank()) {
        problems.add(decision.getId() + ": no name");
      }
      if (!xml.contains("dmnElementRef=\"" + decision.getId() + "\"")) {
        problems.add(decision.getId() + ": no shape in the diagram (DMNDI)");
      }
    }
    for (Rule rule : model.getModelElementsByType(Rule.class)) {
      if (rule.getDescription() == null || rule.getDescription().getTextContent().isBlank()) {
        problems.add(rule.getId() + ": every rule needs a description (annotation)");
      }
    }
    assertThat(problems).as(file + " convention problems").isEmpty();
  }

  static void check(Path file) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<String> problems = new ArrayList<>();

    Collection<Process> processes = model.getModelElementsByType(Process.class);
    for (Process process : processes) {
      if (!file.getFileName().toString().equals(process.getId() + ".bpmn")) {
        problems.add("file must be named after the process id " + process.getId());
      }
      if (process.getCamundaHistoryTimeToLiveString() == null) {
        problems.add(process.getId() + ": no camunda:historyTimeToLive");
      }
    }

    Set<String> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(s -> s.getBpmnElement().getId())
            .collect(Collectors.toSet());
    Set<String> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(e -> e.getBpmnElement().getId())
            .collect(Collectors.toSet());

    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      String id = element.getId();
      if (!ID.matcher(id).matches() || GENERATED.matcher(id).matches()) {
        problems.add(id + ": id must be typed and readable, like Task_ValidateModelVersion");
      }
      if (element instanceof FlowNode node) {
        if (!shapes.contains(id)) {
          problems.add(id + ": no shape in the diagram");
        }
        if (node.getName() == null || node.getName().isBlank()) {
          problems.add(id + ": no name");
        }
      }
      if (element instanceof SequenceFlow && !edges.contains(id)) {
        problems.add(id + ": no edge in the diagram");
      }
    }

    for (Activity activity : model.getModelElementsByType(Activity.class)) {
      boolean automated =
          activity instanceof ServiceTask
              || activity instanceof SendTask
              || (activity instanceof BusinessRuleTask rule
                  && rule.getCamundaDecisionRef() == null);
      boolean async = activity.isCamundaAsyncBefore() || activity.isCamundaAsyncAfter();
      if (automated && !activity.isCamundaAsyncBefore()) {
        problems.add(activity.getId() + ": service tasks need camunda:asyncBefore");
      }
      if ((automated || async) && retryCycle(activity) == null) {
        problems.add(
            activity.getId() + ": async jobs need an explicit camunda:failedJobRetryTimeCycle");
      } else if (retryCycle(activity) != null
          && !RETRY_CYCLE.matcher(retryCycle(activity)).matches()) {
        problems.add(activity.getId() + ": retry cycle must look like R5/PT1M");
      }
      if (activity.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "class") != null) {
        problems.add(activity.getId() + ": use camunda:delegateExpression, not camunda:class");
      }
    }

    Map<String, String> forms = formIds();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String formRef = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
      String binding =
          task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRefBinding");
      if (formRef == null) {
        problems.add(task.getId() + ": user tasks need camunda:formRef");
      } else if (!forms.containsKey(formRef)) {
        problems.add(task.getId() + ": form " + formRef + " is not in forms/");
      }
      if (!"deployment".equals(binding)) {
        problems.add(task.getId() + ": camunda:formRefBinding must be 'deployment'");
      }
      if (task.getCamundaCandidateGroups() == null && task.getCamundaCandidateUsers() == null) {
        problems.add(task.getId() + ": user tasks need candidate groups (or users)");
      }
    }

    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      if (gateway.getOutgoing().size() > 1) {
        for (SequenceFlow flow : gateway.getOutgoing()) {
          boolean isDefault = flow.equals(gateway.getDefault());
          if (flow.getConditionExpression() == null && !isDefault) {
            problems.add(flow.getId() + ": leaves a decision without a condition");
          }
          if (flow.getName() == null || flow.getName().isBlank()) {
            problems.add(flow.getId() + ": answers of a gateway need a name (yes/no...)");
          }
        }
      }
    }

    problems.addAll(BpmnLint.problems(model));

    assertThat(problems).as(file + " convention problems").isEmpty();
  }

  private static String retryCycle(BaseElement element) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaFailedJobRetryTimeCycle.class)
        .list()
        .stream()
        .map(CamundaFailedJobRetryTimeCycle::getTextContent)
        .findFirst()
        .orElse(null);
  }

  private static List<Path> bpmnFiles() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
  }

  /** Form id → file name of every Camunda Form in forms/. */
  static Map<String, String> formIds() throws IOException {
    Map<String, String> ids = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path form : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode root = json.readTree(form.toFile());
        ids.put(root.path("id").asText(), form.getFileName().toString());
      }
    }
    return ids;
  }
}
