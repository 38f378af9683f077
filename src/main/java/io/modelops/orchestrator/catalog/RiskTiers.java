package io.modelops.orchestrator.catalog;

import java.util.Optional;

/**
 * The effective risk tier of a new version: the highest of the tier its registrant declared, the
 * tier its questionnaire implies ({@link RiskClassifier}) and the model's current tier.
 *
 * <p>The model's <b>current tier</b> is the effective tier of its most recently registered version,
 * whatever that version's status. Tiers only go down through a {@code model-risk} decision ("Decide
 * risk tier"), so the latest version carries the model's standing classification, including a
 * lowering the risk function granted to it; a version that is still waiting for that decision
 * counts with the tier it has until then (the higher one).
 */
public final class RiskTiers {

  private RiskTiers() {}

  /** The tier a model has because of an earlier version. */
  public record CurrentTier(RiskTier tier, String version) {}

  /**
   * The outcome for one version.
   *
   * @param computed null for versions without a questionnaire (registered before it existed, or
   *     retrained from such a version)
   * @param loweringRequested the declared and computed tiers are both below the model's current
   *     tier: the version stays at the current tier until {@code model-risk} decides
   */
  public record Determination(
      RiskTier declared,
      RiskTier computed,
      RiskTier effective,
      String reason,
      boolean loweringRequested) {}

  public static Determination determine(
      RiskTier declared,
      RiskClassifier.Classification classification,
      Optional<CurrentTier> current) {
    RiskTier computed = classification == null ? null : classification.tier();
    RiskTier own = max(declared, computed);
    RiskTier effective = current.map(c -> max(own, c.tier())).orElse(own);
    boolean lowering = effective.compareTo(own) > 0;
    String reason;
    if (lowering) {
      CurrentTier c = current.orElseThrow();
      reason =
          "kept at "
              + effective
              + ", the model's current tier (version "
              + c.version()
              + "); declared "
              + declared
              + (computed == null ? "" : ", questionnaire " + computed)
              + ": lowering needs a model-risk decision";
    } else if (computed != null && computed.compareTo(declared) > 0) {
      reason = "raised to " + computed + " by the questionnaire: " + classification.reason();
    } else {
      reason = "as declared";
    }
    return new Determination(declared, computed, effective, reason, lowering);
  }

  /** The tier a version gets when {@code model-risk} lowers it: its own declared or computed. */
  public static RiskTier lowered(RiskTier declared, RiskTier computed) {
    return max(declared, computed);
  }

  static RiskTier max(RiskTier a, RiskTier b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }
}
