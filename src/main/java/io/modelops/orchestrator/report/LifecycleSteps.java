package io.modelops.orchestrator.report;

import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.report.ModelReport.Activity;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.springframework.stereotype.Component;

/**
 * The steps of the lifecycle as a reader knows them: the names the process definition gives its
 * activities instead of their BPMN ids, and which activities a report's table shows.
 *
 * <p>The table shows user tasks, service and other tasks, boundary and intermediate catch events
 * (reminders, escalations, messages) and the start and end events of the lifecycle itself and of
 * its event sub-processes (a rollback requested, say). It leaves out gateways (routing, no work),
 * multi-instance bodies and sub-process scopes (their inner tasks are listed) and the start and end
 * events inside sub-processes. The JSON report lists every activity.
 */
@Component
class LifecycleSteps {

  static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  /** Names and top-level events of one deployed definition. */
  record Definition(Map<String, String> names, Set<String> topLevel) {

    static final Definition NONE = new Definition(Map.of(), Set.of());

    /** The name of a step, or its id when the definition gives none. */
    String name(String activityId) {
      if (activityId == null) {
        return null;
      }
      if (activityId.endsWith(MULTI_INSTANCE_BODY)) {
        String inner = names.get(activityId.substring(0, activityId.indexOf('#')));
        return inner == null ? activityId : inner + " (all instances)";
      }
      return names.getOrDefault(activityId, activityId);
    }

    /** Whether the report's table shows the activity (see the class comment). */
    boolean shown(Activity a) {
      return shown(a.activityId(), a.activityType());
    }

    boolean shown(String id, String type) {
      if (type == null) {
        return true;
      }
      if (type.endsWith("Gateway")
          || type.equals("multiInstanceBody")
          || type.equals("subProcess")
          || type.equals("intermediateNoneThrowEvent")) {
        return false;
      }
      if (type.equals("startEvent") || type.endsWith("EndEvent") || type.equals("endEvent")) {
        return topLevel.contains(id);
      }
      return true;
    }
  }

  private final RepositoryService repository;
  private final Map<String, Definition> definitions = new ConcurrentHashMap<>();

  LifecycleSteps(RepositoryService repository) {
    this.repository = repository;
  }

  /** The latest deployed lifecycle definition's steps. */
  Definition latest() {
    ProcessDefinition definition =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey(ModelLifecycle.KEY)
            .latestVersion()
            .singleResult();
    if (definition == null) {
      return Definition.NONE;
    }
    return definitions.computeIfAbsent(
        definition.getId(), id -> read(repository.getBpmnModelInstance(id)));
  }

  static Definition read(BpmnModelInstance model) {
    Map<String, String> names = new HashMap<>();
    Set<String> topLevel = new HashSet<>();
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      if (element.getName() != null && !element.getName().isBlank()) {
        names.put(element.getId(), element.getName().replaceAll("\\s+", " ").strip());
      }
      if (element.getParentElement() instanceof Process
          || (element.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent())) {
        topLevel.add(element.getId());
      }
    }
    return new Definition(Collections.unmodifiableMap(names), Set.copyOf(topLevel));
  }
}
