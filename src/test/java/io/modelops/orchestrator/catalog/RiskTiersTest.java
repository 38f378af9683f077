package io.modelops.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The effective tier: highest of declared, computed and the model's current tier. */
class RiskTiersTest {

  private static RiskClassifier.Classification computed(RiskTier tier) {
    return new RiskClassifier.Classification(
        tier, "automated decisions about people + ESSENTIAL_SERVICES");
  }

  @Test
  void shouldTakeTheDeclaredTierWhenNothingIsHigher() {
    RiskTiers.Determination d =
        RiskTiers.determine(RiskTier.MEDIUM, computed(RiskTier.LOW), Optional.empty());

    assertThat(d.effective()).isEqualTo(RiskTier.MEDIUM);
    assertThat(d.reason()).isEqualTo("as declared");
    assertThat(d.loweringRequested()).isFalse();
  }

  @Test
  void shouldRaiseALowDeclarationToWhatTheQuestionnaireImplies() {
    RiskTiers.Determination d =
        RiskTiers.determine(RiskTier.LOW, computed(RiskTier.HIGH), Optional.empty());

    assertThat(d.declared()).isEqualTo(RiskTier.LOW);
    assertThat(d.computed()).isEqualTo(RiskTier.HIGH);
    assertThat(d.effective()).isEqualTo(RiskTier.HIGH);
    assertThat(d.reason())
        .isEqualTo(
            "raised to HIGH by the questionnaire: automated decisions about people +"
                + " ESSENTIAL_SERVICES");
    assertThat(d.loweringRequested()).isFalse();
  }

  @Test
  void shouldKeepTheModelsCurrentTierAndAskForADecisionWhenBothAreLower() {
    RiskTiers.Determination d =
        RiskTiers.determine(
            RiskTier.LOW,
            computed(RiskTier.MEDIUM),
            Optional.of(new RiskTiers.CurrentTier(RiskTier.HIGH, "1.0.0")));

    assertThat(d.effective()).isEqualTo(RiskTier.HIGH);
    assertThat(d.loweringRequested()).isTrue();
    assertThat(d.reason()).contains("kept at HIGH", "version 1.0.0", "model-risk");
    assertThat(RiskTiers.lowered(d.declared(), d.computed())).isEqualTo(RiskTier.MEDIUM);
  }

  @Test
  void shouldNotAskWhenTheQuestionnaireReachesTheCurrentTier() {
    RiskTiers.Determination d =
        RiskTiers.determine(
            RiskTier.LOW,
            computed(RiskTier.HIGH),
            Optional.of(new RiskTiers.CurrentTier(RiskTier.HIGH, "1.0.0")));

    assertThat(d.effective()).isEqualTo(RiskTier.HIGH);
    assertThat(d.loweringRequested()).isFalse();
  }

  @Test
  void shouldRaiseAboveTheCurrentTierWithoutADecision() {
    RiskTiers.Determination d =
        RiskTiers.determine(
            RiskTier.HIGH,
            computed(RiskTier.LOW),
            Optional.of(new RiskTiers.CurrentTier(RiskTier.LOW, "1.0.0")));

    assertThat(d.effective()).isEqualTo(RiskTier.HIGH);
    assertThat(d.loweringRequested()).isFalse();
  }

  @Test
  void shouldUseTheDeclaredTierAloneForVersionsWithoutQuestionnaire() {
    RiskTiers.Determination d = RiskTiers.determine(RiskTier.MEDIUM, null, Optional.empty());

    assertThat(d.computed()).isNull();
    assertThat(d.effective()).isEqualTo(RiskTier.MEDIUM);
  }
}
