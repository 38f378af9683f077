package io.modelops.orchestrator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessModelPolicyTest {

  private final ProcessModelPolicy policy = new ProcessModelPolicy(64 * 1024);

  /** The namespaces the engine reads extensions in, and a spelling it does not. */
  private static final List<String> EXTENSION_NAMESPACES =
      List.of(
          "http://camunda.org/schema/1.0/bpmn",
          "http://activiti.org/bpmn",
          "http://camunda.org/schema/1.0/cmmn",
          "urn:anything");

  /** Each construct that carries code, with the line, element and reason it is refused with. */
  static Stream<Arguments> code() {
    return Stream.of(
        Arguments.of(
            "<bpmn:scriptTask id=\"Run\" scriptFormat=\"javascript\"><bpmn:script>x</bpmn:script></bpmn:scriptTask>",
            "line 6, element scriptTask: script tasks are not allowed"),
        Arguments.of(
            "<scriptTask xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"Run\"/>",
            "element scriptTask: script tasks are not allowed"),
        Arguments.of(
            "<bpmn:scriptTask id=\"Run\" scriptFormat=\"groovy\" ext:resource=\"deployment://run.groovy\"/>",
            "the script resource 'deployment://run.groovy' is not allowed"),
        Arguments.of(
            "<bpmn:serviceTask id=\"Run\" ext:class=\"java.lang.ProcessBuilder\"/>",
            "line 6, element serviceTask: the class name 'java.lang.ProcessBuilder' is not allowed (class)"),
        Arguments.of(
            "<bpmn:sendTask id=\"Run\" ext:class=\"a.B\"/>",
            "element sendTask: the class name 'a.B' is not allowed"),
        Arguments.of(
            "<bpmn:callActivity id=\"Run\" calledElement=\"x\" ext:variableMappingClass=\"a.B\"/>",
            "the class name 'a.B' is not allowed (variableMappingClass)"),
        Arguments.of(
            "<bpmn:userTask id=\"Run\" ext:formHandlerClass=\"a.B\"/>",
            "the class name 'a.B' is not allowed (formHandlerClass)"),
        Arguments.of(
            task("<ext:executionListener event=\"start\" class=\"a.B\"/>"),
            "line 8, element executionListener: the class name 'a.B' is not allowed"),
        Arguments.of(
            task("<ext:taskListener event=\"create\" class=\"a.B\"/>"),
            "element taskListener: the class name 'a.B' is not allowed"),
        Arguments.of(
            task(
                "<ext:executionListener event=\"start\"><ext:script scriptFormat=\"groovy\">x</ext:script></ext:executionListener>"),
            "line 8, element script: scripts are not allowed"),
        Arguments.of(
            task(
                "<ext:inputOutput><ext:inputParameter name=\"a\"><ext:script scriptFormat=\"javascript\">x</ext:script></ext:inputParameter></ext:inputOutput>"),
            "element script: scripts are not allowed"),
        Arguments.of(
            task(
                "<ext:inputOutput><ext:outputParameter name=\"a\"><ext:script scriptFormat=\"js\" resource=\"classpath://x.js\"/></ext:outputParameter></ext:inputOutput>"),
            "the script resource 'classpath://x.js' is not allowed"),
        Arguments.of(
            task(
                "<ext:connector><ext:connectorId>http-connector</ext:connectorId></ext:connector>"),
            "element connector: connectors are not allowed"),
        Arguments.of(
            task(
                "<ext:formData><ext:formField id=\"f\" type=\"string\"><ext:validation><ext:constraint name=\"validator\" config=\"a.B\"/></ext:validation></ext:formField></ext:formData>"),
            "element constraint: the form field validator 'a.B' is not allowed; a validator must be an expression"),
        Arguments.of(
            "<bpmn:serviceTask id=\"Run\" ext:type=\"shell\"/>",
            "element serviceTask: the task type 'shell' is not allowed; only 'external' is"),
        Arguments.of(
            "<bpmn:serviceTask id=\"Run\" ext:type=\"mail\"/>",
            "the task type 'mail' is not allowed"),
        Arguments.of(
            "<bpmn:serviceTask id=\"Run\" ext:expression=\"${true}\"/>"
                + "<bpmn:sequenceFlow id=\"S\" sourceRef=\"Run\" targetRef=\"End\">"
                + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"groovy\">x</bpmn:conditionExpression>"
                + "</bpmn:sequenceFlow>",
            "element conditionExpression: the script language 'groovy' is not allowed; process models may only use expressions"),
        Arguments.of(
            "<bpmn:serviceTask id=\"Run\" ext:expression=\"${true}\"/>"
                + "<bpmn:sequenceFlow id=\"S\" sourceRef=\"Run\" targetRef=\"End\">"
                + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\"><ext:script>x</ext:script></bpmn:conditionExpression>"
                + "</bpmn:sequenceFlow>",
            "element script: scripts are not allowed"),
        Arguments.of(
            "<bpmn:serviceTask id=\"Run\" ext:expression=\"${true}\"/>"
                + "<bpmn:sequenceFlow id=\"S\" sourceRef=\"Run\" targetRef=\"End\">"
                + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" ext:resource=\"deployment://c.js\"/>"
                + "</bpmn:sequenceFlow>",
            "the script resource 'deployment://c.js' is not allowed"));
  }

  static Stream<Arguments> codeInEveryNamespace() {
    return code()
        .flatMap(
            c ->
                EXTENSION_NAMESPACES.stream()
                    .flatMap(
                        ns ->
                            Stream.of("camunda", "c", "x")
                                .map(prefix -> Arguments.of(c.get()[0], c.get()[1], ns, prefix))));
  }

  @ParameterizedTest(name = "{2} as {3}: {1}")
  @MethodSource("codeInEveryNamespace")
  void shouldRefuseCodeInAnyNamespaceAndPrefix(
      String task, String reason, String namespace, String prefix) {
    String bpmn = process(task.replace("ext:", prefix + ":"), namespace, prefix);

    assertThatThrownBy(() -> policy.check("attack.bpmn", bytes(bpmn)))
        .isInstanceOf(ProcessModelRefusedException.class)
        .hasMessageStartingWith("Process model 'attack.bpmn' refused: ")
        .hasMessageContaining(reason);
  }

  @Test
  void shouldRefuseCodeInACaseModel() {
    String cmmn =
"""
<?xml version="1.0" encoding="UTF-8"?>
<cmmn:definitions xmlns:cmmn="http://www.omg.org/spec/CMMN/20151109/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/cmmn" id="D" targetNamespace="n">
  <cmmn:case id="C" camunda:historyTimeToLive="1">
    <cmmn:casePlanModel id="P">
      <cmmn:extensionElements>
        <camunda:caseExecutionListener event="create" class="a.B"/>
        <camunda:variableListener event="create"><camunda:script scriptFormat="groovy">x</camunda:script></camunda:variableListener>
      </cmmn:extensionElements>
    </cmmn:casePlanModel>
  </cmmn:case>
</cmmn:definitions>
""";

    assertThat(policy.problems(bytes(cmmn)))
        .containsExactly(
            "line 6, element caseExecutionListener: the class name 'a.B' is not allowed (class); use an expression or a delegate expression",
            "line 7, element script: scripts are not allowed",
            "line 7, element script: the script language 'groovy' is not allowed; process models may only use expressions");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<bpmn:serviceTask id=\"Run\" camunda:expression=\"${reviewRouting.route(execution)}\" camunda:resultVariable=\"r\"/>",
        "<bpmn:serviceTask id=\"Run\" camunda:delegateExpression=\"${releaseSteps}\"/>",
        "<bpmn:serviceTask id=\"Run\" camunda:type=\"external\" camunda:topic=\"model-training\"/>",
        "<bpmn:userTask id=\"Run\"><bpmn:extensionElements><camunda:taskListener event=\"create\" delegateExpression=\"${l}\"/>"
            + "<camunda:executionListener event=\"end\" expression=\"${l.notify(execution)}\"/>"
            + "<camunda:inputOutput><camunda:inputParameter name=\"a\">${b}</camunda:inputParameter></camunda:inputOutput>"
            + "<camunda:formData><camunda:formField id=\"f\" type=\"string\"><camunda:validation>"
            + "<camunda:constraint name=\"required\"/><camunda:constraint name=\"validator\" config=\"${v}\"/>"
            + "</camunda:validation></camunda:formField></camunda:formData></bpmn:extensionElements></bpmn:userTask>"
      })
  void shouldAcceptExpressionsAndExternalTasks(String task) {
    assertThat(
            policy.problems(bytes(process(task, "http://camunda.org/schema/1.0/bpmn", "camunda"))))
        .isEmpty();
  }

  @Test
  void shouldAcceptTheOrchestratorsOwnProcesses() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      List<Path> bpmns =
          files.filter(f -> ProcessModelPolicy.isProcessModel(f.toString())).toList();
      assertThat(bpmns).hasSizeGreaterThanOrEqualTo(2);
      for (Path file : bpmns) {
        assertThat(
                new ProcessModelPolicy(ProcessModelPolicy.DEFAULT_MAX_SIZE)
                    .problems(Files.readAllBytes(file)))
            .as(file.toString())
            .isEmpty();
      }
    }
  }

  @Test
  void shouldRefuseADoctypeXIncludeAndHugeFiles() {
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<d>&x;</d>";
    String xinclude =
        process(
            "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>",
            "http://camunda.org/schema/1.0/bpmn",
            "camunda");

    assertThat(policy.problems(bytes(xxe)).get(0))
        .isEqualTo("line 2: a DOCTYPE (document type declaration) is not allowed");
    assertThat(policy.problems(bytes(xinclude)))
        .containsExactly("line 6, element include: XInclude is not allowed");
    assertThat(policy.problems(new byte[64 * 1024 + 1]))
        .containsExactly("the process model has 65537 bytes; at most 65536 are allowed");
    assertThat(policy.problems(new byte[0])).containsExactly("the process model is empty");
    assertThat(policy.problems(bytes("<a><b></a>")).get(0))
        .startsWith("the process model is not well-formed XML");
  }

  @Test
  void shouldTreatEveryResourceTheEngineReadsAsBpmnOrCmmnAsAProcessModel() {
    for (String name :
        List.of(
            "a.bpmn",
            "a.bpmn20.xml",
            "a.BPMN",
            "abpmn",
            "a.cmmn",
            "a.cmmn11.xml",
            "a.cmmn10.xml",
            "x/a.CMMN")) {
      assertThat(ProcessModelPolicy.isProcessModel(name)).as(name).isTrue();
    }
    for (String name : List.of("a.dmn", "a.xml", "a.bpmn.txt", "a.form")) {
      assertThat(ProcessModelPolicy.isProcessModel(name)).as(name).isFalse();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A user task with {@code extensions} as its extension elements (line 8). */
  private static String task(String extensions) {
    return "<bpmn:userTask id=\"Run\">\n<bpmn:extensionElements>\n"
        + extensions
        + "\n</bpmn:extensionElements></bpmn:userTask>";
  }

  /** A process whose task {@code Run} (line 6) is {@code task}; extensions in {@code namespace}. */
  static String process(String task, String namespace, String prefix) {
    return
"""
<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:%3$s="%2$s" id="D" targetNamespace="https://example.org/bpmn">
  <bpmn:process id="P" isExecutable="true" %3$s:historyTimeToLive="1">
    <bpmn:startEvent id="Start"/>
    %1$s
    <bpmn:endEvent id="End"/>
  </bpmn:process>
</bpmn:definitions>
"""
        .formatted(task, namespace, prefix);
  }
}
