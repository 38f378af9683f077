package io.modelops.orchestrator.validation;

import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Validation settings that are not metric gates (those live in {@code processes/metric-gates.dmn}).
 *
 * @param requiredDocumentation documentation fields required per risk tier
 * @param metricsRequiredFor model types that must declare at least one evaluation metric
 * @param disparateImpactThreshold lowest acceptable ratio of selection rates between the least and
 *     the most favoured group of a protected attribute (four-fifths rule: 0.8)
 * @param breakingSignatureFailsFor risk tiers for which a breaking signature change fails the
 *     version; for the others it is a warning
 */
@ConfigurationProperties("modelops.validation")
public record ValidationProperties(
    @DefaultValue Map<RiskTier, Set<DocumentationField>> requiredDocumentation,
    @DefaultValue({"ML", "LLM"}) Set<ModelType> metricsRequiredFor,
    @DefaultValue("0.8") double disparateImpactThreshold,
    @DefaultValue("HIGH") Set<RiskTier> breakingSignatureFailsFor) {

  /** Documentation a model version can carry. */
  public enum DocumentationField {
    OWNER,
    OWNER_EMAIL,
    DESCRIPTION,
    INTENDED_USE,
    LIMITATIONS,
    TRAINING_DATA_REF,
    SOURCE_COMMIT,
    MODEL_CARD
  }
}
