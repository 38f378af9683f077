package io.modelops.orchestrator.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Artifact;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Escalation;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.RootElement;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.Signal;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The rules of Camunda Modeler's {@code bpmnlint:recommended} (bpmnlint 11), written against
 * Camunda's BPMN model API so that the build checks them without Node. Each rule reads the model as
 * the bpmnlint rule of the same name does; {@code BpmnLintTest} holds one broken model per rule.
 * Camunda's model API has no type for an ad-hoc sub-process, so that rule reads the XML itself.
 *
 * <p>Every problem is reported as {@code "<element id>: <message> (<rule>)"}.
 */
final class BpmnLint {

  /** The rules of {@code bpmnlint:recommended}, in its order. */
  static final List<String> RULES =
      List.of(
          "ad-hoc-sub-process",
          "conditional-flows",
          "end-event-required",
          "event-based-gateway",
          "event-sub-process-typed-start-event",
          "fake-join",
          "global",
          "label-required",
          "link-event",
          "no-bpmndi",
          "no-complex-gateway",
          "no-disconnected",
          "no-duplicate-sequence-flows",
          "no-gateway-join-fork",
          "no-implicit-split",
          "no-implicit-end",
          "no-implicit-start",
          "no-inclusive-gateway",
          "no-overlapping-elements",
          "single-blank-start-event",
          "single-event-definition",
          "start-event-required",
          "sub-process-blank-start-event",
          "superfluous-gateway",
          "superfluous-label",
          "superfluous-termination");

  private final BpmnModelInstance model;
  private final List<String> problems = new ArrayList<>();

  private BpmnLint(BpmnModelInstance model) {
    this.model = model;
  }

  /** What Modeler's linter would report for this model, as errors and warnings alike. */
  static List<String> problems(BpmnModelInstance model) {
    BpmnLint lint = new BpmnLint(model);
    lint.check();
    return List.copyOf(lint.problems);
  }

  /** The rule a problem line names. */
  static String ruleOf(String problem) {
    return problem.substring(problem.lastIndexOf('(') + 1, problem.length() - 1);
  }

  private void report(BaseElement element, String message, String rule) {
    problems.add(element.getId() + ": " + message + " (" + rule + ")");
  }

  private void check() {
    Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
    for (FlowNode node : nodes) {
      checkNode(node);
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      checkLabelRequired(flow);
      checkSuperfluousLabel(flow);
    }
    checkDuplicateFlows();
    for (Process process : model.getModelElementsByType(Process.class)) {
      checkContainer(process, process.getFlowElements());
    }
    for (SubProcess sub : model.getModelElementsByType(SubProcess.class)) {
      checkContainer(sub, sub.getFlowElements());
      checkSubProcessStarts(sub);
    }
    checkGlobals();
    checkDiagram();
    checkAdHocSubProcesses(model.getDocument().getRootElement());
  }

  /** No start or end event inside an ad-hoc sub-process (an element Camunda does not model). */
  private void checkAdHocSubProcesses(DomElement element) {
    for (DomElement child : element.getChildElements()) {
      if ("adHocSubProcess".equals(element.getLocalName())
          && ("startEvent".equals(child.getLocalName())
              || "endEvent".equals(child.getLocalName()))) {
        problems.add(
            child.getAttribute("id")
                + ": start and end events are not allowed in an"
                + " ad-hoc sub-process (ad-hoc-sub-process)");
      }
      checkAdHocSubProcesses(child);
    }
  }

  // ---- flow nodes ----------------------------------------------------------------------------

