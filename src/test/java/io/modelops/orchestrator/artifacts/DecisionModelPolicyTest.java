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

class DecisionModelPolicyTest {

  private final DecisionModelPolicy policy = new DecisionModelPolicy(64 * 1024);

  /** Every element that can carry an expression language, with its placeholder in {@link #DMN}. */
  static Stream<Arguments> levels() {
    return Stream.of(
            "definitions",
            "decision",
            "decisionTable",
            "inputExpression",
            "inputEntry",
            "outputEntry",
            "literalExpression",
            "input",
            "output",
            "rule")
        .flatMap(
            level ->
                Stream.of(
                        "juel",
                        "JUEL",
                        "javascript",
                        "groovy",
                        "python",
                        "ecmascript",
                        "jruby",
                        "feel ",
                        "http://www.omg.org/spec/FEEL/20140401/",
                        "")
                    .map(language -> Arguments.of(level, language)));
  }

  @ParameterizedTest(name = "{0} with expressionLanguage ''{1}''")
  @MethodSource("levels")
  void shouldRefuseAnyLanguageButFeelAtEveryLevel(String level, String language) {
    String dmn = dmn(level, "expressionLanguage=\"" + language + "\"");

    assertThatThrownBy(() -> policy.check("attack.dmn", bytes(dmn)))
        .isInstanceOf(DecisionModelRefusedException.class)
        .hasMessageContaining(
            "element " + level + ": expression language '" + language + "' is not allowed")
        .hasMessageContaining("decision models may only use FEEL")
        .hasMessageContaining("line ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "camunda:expressionLanguage=\"juel\"",
        "x:expressionLanguage=\"juel\" xmlns:x=\"urn:anything\"",
        "ExpressionLanguage=\"juel\"",
        "EXPRESSIONLANGUAGE=\"javascript\"",
        "typeLanguage=\"juel\"",
        "camunda:typeLanguage=\"groovy\"",
        "expressionLanguage=\"j&#117;el\""
      })
  void shouldRefuseEverySpellingOfTheAttribute(String attribute) {
    String dmn = dmn("inputExpression", attribute);

    assertThatThrownBy(() -> policy.check("attack.dmn", bytes(dmn)))
        .isInstanceOf(DecisionModelRefusedException.class)
        .hasMessageContaining("is not allowed; decision models may only use FEEL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "feel",
        "FEEL",
        "Feel",
        "http://www.omg.org/spec/FEEL/20140401",
        "http://www.omg.org/spec/DMN/20180521/FEEL/",
        "https://www.omg.org/spec/DMN/20191111/FEEL/",
        "https://www.omg.org/spec/DMN/20211108/FEEL/",
        "https://www.omg.org/spec/DMN/20230324/FEEL/"
      })
  void shouldAcceptTheSpellingsOfFeelTheEngineEvaluatesAsFeel(String language) {
    assertThat(
            policy.problems(
                bytes(dmn("inputExpression", "expressionLanguage=\"" + language + "\""))))
        .isEmpty();
    assertThat(policy.problems(bytes(dmn("definitions", "typeLanguage=\"" + language + "\""))))
        .isEmpty();
  }

