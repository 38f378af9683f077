package io.modelops.orchestrator.evidence;

import io.modelops.orchestrator.catalog.RiskTier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code modelops.evidence.*}: the size limit of an attachment, and the kinds of attachment a
 * version of each effective risk tier needs before it is approved and released.
 */
@ConfigurationProperties("modelops.evidence")
class EvidenceProperties {

  /** The largest attachment; the request size limit of uploads follows it. */
  private DataSize maxSize = DataSize.ofMegabytes(10);

  /** Per effective risk tier, the kinds a version needs at least one attachment of. */
  private Map<RiskTier, List<AttachmentKind>> requiredBeforeRelease = new EnumMap<>(RiskTier.class);

  public DataSize getMaxSize() {
    return maxSize;
  }

  public void setMaxSize(DataSize maxSize) {
    if (maxSize == null || maxSize.toBytes() < 1 || maxSize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("modelops.evidence.max-size must be 1 B to 2 GB");
    }
    this.maxSize = maxSize;
  }

  public Map<RiskTier, List<AttachmentKind>> getRequiredBeforeRelease() {
    return requiredBeforeRelease;
  }

  public void setRequiredBeforeRelease(Map<RiskTier, List<AttachmentKind>> requiredBeforeRelease) {
    this.requiredBeforeRelease =
        requiredBeforeRelease == null ? new EnumMap<>(RiskTier.class) : requiredBeforeRelease;
  }
}
