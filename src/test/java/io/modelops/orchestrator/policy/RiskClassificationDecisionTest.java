package io.modelops.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.artifacts.DecisionModelPolicy;
import io.modelops.orchestrator.catalog.AnnexIIIArea;
import io.modelops.orchestrator.catalog.FinancialImpact;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskClassifier;
import io.modelops.orchestrator.catalog.RiskTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every rule of {@code processes/risk-classification.dmn}, evaluated by the engine. */
@Deployment(resources = "processes/risk-classification.dmn")
class RiskClassificationDecisionTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  private static DmnDecisionResult classify(
      boolean automated,
      boolean personal,
      boolean special,
      String annex,
      String financial,
      boolean clinical,
      String modelType) {
    return ENGINE
        .getDecisionService()
        .evaluateDecisionByKey(RiskClassifier.DECISION_KEY)
        .variables(
            Variables.createVariables()
                .putValue("automatedDecisions", automated)
                .putValue("personalData", personal)
                .putValue("specialCategoryData", special)
                .putValue("annexIIIArea", annex)
                .putValue("financialImpact", financial)
                .putValue("clinicalImpact", clinical)
                .putValue("modelType", modelType))
        .evaluate();
  }

  @ParameterizedTest(name = "rule {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // rule | case                                 | auto  | pers  | spec  | annex
        // | fin      | clin  | type   | tier   | reason
        "1  | automated + Annex III                  | true  | true  | false | ESSENTIAL_SERVICES | NONE     | false | ML     | HIGH   | automated decisions about people + ESSENTIAL_SERVICES",
        "1  | automated + biometrics                 | true  | false | false | BIOMETRICS         | NONE     | false | RULES  | HIGH   | automated decisions about people + BIOMETRICS",
        "2  | Annex III, person decides              | false | true  | false | EMPLOYMENT         | NONE     | false | ML     | HIGH   | EU AI Act Annex III area EMPLOYMENT",
        "2  | Annex III, no personal data            | false | false | false | CRITICAL_INFRASTRUCTURE | NONE | false | DMN  | HIGH   | EU AI Act Annex III area CRITICAL_INFRASTRUCTURE",
        "3  | clinical impact alone                  | false | false | false | NONE               | NONE     | true  | ML     | HIGH   | clinical impact",
        "4  | automated + special-category           | true  | true  | true  | NONE               | NONE     | false | ML     | HIGH   | automated decisions about people + special-category data",
        "5  | automated + material financial         | true  | true  | false | NONE               | MATERIAL | false | ML     | HIGH   | automated decisions about people + material financial impact",
        "6  | special-category, person decides       | false | true  | true  | NONE               | MATERIAL | false | ML     | MEDIUM | special-category data",
        "7  | automated, limited financial           | true  | true  | false | NONE               | LIMITED  | false | ML     | MEDIUM | automated decisions about people",
        "8  | material financial, person decides     | false | false | false | NONE               | MATERIAL | false | RULES  | MEDIUM | material financial impact",
        "9  | LLM without other risk                 | false | false | false | NONE               | NONE     | false | LLM    | MEDIUM | large language model",
        "10 | vendor model with personal data        | false | true  | false | NONE               | NONE     | false | VENDOR | MEDIUM | personal data + vendor model",
        "11 | personal data + limited financial      | false | true  | false | NONE               | LIMITED  | false | ML     | MEDIUM | personal data + limited financial impact",
        "12 | nothing                                | false | false | false | NONE               | NONE     | false | ML     | LOW    | no answer of the questionnaire raises the tier",
        "12 | personal data alone                    | false | true  | false | NONE               | NONE     | false | ML     | LOW    | no answer of the questionnaire raises the tier",
        "12 | limited financial, no personal data    | false | false | false | NONE               | LIMITED  | false | DMN    | LOW    | no answer of the questionnaire raises the tier",
        "12 | vendor model without personal data     | false | false | false | NONE               | NONE     | false | VENDOR | LOW    | no answer of the questionnaire raises the tier",
      })
  void shouldClassifyByTheFirstMatchingRule(
      int rule,
      String name,
      boolean automated,
      boolean personal,
      boolean special,
      String annex,
      String financial,
      boolean clinical,
      String modelType,
      String tier,
      String reason) {
    Map<String, Object> result =
        classify(automated, personal, special, annex, financial, clinical, modelType)
            .getFirstResult()
            .getEntryMap();

    assertThat(result).containsEntry("minimumTier", tier).containsEntry("reason", reason);
  }

  /** Every Annex III area but NONE makes a model HIGH, whatever else is answered. */
  @ParameterizedTest
  @EnumSource(value = AnnexIIIArea.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void shouldMakeEveryAnnexIIIAreaHigh(AnnexIIIArea area) {
    for (ModelType type : ModelType.values()) {
      for (boolean automated : new boolean[] {true, false}) {
        assertThat(
                classify(automated, false, false, area.name(), "NONE", false, type.name())
                    .getFirstResult()
                    .<String>getEntry("minimumTier"))
            .as("%s %s automated=%s", area, type, automated)
            .isEqualTo("HIGH");
      }
    }
  }

  /**
   * FIRST over rules ordered HIGH, MEDIUM, LOW gives the highest tier: over every combination of
   * answers, the result is the maximum of every matching rule (RULE ORDER evaluation of the same
   * rules), and never empty.
   */
  @Test
  void shouldGiveTheHighestMatchingTierForEveryCombination() {
    int combinations = 0;
    for (int bits = 0; bits < 16; bits++) {
      for (AnnexIIIArea area : AnnexIIIArea.values()) {
        for (FinancialImpact financial : FinancialImpact.values()) {
          for (ModelType type : ModelType.values()) {
            boolean automated = (bits & 1) != 0;
            boolean personal = (bits & 2) != 0;
            boolean special = (bits & 4) != 0;
            boolean clinical = (bits & 8) != 0;
            DmnDecisionResult result =
                classify(
                    automated,
                    personal,
                    special,
                    area.name(),
                    financial.name(),
                    clinical,
                    type.name());
            assertThat(result).hasSize(1);
            RiskTier tier = RiskTier.valueOf(result.getFirstResult().getEntry("minimumTier"));
            assertThat(tier)
                .isEqualTo(expected(automated, personal, special, area, financial, clinical, type));
            combinations++;
          }
        }
      }
    }
    assertThat(combinations).isEqualTo(16 * 9 * 3 * 5);
  }

  /** The rules, written independently as the maximum over every criterion. */
  private static RiskTier expected(
      boolean automated,
      boolean personal,
      boolean special,
      AnnexIIIArea area,
      FinancialImpact financial,
      boolean clinical,
      ModelType type) {
    if (area != AnnexIIIArea.NONE
        || clinical
        || (automated && (special || financial == FinancialImpact.MATERIAL))) {
      return RiskTier.HIGH;
    }
    if (special
        || automated
        || financial == FinancialImpact.MATERIAL
        || type == ModelType.LLM
        || (personal && (type == ModelType.VENDOR || financial == FinancialImpact.LIMITED))) {
      return RiskTier.MEDIUM;
    }
    return RiskTier.LOW;
  }

  @Test
  void shouldBeFeelOnlyData() throws Exception {
    byte[] dmn = Files.readAllBytes(Path.of("processes", "risk-classification.dmn"));

    assertThat(new DecisionModelPolicy(DecisionModelPolicy.DEFAULT_MAX_SIZE).problems(dmn))
        .isEmpty();
  }
}