  private void checkNode(FlowNode node) {
    int incoming = node.getIncoming().size();
    int outgoing = node.getOutgoing().size();
    boolean activityOrEvent = node instanceof Activity || node instanceof Event;

    checkConditionalFlows(node);
    if (node instanceof EventBasedGateway) {
      if (outgoing < 2) {
        report(
            node, "an event-based gateway needs at least 2 outgoing flows", "event-based-gateway");
      }
      for (SequenceFlow flow : node.getOutgoing()) {
        if (flow.getConditionExpression() != null) {
          report(
              flow, "a flow out of an event-based gateway has no condition", "event-based-gateway");
        }
      }
    }
    if (activityOrEvent && incoming > 1) {
      report(node, incoming + " incoming flows do not join, add a converging gateway", "fake-join");
    }
    checkLabelRequired(node);
    if (node instanceof ComplexGateway) {
      report(node, "complex gateways are discouraged", "no-complex-gateway");
    }
    if (node instanceof InclusiveGateway) {
      report(node, "inclusive gateways are discouraged", "no-inclusive-gateway");
    }
    if (isDisconnected(node)) {
      report(node, "is not connected", "no-disconnected");
    }
    if (node instanceof Gateway) {
      if (incoming > 1 && outgoing > 1) {
        report(node, "joins and forks at once", "no-gateway-join-fork");
      }
      if (incoming == 1 && outgoing == 1) {
        report(node, "neither joins nor forks", "superfluous-gateway");
      }
    }
    if (activityOrEvent) {
      SequenceFlow defaultFlow = defaultFlow(node);
      long unconditional =
          node.getOutgoing().stream()
              .filter(flow -> flow.getConditionExpression() == null)
              .filter(flow -> !flow.equals(defaultFlow))
              .count();
      if (unconditional > 1) {
        report(
            node,
            unconditional + " outgoing flows without condition, use a gateway",
            "no-implicit-split");
      }
    }
    if (isImplicitEnd(node)) {
      report(node, "is an implicit end, nothing flows out of it", "no-implicit-end");
    }
    if (isImplicitStart(node)) {
      report(node, "is an implicit start, nothing flows into it", "no-implicit-start");
    }
    if (node instanceof Event event && eventDefinitions(event).size() > 1) {
      report(node, "has more than one event definition", "single-event-definition");
    }
  }

  private void checkConditionalFlows(FlowNode node) {
    SequenceFlow defaultFlow = defaultFlow(node);
    boolean conditionalForking =
        defaultFlow != null
            || node.getOutgoing().stream().anyMatch(flow -> flow.getConditionExpression() != null);
    if (!conditionalForking) {
      return;
    }
    for (SequenceFlow flow : node.getOutgoing()) {
      if (flow.getConditionExpression() == null && !flow.equals(defaultFlow)) {
        report(
            flow, "leaves " + node.getId() + " without condition or default", "conditional-flows");
      }
    }
  }

  private void checkLabelRequired(FlowElement element) {
    if (element instanceof ParallelGateway || element instanceof EventBasedGateway) {
      return;
    }
    if (element instanceof Gateway gateway && gateway.getOutgoing().size() <= 1) {
      return;
    }
    if (element instanceof SubProcess) {
      return;
    }
    if (element instanceof SequenceFlow flow && flow.getConditionExpression() == null) {
      return;
    }
    if (element.getName() == null || element.getName().isBlank()) {
      report(element, "needs a label", "label-required");
    }
  }

  private void checkSuperfluousLabel(SequenceFlow flow) {
    if (flow.getName() == null || flow.getName().isBlank()) {
      return;
    }
    FlowNode source = flow.getSource();
    boolean decisionFork =
        (source instanceof ExclusiveGateway || source instanceof InclusiveGateway)
            && source.getOutgoing().size() > 1;
    if (flow.getConditionExpression() == null
        && !flow.equals(defaultFlow(source))
        && !decisionFork) {
      report(flow, "has a label but neither a condition nor a decision", "superfluous-label");
    }
  }

  private boolean isDisconnected(FlowNode node) {
    boolean kind =
        node instanceof Activity
                && !(node instanceof org.camunda.bpm.model.bpmn.instance.CallActivity)
            || node instanceof Gateway
            || node instanceof Event;
    if (!kind || isEventSubProcess(node)) {
      return false;
    }
    boolean compensationBoundary =
        node instanceof BoundaryEvent boundary
            && eventDefinitions(boundary).size() == 1
            && eventDefinitions(boundary).get(0) instanceof CompensateEventDefinition;
    if (compensationBoundary || isForCompensation(node)) {
      return false;
    }
    return node.getIncoming().isEmpty() && node.getOutgoing().isEmpty();
  }

  private boolean isImplicitStart(FlowNode node) {
    if (!(node instanceof Event || node instanceof Activity || node instanceof Gateway)) {
      return false;
    }
    if (isForCompensation(node) || isEventSubProcess(node)) {
      return false;
    }
    if (node instanceof IntermediateCatchEvent event && onlyLinks(event)) {
      return false;
    }
    if (node instanceof StartEvent || node instanceof BoundaryEvent) {
      return false;
    }
    return node.getIncoming().isEmpty();
  }

