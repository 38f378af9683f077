package io.modelops.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each rule of {@link BpmnLint} catches the model it is about. Every broken model below is also
 * written to {@code target/bpmnlint-models/}; the rules expected for it are what the {@code
 * bpmnlint} command line (11.x, {@code bpmnlint:recommended}) reports for that file.
 */
class BpmnLintTest {

  private static final Path WRITTEN = Path.of("target", "bpmnlint-models");

  /** Start → Work → Done: clean. */
  private static ProcessBuilder process() {
    return Bpmn.createExecutableProcess("Process_Lint").name("Lint");
  }

  private static BpmnModelInstance clean() {
    return process()
        .startEvent("StartEvent_Begun")
        .name("Begun")
        .userTask("Task_Work")
        .name("Work")
        .endEvent("EndEvent_Done")
        .name("Done")
        .done();
  }

  /** Broken model name → the rules bpmnlint reports for it. */
  private static Map<String, Broken> brokenModels() {
    Map<String, Broken> models = new LinkedHashMap<>();
    models.put(
        "conditional-flows",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .exclusiveGateway("Gateway_Approved")
                .name("Approved?")
                .condition("yes", "${approved}")
                .endEvent("EndEvent_Approved")
                .name("Approved")
                .moveToLastGateway()
                .endEvent("EndEvent_Rejected")
                .name("Rejected")
                .done(),
            "conditional-flows"));
    models.put(
        "end-event-required",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .userTask("Task_Work")
                .name("Work")
                .done(),
            "end-event-required",
            "no-implicit-end"));
    models.put(
        "event-based-gateway",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .eventBasedGateway()
                .id("Gateway_FirstEvent")
                .intermediateCatchEvent("Event_Waited")
                .name("Waited")
                .timerWithDuration("PT1H")
                .endEvent("EndEvent_Done")
                .name("Done")
                .done(),
            "event-based-gateway",
            "superfluous-gateway"));
    models.put(
        "event-sub-process-typed-start-event",
        new Broken(
            with(
                clean(),
                model -> {
                  SubProcess sub = subProcess(model, "SubProcess_OnEvent", true);
                  StartEvent start =
                      add(model, sub, StartEvent.class, "StartEvent_OnEvent", "On event");
                  EndEvent end = add(model, sub, EndEvent.class, "EndEvent_OnEvent", "Handled");
                  flow(model, sub, "Flow_OnEvent", start, end);
                }),
            "event-sub-process-typed-start-event",
            "no-bpmndi"));
    models.put(
        "fake-join",
        new Broken(
            with(
                clean(),
                model ->
                    flow(
                        model,
                        process(model),
                        "Flow_Again",
                        node(model, "StartEvent_Begun"),
                        node(model, "EndEvent_Done"))),
            "fake-join",
            "no-bpmndi",
            "no-implicit-split"));
    models.put(
        "global",
        new Broken(
            with(
                clean(),
                model -> {
                  Message message = model.newInstance(Message.class);
                  message.setId("Message_Unused");
                  message.setName("Unused");
                  model.getDefinitions().addChildElement(message);
                }),
            "global"));
    models.put(
        "label-required",
        new Broken(
            with(clean(), model -> node(model, "Task_Work").setName(null)), "label-required"));
    models.put(
        "link-event",
        new Broken(
            with(
                clean(),
                model -> {
                  IntermediateThrowEvent link =
                      add(
                          model,
                          process(model),
                          IntermediateThrowEvent.class,
                          "Event_GoOn",
                          "Go on");
                  LinkEventDefinition definition = model.newInstance(LinkEventDefinition.class);
                  definition.setName("GoOn");
                  link.getEventDefinitions().add(definition);
                }),
            "link-event",
            "no-bpmndi",
            "no-disconnected",
            "no-implicit-start"));
    models.put(
        "no-bpmndi",
        new Broken(
            with(
                clean(),
                model -> {
                  BpmnShape shape = shapeOf(model, "Task_Work");
                  shape.getParentElement().removeChildElement(shape);
                }),
            "no-bpmndi"));
    models.put(
        "no-complex-gateway",
        new Broken(
            with(
                clean(),
                model -> {
                  SequenceFlow first =
                      node(model, "StartEvent_Begun").getOutgoing().iterator().next();
                  FlowNode task = node(model, "Task_Work");
                  ComplexGateway gateway =
                      add(model, process(model), ComplexGateway.class, "Gateway_Complex", null);
                  task.getIncoming().remove(first);
                  first.setTarget(gateway);
                  gateway.getIncoming().add(first);
                  flow(model, process(model), "Flow_Complex", gateway, task);
                }),
            "no-complex-gateway",
            "superfluous-gateway",
            "no-bpmndi"));
    models.put(
        "no-disconnected",
        new Broken(
            with(
                clean(),
                model -> add(model, process(model), UserTask.class, "Task_Alone", "Alone")),
            "no-disconnected",
            "no-implicit-start",
            "no-implicit-end",
            "no-bpmndi"));
    models.put(
        "no-duplicate-sequence-flows",
        new Broken(
            with(
                clean(),
                model ->
                    flow(
                        model,
                        process(model),
                        "Flow_Twice",
                        node(model, "StartEvent_Begun"),
                        node(model, "Task_Work"))),
            "no-duplicate-sequence-flows",
            "fake-join",
            "no-implicit-split",
            "no-bpmndi"));
    models.put(
        "no-gateway-join-fork",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .parallelGateway("Gateway_Split")
                .userTask("Task_A")
                .name("A")
                .parallelGateway("Gateway_JoinAndSplit")
                .userTask("Task_C")
                .name("C")
                .endEvent("EndEvent_C")
                .name("C done")
                .moveToNode("Gateway_Split")
                .userTask("Task_B")
                .name("B")
                .connectTo("Gateway_JoinAndSplit")
                .moveToNode("Gateway_JoinAndSplit")
                .userTask("Task_D")
                .name("D")
                .endEvent("EndEvent_D")
                .name("D done")
                .done(),
            "no-gateway-join-fork"));
    models.put(
        "no-implicit-split",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .userTask("Task_Work")
                .name("Work")
                .endEvent("EndEvent_A")
                .name("A")
                .moveToNode("Task_Work")
                .endEvent("EndEvent_B")
                .name("B")
                .done(),
            "no-implicit-split"));
    models.put(
        "no-implicit-start",
        new Broken(
            with(
                clean(),
                model -> {
                  UserTask orphan =
                      add(model, process(model), UserTask.class, "Task_Orphan", "Orphan");
                  flow(model, process(model), "Flow_Orphan", orphan, node(model, "EndEvent_Done"));
                }),
            "no-implicit-start",
            "fake-join",
            "no-bpmndi"));
    models.put(
        "no-inclusive-gateway",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .inclusiveGateway("Gateway_Inclusive")
                .name("Which?")
                .condition("a", "${a}")
                .endEvent("EndEvent_A")
                .name("A")
                .moveToLastGateway()
                .condition("b", "${b}")
                .endEvent("EndEvent_B")
                .name("B")
                .done(),
            "no-inclusive-gateway"));
    models.put(
        "no-overlapping-elements",
        new Broken(
            with(
                clean(),
                model -> {
                  BpmnShape task = shapeOf(model, "Task_Work");
                  BpmnShape end = shapeOf(model, "EndEvent_Done");
                  end.getBounds().setX(task.getBounds().getX() + 10);
                  end.getBounds().setY(task.getBounds().getY() + 10);
                }),
            "no-overlapping-elements"));
    models.put(
        "single-blank-start-event",
        new Broken(
            with(
                clean(),
                model -> {
                  StartEvent second =
                      add(model, process(model), StartEvent.class, "StartEvent_Again", "Again");
                  flow(model, process(model), "Flow_Again", second, node(model, "Task_Work"));
                }),
            "single-blank-start-event",
            "fake-join",
            "no-bpmndi"));
    models.put(
        "single-event-definition",
        new Broken(
            with(
                clean(),
                model -> {
                  StartEvent start = model.getModelElementById("StartEvent_Begun");
                  start.getEventDefinitions().add(timer(model));
                  Message message = model.newInstance(Message.class);
                  message.setId("Message_Begin");
                  message.setName("Begin");
                  model.getDefinitions().addChildElement(message);
                  MessageEventDefinition onMessage =
                      model.newInstance(MessageEventDefinition.class);
                  onMessage.setMessage(message);
                  start.getEventDefinitions().add(onMessage);
                }),
            "single-event-definition"));
    models.put(
        "start-event-required",
        new Broken(
            with(
                clean(),
                model -> {
                  FlowNode start = node(model, "StartEvent_Begun");
                  SequenceFlow first = start.getOutgoing().iterator().next();
                  node(model, "Task_Work").getIncoming().remove(first);
                  removeWithDiagram(model, first);
                  removeWithDiagram(model, start);
                }),
            "start-event-required",
            "no-implicit-start"));
    models.put(
        "sub-process-blank-start-event",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .subProcess("SubProcess_Inner")
                .embeddedSubProcess()
                .startEvent("StartEvent_Inner")
                .name("Inner begun")
                .timerWithDuration("PT1M")
                .endEvent("EndEvent_Inner")
                .name("Inner done")
                .subProcessDone()
                .endEvent("EndEvent_Done")
                .name("Done")
                .done(),
            "sub-process-blank-start-event"));
    models.put(
        "superfluous-gateway",
        new Broken(
            process()
                .startEvent("StartEvent_Begun")
                .name("Begun")
                .exclusiveGateway("Gateway_Nothing")
                .endEvent("EndEvent_Done")
                .name("Done")
                .done(),
            "superfluous-gateway"));
    models.put(
        "superfluous-label",
        new Broken(
            with(
                clean(),
                model -> {
                  FlowNode task = node(model, "Task_Work");
                  task.getOutgoing().iterator().next().setName("then");
                }),
            "superfluous-label"));
    models.put(
        "superfluous-termination",
        new Broken(
            with(
                clean(),
                model -> {
                  EndEvent end = model.getModelElementById("EndEvent_Done");
                  end.getEventDefinitions().add(model.newInstance(TerminateEventDefinition.class));
                }),
            "superfluous-termination"));
    return models;
  }

  record Broken(BpmnModelInstance model, Set<String> rules) {
    Broken(BpmnModelInstance model, String... rules) {
      this(model, new TreeSet<>(Set.of(rules)));
    }
  }

  @Test
  void aCleanModelHasNoProblem() {
    assertThat(BpmnLint.problems(clean())).isEmpty();
  }

  @Test
  void everyRuleOfTheRecommendedSetIsCaughtByOneOfTheModels() {
    Set<String> caught =
        brokenModels().values().stream()
            .flatMap(broken -> broken.rules().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    caught.add("ad-hoc-sub-process");
    assertThat(caught).containsExactlyInAnyOrderElementsOf(BpmnLint.RULES);
  }

  /** Camunda's model API reads an ad-hoc sub-process but has no type for it. */
  @Test
  void anAdHocSubProcessWithAStartEventIsReported() {
    String xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"Definitions_1\""
            + " targetNamespace=\"x\"><process id=\"Process_AdHoc\" isExecutable=\"true\">"
            + "<adHocSubProcess id=\"SubProcess_AdHoc\"><startEvent id=\"StartEvent_1\"/>"
            + "</adHocSubProcess></process></definitions>";
    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(BpmnLint.problems(model))
        .contains(
            "StartEvent_1: start and end events are not allowed in an ad-hoc sub-process"
                + " (ad-hoc-sub-process)");
  }

  @TestFactory
  Stream<DynamicTest> eachBrokenModelGetsWhatBpmnlintReports() throws IOException {
    Files.createDirectories(WRITTEN);
    return brokenModels().entrySet().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    entry.getKey(),
                    () -> {
                      BpmnModelInstance model = entry.getValue().model();
                      Bpmn.writeModelToFile(
                          WRITTEN.resolve(entry.getKey() + ".bpmn").toFile(), model);
                      Set<String> rules =
                          BpmnLint.problems(model).stream()
                              .map(BpmnLint::ruleOf)
                              .collect(Collectors.toCollection(TreeSet::new));
                      assertThat(rules)
                          .as("rules reported for %s: %s", entry.getKey(), BpmnLint.problems(model))
                          .isEqualTo(entry.getValue().rules());
                    }));
  }

  // ---- building broken models ----------------------------------------------------------------

  private static BpmnModelInstance with(
      BpmnModelInstance model, Consumer<BpmnModelInstance> change) {
    change.accept(model);
    return model;
  }

  private static Process process(BpmnModelInstance model) {
    return model.getModelElementById("Process_Lint");
  }

  private static FlowNode node(BpmnModelInstance model, String id) {
    return model.getModelElementById(id);
  }

  private static BpmnShape shapeOf(BpmnModelInstance model, String id) {
    return model.getModelElementsByType(BpmnShape.class).stream()
        .filter(shape -> shape.getBpmnElement().getId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static <T extends FlowNode> T add(
      BpmnModelInstance model,
      org.camunda.bpm.model.bpmn.instance.BaseElement parent,
      Class<T> type,
      String id,
      String name) {
    T node = model.newInstance(type);
    node.setId(id);
    node.setName(name);
    parent.addChildElement(node);
    return node;
  }

  private static void removeWithDiagram(
      BpmnModelInstance model, org.camunda.bpm.model.bpmn.instance.BaseElement element) {
    model
        .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.di.DiagramElement.class)
        .stream()
        .filter(
            di ->
                di instanceof BpmnShape shape && shape.getBpmnElement() == element
                    || di instanceof org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge edge
                        && edge.getBpmnElement() == element)
        .toList()
        .forEach(di -> di.getParentElement().removeChildElement(di));
    element.getParentElement().removeChildElement(element);
  }

  private static SubProcess subProcess(BpmnModelInstance model, String id, boolean byEvent) {
    SubProcess sub = model.newInstance(SubProcess.class);
    sub.setId(id);
    sub.setTriggeredByEvent(byEvent);
    process(model).addChildElement(sub);
    return sub;
  }

  private static SequenceFlow flow(
      BpmnModelInstance model,
      org.camunda.bpm.model.bpmn.instance.BaseElement parent,
      String id,
      FlowNode source,
      FlowNode target) {
    SequenceFlow flow = model.newInstance(SequenceFlow.class);
    flow.setId(id);
    parent.addChildElement(flow);
    flow.setSource(source);
    flow.setTarget(target);
    source.getOutgoing().add(flow);
    target.getIncoming().add(flow);
    return flow;
  }

  private static TimerEventDefinition timer(BpmnModelInstance model) {
    TimerEventDefinition timer = model.newInstance(TimerEventDefinition.class);
    org.camunda.bpm.model.bpmn.instance.TimeDuration duration =
        model.newInstance(org.camunda.bpm.model.bpmn.instance.TimeDuration.class);
    duration.setTextContent("PT1H");
    timer.setTimeDuration(duration);
    return timer;
  }
}
