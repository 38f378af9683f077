package io.modelops.orchestrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.monitoring.FeatureSpec;
import io.modelops.orchestrator.monitoring.MonitoringProfile;
import io.modelops.orchestrator.monitoring.drift.DriftMethod;
import io.modelops.orchestrator.retraining.RetrainingSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A version registered again with the same content must be recognised: its fingerprint is stored
 * with the version and compared on every repeated registration, so it must never change.
 */
class RegistrationFingerprintTest {

  /** The fingerprint of {@link #complete()}, computed before the canonical JSON had one owner. */
  private static final String PINNED =
      "d1f305730ce089aa9e88567f77b5ef7b159bb3433310d0a912fe3ed19440a52b";

  /** The fingerprint of {@link #minimal()}, likewise. */
  private static final String PINNED_MINIMAL =
      "e575b9d3c805e8067e908c65d4da7512ac7be61006ff8761200cce4dcff8a256";

  static RegistrationRequest complete() {
    Map<String, FeatureSpec> reference = new LinkedHashMap<>();
    reference.put(
        "merchant_category", new FeatureSpec.Categorical(Map.of("card", 700L, "cash", 50L)));
    reference.put("amount", new FeatureSpec.Numeric(new double[] {12.5, 80.0, 43.1}));
    reference.put(
        "card_age_days", new FeatureSpec.Binned(new double[] {0, 10, 100}, new long[] {3, 7}));
    return new RegistrationRequest(
        "1.4.0",
        "s3://models/fraud-detector/1.4.0/model.pkl",
        "sklearn",
        ModelType.ML,
        RiskTier.HIGH,
        "fraud-analytics-team",
        "fraud-analytics@example.com",
        "Scores card transactions — für Zahlungen 🚀 \"quoted\"",
        "Real-time scoring; scores above 0.8 go to manual review.",
        "Not validated for corporate cards.",
        "https://wiki.example.com/models/fraud-detector",
        new RegistrationRequest.Lineage(
            "9fceb02d0ae598e95dc970b74767f19372d61af8",
            "s3://datasets/fraud/2026-10-01/",
            "mlflow-run-5f2a"),
        Map.of("auc", 0.91, "accuracy", 0.88, "f1", 0.74),
        new RegistrationRequest.Signature(
            List.of(
                new RegistrationRequest.Field("amount", "double"),
                new RegistrationRequest.Field("merchant_category", "string")),
            List.of(new RegistrationRequest.Field("fraud_probability", "double"))),
        Map.of("gender", Map.of("female", 0.31, "male", 0.35)),
        null,
        new MonitoringProfile(
            reference,
            new MonitoringProfile.DriftSettings(
                1000, 0.05, null, 0.1, null, 0.5, Map.of("amount", DriftMethod.WASSERSTEIN)),
            Map.of("error_rate", new MonitoringProfile.MetricLimit(null, 0.05))),
        new RetrainingSettings("P30D", RetrainingSettings.Trainer.PIPELINE),
        new RiskAssessment(true, true, false, AnnexIIIArea.NONE, FinancialImpact.MATERIAL, false));
  }

  static RegistrationRequest minimal() {
    return new RegistrationRequest(
        "0.1.0",
        "s3://models/tiny/0.1.0/model.pkl",
        null,
        ModelType.DMN,
        RiskTier.LOW,
        "team",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new RiskAssessment(false, false, false, AnnexIIIArea.NONE, FinancialImpact.NONE, false));
  }

  @Test
  void shouldKeepTheFingerprintOfACompleteRegistration() {
    assertThat(RegistrationService.fingerprint(complete())).isEqualTo(PINNED);
  }

  @Test
  void shouldKeepTheFingerprintOfAMinimalRegistrationWithTheDefaultTarget() {
    assertThat(RegistrationService.fingerprint(minimal())).isEqualTo(PINNED_MINIMAL);
  }
}
