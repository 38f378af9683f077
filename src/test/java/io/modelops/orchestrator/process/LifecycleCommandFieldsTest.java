package io.modelops.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine-side checks read what a command is about from Camunda's command classes. An upgrade
 * that renames one of these fields would make the checks refuse the command at run time (they fail
 * closed); this test makes the build say so first.
 */
class LifecycleCommandFieldsTest {

  static Stream<Arguments> fields() {
    String cmd = "org.camunda.bpm.engine.impl.cmd.";
    return Stream.of(
        Arguments.of(cmd + "StartProcessInstanceCmd", "instantiationBuilder"),
        Arguments.of(cmd + "StartProcessInstanceAtActivitiesCmd", "instantiationBuilder"),
        Arguments.of(cmd + "SubmitStartFormCmd", "processDefinitionId"),
        Arguments.of(cmd + "RestartProcessInstancesCmd", "builder"),
        Arguments.of(
            "org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd", "builder"),
        Arguments.of(cmd + "ModifyProcessInstanceCmd", "builder"),
        Arguments.of(cmd + "ModifyProcessInstanceAsyncCmd", "builder"),
        Arguments.of(cmd + "ProcessInstanceModificationCmd", "builder"),
        Arguments.of(cmd + "ProcessInstanceModificationBatchCmd", "builder"),
        Arguments.of(
            "org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd", "executionBuilder"),
        Arguments.of(
            "org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd",
            "executionBuilder"),
        Arguments.of(cmd + "DeleteProcessInstanceCmd", "processInstanceId"),
        Arguments.of(cmd + "DeleteProcessInstancesCmd", "processInstanceIds"),
        Arguments.of(cmd + "batch.DeleteProcessInstanceBatchCmd", "processInstanceIds"),
        Arguments.of(cmd + "batch.DeleteProcessInstanceBatchCmd", "processInstanceQuery"),
        Arguments.of(cmd + "batch.DeleteProcessInstanceBatchCmd", "historicProcessInstanceQuery"),
        Arguments.of(cmd + "HandleTaskBpmnErrorCmd", "taskId"),
        Arguments.of(cmd + "HandleTaskEscalationCmd", "taskId"),
        Arguments.of(cmd + "SignalCmd", "executionId"),
        Arguments.of(cmd + "MessageEventReceivedCmd", "executionId"),
        Arguments.of(cmd + "CorrelateMessageCmd", "messageName"),
        Arguments.of(cmd + "CorrelateAllMessageCmd", "messageName"),
        Arguments.of(cmd + "batch.CorrelateAllMessageBatchCmd", "messageName"),
        Arguments.of(cmd + "CompleteTaskCmd", "taskId"),
        Arguments.of(cmd + "CompleteTaskCmd", "variables"),
        Arguments.of(cmd + "SubmitTaskFormCmd", "taskId"),
        Arguments.of(cmd + "SubmitTaskFormCmd", "properties"),
        Arguments.of(cmd + "SetExecutionVariablesCmd", "entityId"),
        Arguments.of(cmd + "RemoveExecutionVariablesCmd", "entityId"),
        Arguments.of(cmd + "SetTaskVariablesCmd", "entityId"),
        Arguments.of(cmd + "RemoveTaskVariablesCmd", "entityId"),
        Arguments.of(cmd + "PatchExecutionVariablesCmd", "entityId"),
        Arguments.of(cmd + "PatchTaskVariablesCmd", "entityId"),
        Arguments.of(
            cmd + "batch.variables.SetVariablesToProcessInstancesBatchCmd", "processInstanceIds"),
        Arguments.of(
            cmd + "batch.variables.SetVariablesToProcessInstancesBatchCmd", "processInstanceQuery"),
        Arguments.of(
            cmd + "batch.variables.SetVariablesToProcessInstancesBatchCmd",
            "historicProcessInstanceQuery"),
        Arguments.of(cmd + "SuspendProcessInstanceCmd", "processInstanceId"),
        Arguments.of(cmd + "SuspendProcessInstanceCmd", "processDefinitionId"),
        Arguments.of(cmd + "SuspendProcessInstanceCmd", "processDefinitionKey"),
        Arguments.of(cmd + "ActivateProcessDefinitionCmd", "processDefinitionId"),
        Arguments.of(cmd + "SuspendProcessDefinitionCmd", "processDefinitionKey"),
        Arguments.of(cmd + "UpdateProcessInstancesSuspendStateCmd", "builder"),
        Arguments.of(cmd + "UpdateProcessInstancesSuspendStateBatchCmd", "builder"),
        Arguments.of(
            "org.camunda.bpm.engine.impl.UpdateProcessInstancesSuspensionStateBuilderImpl",
            "processDefinitionId"),
        Arguments.of(cmd + "ClaimTaskCmd", "taskId"),
        Arguments.of(cmd + "ClaimTaskCmd", "userId"),
        Arguments.of(cmd + "AssignTaskCmd", "taskId"),
        Arguments.of(cmd + "SetTaskOwnerCmd", "userId"),
        Arguments.of(cmd + "AddUserIdentityLinkCmd", "type"),
        Arguments.of(cmd + "AddGroupIdentityLinkCmd", "groupId"),
        Arguments.of(cmd + "DeleteUserIdentityLinkCmd", "taskId"),
        Arguments.of(cmd + "DeleteGroupIdentityLinkCmd", "type"),
        Arguments.of(cmd + "SaveTaskCmd", "task"));
  }

  @ParameterizedTest
  @MethodSource("fields")
  void theCheckedCommandStillHasTheField(String className, String field)
      throws ClassNotFoundException {
    assertThat(declares(Class.forName(className), field)).as(className + "." + field).isTrue();
  }

  private static boolean declares(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
