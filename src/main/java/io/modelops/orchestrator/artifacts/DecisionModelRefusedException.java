package io.modelops.orchestrator.artifacts;

import java.util.List;

/** A decision model that {@link DecisionModelPolicy} refuses. */
public class DecisionModelRefusedException extends ModelRefusedException {

  public DecisionModelRefusedException(String resourceName, List<String> problems) {
    super("Decision model", resourceName, problems);
  }
}
