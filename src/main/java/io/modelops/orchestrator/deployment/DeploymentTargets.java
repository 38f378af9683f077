package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** All deployment targets of the application, one per {@link DeploymentTargetKind}. */
@Component
class DeploymentTargets {

  private final Map<DeploymentTargetKind, DeploymentTarget> targets;

  public DeploymentTargets(List<DeploymentTarget> targets) {
    Map<DeploymentTargetKind, DeploymentTarget> byKind = new EnumMap<>(DeploymentTargetKind.class);
    for (DeploymentTarget target : targets) {
      DeploymentTarget other = byKind.putIfAbsent(target.kind(), target);
      if (other != null) {
        throw new IllegalStateException(
            "Two deployment targets for kind "
                + target.kind()
                + ": "
                + other.getClass().getName()
                + " and "
                + target.getClass().getName());
      }
    }
    this.targets = Collections.unmodifiableMap(byKind);
  }

  /**
   * The target for {@code kind}.
   *
   * @throws IllegalStateException when no target implements {@code kind}
   */
  public DeploymentTarget forKind(DeploymentTargetKind kind) {
    DeploymentTarget target = targets.get(kind);
    if (target == null) {
      throw new IllegalStateException(
          "No deployment target for kind " + kind + "; available: " + targets.keySet());
    }
    return target;
  }

  /** The kinds that have a target. */
  public Set<DeploymentTargetKind> kinds() {
    return targets.keySet();
  }
}
