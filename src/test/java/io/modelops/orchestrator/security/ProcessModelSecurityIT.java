package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Process models are expressions and tasks, never code: a BPMN that names a script, a class or a
 * connector is refused by the engine for every deployment, even an administrator's through the
 * engine REST API.
 */
@IntegrationTest
class ProcessModelSecurityIT {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;

  @Test
  void shouldRefuseProcessModelsThatCarryCodeDeployedByAnAdministrator() throws Exception {
    // given
    String id = UUID.randomUUID().toString().replace("-", "");
    Path marker = Path.of(System.getProperty("java.io.tmpdir"), "pwned-" + id);
    String command = "java.lang.Runtime.getRuntime().exec('touch " + marker + "')";
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put(
        "script-task",
        process(
            "script" + id,
            "<bpmn:scriptTask id=\"Run\" scriptFormat=\"javascript\"><bpmn:script>"
                + command
                + "</bpmn:script></bpmn:scriptTask>"));
    attacks.put(
        "class",
        process(
            "class" + id,
            "<bpmn:serviceTask id=\"Run\" camunda:class=\"java.lang.ProcessBuilder\"/>"));
    attacks.put(
        "listener",
        process(
            "listener" + id,
            "<bpmn:serviceTask id=\"Run\" camunda:expression=\"${true}\"><bpmn:extensionElements>"
                + "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"groovy\">"
                + command
                + "</camunda:script></camunda:executionListener></bpmn:extensionElements></bpmn:serviceTask>"));
    String valid =
        process(
            "valid" + id,
            "<bpmn:serviceTask id=\"Run\" camunda:expression=\"${execution.getVariable('x')}\"/>");

    // when
    Map<String, Response> refused = new LinkedHashMap<>();
    for (Map.Entry<String, String> attack : attacks.entrySet()) {
      refused.put(
          attack.getKey(),
          DecisionModelSecurityIT.deploy(
              port, attack.getKey() + "-" + id, attack.getKey() + ".bpmn", attack.getValue()));
    }
    Response accepted = DecisionModelSecurityIT.deploy(port, "valid-" + id, "valid.bpmn", valid);

    // then
    assertThat(refused.get("script-task").body())
        .contains("line 7, element scriptTask: script tasks are not allowed");
    assertThat(refused.get("class").body())
        .contains("element serviceTask: the class name 'java.lang.ProcessBuilder' is not allowed");
    assertThat(refused.get("listener").body()).contains("element script: scripts are not allowed");
    refused.forEach(
        (what, response) -> {
          assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(400);
          assertThat(response.header("Content-Type")).as(what).contains("json");
          assertThat(response.body())
              .as(what)
              .contains("Process model '" + what + ".bpmn' refused");
        });
    assertThat(repositoryService.createDeploymentQuery().deploymentNameLike("%-" + id).list())
        .extracting(org.camunda.bpm.engine.repository.Deployment::getName)
        .containsExactly("valid-" + id);
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKeyLike("%" + id)
                .list())
        .extracting(org.camunda.bpm.engine.repository.ProcessDefinition::getKey)
        .containsExactly("valid" + id);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    repositoryService.deleteDeployment(accepted.json().path("id").asText(), true);
    assertThat(Files.exists(marker)).isFalse();
  }

  static String process(String key, String task) {
    return
"""
<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="Definitions_%1$s" targetNamespace="https://example.org/bpmn">
  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="Start"/>
    %2$s
    <bpmn:endEvent id="End"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Run"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Run" targetRef="End"/>
  </bpmn:process>
</bpmn:definitions>
"""
        .formatted(key, task);
  }
}