  @Test
  void shouldAcceptTheOrchestratorsOwnDecisions() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      List<Path> dmns = files.filter(f -> f.toString().endsWith(".dmn")).toList();
      assertThat(dmns).hasSizeGreaterThanOrEqualTo(3);
      for (Path file : dmns) {
        assertThat(
                new DecisionModelPolicy(DecisionModelPolicy.DEFAULT_MAX_SIZE)
                    .problems(Files.readAllBytes(file)))
            .as(file.toString())
            .isEmpty();
      }
    }
  }

  @Test
  void shouldRefuseADoctypeAndExternalEntities() throws IOException {
    Path secret = Files.createTempFile("secret", ".txt");
    Files.writeString(secret, "s3cr3t");
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + dmn("decision", "")
                .substring(dmn("decision", "").indexOf("<definitions"))
                .replace("\"ok\"", "&xxe;");

    assertThatThrownBy(() -> policy.check("xxe.dmn", bytes(xxe)))
        .isInstanceOf(DecisionModelRefusedException.class)
        .hasMessageContaining("a DOCTYPE (document type declaration) is not allowed")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void shouldRefuseEntityExpansion() {
    String bomb =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<d>&b;</d>";

    assertThat(policy.problems(bytes(bomb))).first().asString().contains("DOCTYPE");
  }

  @Test
  void shouldRefuseXInclude() {
    String dmn =
        dmn("decision", "")
            .replace(
                "<decisionTable",
                "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/><decisionTable");

    assertThat(String.join(";", policy.problems(bytes(dmn))))
        .contains("element include: XInclude is not allowed");
  }

  @Test
  void shouldRefuseAHugeDecisionModelWithoutParsingIt() {
    byte[] huge = new byte[64 * 1024 + 1];

    assertThat(policy.problems(huge))
        .containsExactly("the decision model has 65537 bytes; at most 65536 are allowed");
  }

  @Test
  void shouldRefuseMalformedXmlAndEmptyFiles() {
    assertThat(policy.problems(bytes("<definitions><decision></definitions>")).get(0))
        .startsWith("the decision model is not well-formed XML");
    assertThat(policy.problems(new byte[0])).containsExactly("the decision model is empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<x/>",
        "<?xml version=\"1.0\"?><definitions/>",
        "<definitions xmlns=\"urn:not-dmn\"><decision id=\"d\"/></definitions>",
        "<dmn:decision xmlns:dmn=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\"/>",
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"p\"/></bpmn:definitions>"
      })
  void shouldRefuseXmlThatIsNotADecisionModel(String xml) {
    assertThatThrownBy(() -> policy.check("not-a-decision-model.dmn", bytes(xml)))
        .isInstanceOf(DecisionModelRefusedException.class)
        .hasMessageContaining("line 1, element ")
        .hasMessageContaining(
            "the root element must be 'definitions' in a DMN namespace (DMN 1.1 to 1.5)");
  }

  @Test
  void shouldRefuseTheOrchestratorsOwnProcessGivenAsADecisionModel() throws IOException {
    assertThat(policy.problems(Files.readAllBytes(Path.of("processes/model-retraining.bpmn"))))
        .singleElement()
        .asString()
        .contains(
            "element definitions: the root element must be 'definitions' in a DMN namespace (DMN 1.1 to 1.5),"
                + " not 'definitions' in namespace 'http://www.omg.org/spec/BPMN/20100524/MODEL'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
        "http://www.omg.org/spec/DMN/20180521/MODEL/",
        "https://www.omg.org/spec/DMN/20191111/MODEL/",
        "https://www.omg.org/spec/DMN/20211108/MODEL/",
        "https://www.omg.org/spec/DMN/20230324/MODEL/"
      })
  void shouldRefuseADecisionModelWithoutADecisionInEveryDmnVersion(String namespace) {
    String empty =
        "<d:definitions xmlns:d=\"" + namespace + "\" id=\"D\" name=\"D\" namespace=\"n\"/>";
    String withDecision =
        dmn("rule", "").replace("https://www.omg.org/spec/DMN/20191111/MODEL/", namespace);

    assertThat(policy.problems(bytes(empty))).containsExactly("the decision model has no decision");
    assertThat(policy.problems(bytes(withDecision))).isEmpty();
  }

  @Test
  void shouldTreatEveryResourceTheEngineReadsAsDmnAsADecisionModel() {
    assertThat(DecisionModelPolicy.isDecisionModel("a.dmn")).isTrue();
    assertThat(DecisionModelPolicy.isDecisionModel("a.DMN")).isTrue();
    assertThat(DecisionModelPolicy.isDecisionModel("admn")).isTrue();
    assertThat(DecisionModelPolicy.isDecisionModel("a.dmn11.xml")).isTrue();
    assertThat(DecisionModelPolicy.isDecisionModel("a.bpmn")).isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A decision table and a literal decision; {@code attribute} goes on the element {@code level}.
   */
  static String dmn(String level, String attribute) {
    String template =
"""
<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="D" name="D" namespace="https://example.org/dmn" @definitions>
  <decision id="table" name="Table" camunda:historyTimeToLive="30" @decision>
    <decisionTable id="T" hitPolicy="FIRST" @decisionTable>
      <input id="I" label="Any" @input>
        <inputExpression id="IE" typeRef="string" @inputExpression><text>x</text></inputExpression>
      </input>
      <output id="O" name="result" typeRef="string" @output/>
      <rule id="R" @rule>
        <inputEntry id="IN" @inputEntry><text>-</text></inputEntry>
        <outputEntry id="OUT" @outputEntry><text>"ok"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <decision id="literal" name="Literal" camunda:historyTimeToLive="30">
    <variable id="V" name="literal" typeRef="string"/>
    <literalExpression id="L" @literalExpression><text>"ok"</text></literalExpression>
  </decision>
</definitions>
""";
    return template.replace("@" + level, attribute).replaceAll(" @[A-Za-z]+", "");
  }
}
