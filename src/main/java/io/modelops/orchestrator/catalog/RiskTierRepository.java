package io.modelops.orchestrator.catalog;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The risk classification columns of {@code model_version}: declared and computed tier, the reason
 * of the effective tier ({@code risk_tier}) and the questionnaire's answers.
 */
@Repository
public class RiskTierRepository {

  private final JdbcClient jdbc;

  public RiskTierRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How a version's effective tier came about. */
  public record VersionRisk(
      RiskTier declared,
      RiskTier computed,
      RiskTier effective,
      String reason,
      String assessmentJson) {

    /** The declared and computed tiers are both below the effective one. */
    public boolean aboveOwnTier() {
      return effective.compareTo(RiskTiers.lowered(declared, computed)) > 0;
    }
  }

  /** The effective tier of the model's most recently registered version (its current tier). */
  public Optional<RiskTiers.CurrentTier> currentTier(UUID modelId) {
    return jdbc.sql(
            """
            SELECT risk_tier, version FROM model_version WHERE model_id = ?
            ORDER BY registered_at DESC, version DESC FETCH FIRST 1 ROWS ONLY
            """)
        .param(modelId)
        .query(
            (rs, i) ->
                new RiskTiers.CurrentTier(
                    RiskTier.valueOf(rs.getString("risk_tier")), rs.getString("version")))
        .optional();
  }

  /** Stores the classification of a newly inserted version. */
  public void save(UUID versionId, RiskTiers.Determination determination, String assessmentJson) {
    jdbc.sql(
            """
            UPDATE model_version SET declared_risk_tier = ?, computed_risk_tier = ?,
              risk_tier = ?, risk_tier_reason = ?, risk_assessment_json = ? WHERE id = ?
            """)
        .params(
            determination.declared().name(),
            determination.computed() == null ? null : determination.computed().name(),
            determination.effective().name(),
            determination.reason(),
            assessmentJson,
            versionId)
        .update();
  }

  public Optional<VersionRisk> find(UUID versionId) {
    return jdbc.sql(
            """
            SELECT declared_risk_tier, computed_risk_tier, risk_tier, risk_tier_reason,
              risk_assessment_json FROM model_version WHERE id = ?
            """)
        .param(versionId)
        .query(
            (rs, i) ->
                new VersionRisk(
                    // written right after the row in the same transaction
                    tier(rs.getString("declared_risk_tier")) == null
                        ? RiskTier.valueOf(rs.getString("risk_tier"))
                        : tier(rs.getString("declared_risk_tier")),
                    tier(rs.getString("computed_risk_tier")),
                    RiskTier.valueOf(rs.getString("risk_tier")),
                    rs.getString("risk_tier_reason"),
                    rs.getString("risk_assessment_json")))
        .optional();
  }

  /** Sets the effective tier after a model-risk decision. */
  public void setEffective(UUID versionId, RiskTier effective, String reason) {
    jdbc.sql("UPDATE model_version SET risk_tier = ?, risk_tier_reason = ? WHERE id = ?")
        .params(effective.name(), reason, versionId)
        .update();
  }

  private static RiskTier tier(String value) {
    return value == null ? null : RiskTier.valueOf(value);
  }
}
