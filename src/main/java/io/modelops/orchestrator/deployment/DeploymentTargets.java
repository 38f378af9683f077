package io.modelops.orchestrator.deployment;

import io.modelops.orchestrator.catalog.DeploymentTargetKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** All deployment targets, by kind. */
@Component
public class DeploymentTargets {

  private final Map<DeploymentTargetKind, DeploymentTarget> byKind =
      new EnumMap<>(DeploymentTargetKind.class);

  public DeploymentTargets(List<DeploymentTarget> targets) {
    targets.forEach(t -> byKind.put(t.kind(), t));
  }

  public DeploymentTarget forKind(DeploymentTargetKind kind) {
    DeploymentTarget target = byKind.get(kind);
    if (target == null) {
      throw new IllegalStateException("No deployment target of kind " + kind + " is available");
    }
    return target;
  }
}