  private boolean isImplicitEnd(FlowNode node) {
    if (!(node instanceof Event || node instanceof Activity || node instanceof Gateway)) {
      return false;
    }
    if (isEventSubProcess(node) || node instanceof EndEvent) {
      return false;
    }
    if (node instanceof IntermediateThrowEvent event && onlyLinks(event)) {
      return false;
    }
    if (node instanceof BoundaryEvent boundary
        && !eventDefinitions(boundary).isEmpty()
        && eventDefinitions(boundary).stream().allMatch(CompensateEventDefinition.class::isInstance)
        && hasAssociation(boundary)) {
      return false;
    }
    if (isForCompensation(node)) {
      return false;
    }
    return node.getOutgoing().isEmpty();
  }

  private boolean hasAssociation(BaseElement source) {
    return model
        .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Association.class)
        .stream()
        .anyMatch(association -> association.getSource() == source);
  }

  private void checkDuplicateFlows() {
    Set<String> keys = new HashSet<>();
    Set<String> reportedSources = new HashSet<>();
    Set<String> reportedTargets = new HashSet<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      String condition =
          flow.getConditionExpression() == null
              ? ""
              : flow.getConditionExpression().getTextContent();
      String key = flow.getSource().getId() + "#" + flow.getTarget().getId() + "#" + condition;
      if (!keys.add(key)) {
        report(flow, "duplicates another flow", "no-duplicate-sequence-flows");
        if (reportedSources.add(flow.getSource().getId())) {
          report(flow.getSource(), "has duplicate outgoing flows", "no-duplicate-sequence-flows");
        }
        if (reportedTargets.add(flow.getTarget().getId())) {
          report(flow.getTarget(), "has duplicate incoming flows", "no-duplicate-sequence-flows");
        }
      }
    }
  }

  // ---- processes and sub-processes -----------------------------------------------------------

  private void checkContainer(BaseElement container, Collection<FlowElement> elements) {
    String type = container instanceof SubProcess ? "sub-process" : "process";
    if (elements.stream().noneMatch(EndEvent.class::isInstance)) {
      report(container, type + " has no end event", "end-event-required");
    }
    if (elements.stream().noneMatch(StartEvent.class::isInstance)) {
      report(container, type + " has no start event", "start-event-required");
    }
    long blankStarts =
        elements.stream()
            .filter(StartEvent.class::isInstance)
            .filter(start -> eventDefinitions((StartEvent) start).isEmpty())
            .count();
    if (blankStarts > 1) {
      report(
          container,
          type + " has " + blankStarts + " blank start events",
          "single-blank-start-event");
    }
    checkLinks(elements);
    checkTermination(elements);
  }

  private void checkSubProcessStarts(SubProcess sub) {
    for (FlowElement element : sub.getFlowElements()) {
      if (element instanceof StartEvent start) {
        boolean typed = !eventDefinitions(start).isEmpty();
        if (sub.triggeredByEvent() && !typed) {
          report(
              start,
              "an event sub-process starts with a typed start event",
              "event-sub-process-typed-start-event");
        }
        if (!sub.triggeredByEvent() && typed) {
          report(
              start,
              "a sub-process starts with a blank start event",
              "sub-process-blank-start-event");
        }
      }
    }
  }

  private void checkLinks(Collection<FlowElement> elements) {
    Map<String, List<Event>> byName = new LinkedHashMap<>();
    for (FlowElement element : elements) {
      if (element instanceof Event event) {
        for (EventDefinition definition : eventDefinitions(event)) {
          if (definition instanceof LinkEventDefinition link) {
            String name = link.getName();
            if (name == null || name.isBlank()) {
              report(event, "a link event needs a link name", "link-event");
            } else {
              byName.computeIfAbsent(name, key -> new ArrayList<>()).add(event);
            }
          }
        }
      }
    }
    byName.forEach(
        (name, events) -> {
          if (events.size() == 1) {
            Event event = events.get(0);
            String missing = event instanceof ThrowEvent ? "catch" : "throw";
            report(
                event,
                "link " + missing + " event '" + name + "' is missing in scope",
                "link-event");
            return;
          }
          List<Event> catches = events.stream().filter(CatchEvent.class::isInstance).toList();
          if (catches.size() > 1) {
            catches.forEach(
                event -> report(event, "duplicate link catch event '" + name + "'", "link-event"));
          } else if (catches.isEmpty()) {
            events.forEach(
                event ->
                    report(
                        event,
                        "link catch event '" + name + "' is missing in scope",
                        "link-event"));
          }
        });
  }

  private void checkTermination(Collection<FlowElement> elements) {
    List<FlowNode> ends =
        elements.stream()
            .filter(FlowNode.class::isInstance)
            .map(FlowNode.class::cast)
            .filter(node -> node.getOutgoing().isEmpty())
            .toList();
    List<FlowNode> terminates = ends.stream().filter(BpmnLint::isTerminateEnd).toList();
    if (terminates.size() != 1) {
      return;
    }
    boolean superfluous =
        ends.stream().allMatch(end -> isTerminateEnd(end) || isInterruptingEventSubProcess(end));
    if (superfluous) {
      report(terminates.get(0), "termination is superfluous", "superfluous-termination");
    }
  }

  // ---- definitions ---------------------------------------------------------------------------

  private void checkGlobals() {
    List<RootElement> globals =
        model.getDefinitions().getRootElements().stream()
            .filter(
                element ->
                    element instanceof Error
                        || element instanceof Escalation
                        || element instanceof Message
                        || element instanceof Signal)
            .toList();
    Map<String, Integer> names = new HashMap<>();
    for (RootElement global : globals) {
      names.merge(global.getElementType().getTypeName() + "#" + nameOf(global), 1, Integer::sum);
    }
    for (RootElement global : globals) {
      String name = nameOf(global);
      if (name != null && name.trim().isEmpty()) {
        report(global, "needs a name", "global");
      }
      if (!isReferenced(global)) {
        report(global, "is not used", "global");
      }
      if (names.get(global.getElementType().getTypeName() + "#" + name) > 1) {
        report(
            global, "has the name of another " + global.getElementType().getTypeName(), "global");
      }
    }
  }

  private static String nameOf(RootElement global) {
    if (global instanceof Error error) {
      return error.getName();
    }
    if (global instanceof Escalation escalation) {
      return escalation.getName();
    }
    if (global instanceof Message message) {
      return message.getName();
    }
    return ((Signal) global).getName();
  }

  private boolean isReferenced(RootElement global) {
    if (global instanceof Error) {
      return model.getModelElementsByType(ErrorEventDefinition.class).stream()
          .anyMatch(definition -> definition.getError() == global);
    }
    if (global instanceof Escalation) {
      return model.getModelElementsByType(EscalationEventDefinition.class).stream()
          .anyMatch(definition -> definition.getEscalation() == global);
    }
    if (global instanceof Message) {
      return model.getModelElementsByType(MessageEventDefinition.class).stream()
              .anyMatch(definition -> definition.getMessage() == global)
          || model.getModelElementsByType(ReceiveTask.class).stream()
              .anyMatch(task -> task.getMessage() == global)
          || model.getModelElementsByType(SendTask.class).stream()
              .anyMatch(task -> task.getMessage() == global);
    }
    return model.getModelElementsByType(SignalEventDefinition.class).stream()
        .anyMatch(definition -> definition.getSignal() == global);
  }

  private void checkDiagram() {
    Map<ModelElementInstance, DiagramElement> di = new HashMap<>();
    for (DiagramElement element : model.getModelElementsByType(DiagramElement.class)) {
      ModelElementInstance bpmnElement = bpmnElementOf(element);
      if (bpmnElement != null) {
        di.put(bpmnElement, element);
      }
    }
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      if (!di.containsKey(element) && isDrawn(element)) {
        report(element, "has no shape or edge in the diagram", "no-bpmndi");
      }
    }
    for (Artifact artifact : model.getModelElementsByType(Artifact.class)) {
      if (!di.containsKey(artifact)) {
        report(artifact, "has no shape or edge in the diagram", "no-bpmndi");
      }
    }
    for (Process process : model.getModelElementsByType(Process.class)) {
      checkOverlaps(process.getFlowElements(), null, di);
    }
  }

  /** Data objects have no shape of their own; everything else in a flow is drawn. */
  private static boolean isDrawn(FlowElement element) {
    return !(element instanceof org.camunda.bpm.model.bpmn.instance.DataObject);
  }

  private static ModelElementInstance bpmnElementOf(DiagramElement element) {
    if (element instanceof BpmnShape shape) {
      return shape.getBpmnElement();
    }
    if (element instanceof org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge edge) {
      return edge.getBpmnElement();
    }
    return null;
  }

  private void checkOverlaps(
      Collection<FlowElement> elements,
      BpmnShape parent,
      Map<ModelElementInstance, DiagramElement> di) {
    List<FlowElement> shaped =
        elements.stream()
            .filter(
                element -> di.get(element) instanceof BpmnShape shape && shape.getBounds() != null)
            .toList();
    Set<FlowElement> overlapping = new HashSet<>();
    for (int i = 0; i < shaped.size(); i++) {
      for (int j = i + 1; j < shaped.size(); j++) {
        FlowElement first = shaped.get(i);
        FlowElement second = shaped.get(j);
        if (collide(bounds(first, di), bounds(second, di)) && !attached(first, second)) {
          overlapping.add(first);
          overlapping.add(second);
        }
      }
    }
    for (FlowElement element : shaped) {
      if (overlapping.contains(element)) {
        report(element, "overlaps another element", "no-overlapping-elements");
      }
      if (parent != null
          && !(element instanceof org.camunda.bpm.model.bpmn.instance.DataStoreReference)
          && !inside(bounds(element, di), parent.getBounds())) {
        report(element, "lies outside its sub-process", "no-overlapping-elements");
      }
    }
    for (FlowElement element : elements) {
      if (element instanceof SubProcess sub) {
        BpmnShape shape = di.get(sub) instanceof BpmnShape s ? s : null;
        BpmnShape boundary = shape != null && shape.isExpanded() ? shape : null;
        checkOverlaps(sub.getFlowElements(), boundary, di);
      }
    }
  }

  private static Bounds bounds(FlowElement element, Map<ModelElementInstance, DiagramElement> di) {
    return ((BpmnShape) di.get(element)).getBounds();
  }

  private static boolean attached(FlowElement first, FlowElement second) {
    return first instanceof BoundaryEvent event && event.getAttachedTo() == second
        || second instanceof BoundaryEvent other && other.getAttachedTo() == first;
  }

  private static boolean collide(Bounds a, Bounds b) {
    boolean x = a.getX() + a.getWidth() >= b.getX() && b.getX() + b.getWidth() >= a.getX();
    boolean y = a.getY() + a.getHeight() >= b.getY() && b.getY() + b.getHeight() >= a.getY();
    return x && y;
  }

  private static boolean inside(Bounds child, Bounds parent) {
    return child.getX() >= parent.getX()
        && child.getY() >= parent.getY()
        && child.getX() + child.getWidth() <= parent.getX() + parent.getWidth()
        && child.getY() + child.getHeight() <= parent.getY() + parent.getHeight();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static List<EventDefinition> eventDefinitions(Event event) {
    if (event instanceof CatchEvent catchEvent) {
      return List.copyOf(catchEvent.getEventDefinitions());
    }
    if (event instanceof ThrowEvent throwEvent) {
      return List.copyOf(throwEvent.getEventDefinitions());
    }
    return List.of();
  }

  private static boolean onlyLinks(Event event) {
    List<EventDefinition> definitions = eventDefinitions(event);
    return !definitions.isEmpty()
        && definitions.stream().allMatch(LinkEventDefinition.class::isInstance);
  }

  private static boolean isTerminateEnd(FlowNode node) {
    return node instanceof EndEvent end
        && eventDefinitions(end).stream().anyMatch(TerminateEventDefinition.class::isInstance);
  }

  private static boolean isInterruptingEventSubProcess(FlowNode node) {
    return node instanceof SubProcess sub
        && sub.triggeredByEvent()
        && sub.getFlowElements().stream()
            .anyMatch(element -> element instanceof StartEvent start && start.isInterrupting());
  }

  private static boolean isEventSubProcess(FlowNode node) {
    return node instanceof SubProcess sub && sub.triggeredByEvent();
  }

  private static boolean isForCompensation(FlowNode node) {
    return node instanceof Activity activity && activity.isForCompensation();
  }

  private static SequenceFlow defaultFlow(FlowNode node) {
    if (node instanceof ExclusiveGateway gateway) {
      return gateway.getDefault();
    }
    if (node instanceof InclusiveGateway gateway) {
      return gateway.getDefault();
    }
    if (node instanceof ComplexGateway gateway) {
      return gateway.getDefault();
    }
    if (node instanceof Activity activity) {
      return activity.getDefault();
    }
    return null;
  }
}
