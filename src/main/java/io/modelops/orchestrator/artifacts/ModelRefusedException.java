package io.modelops.orchestrator.artifacts;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A model (decision, process or case) that a model policy refuses. A bad user request to the
 * engine, so that its REST API answers 400 for a refused deployment.
 */
class ModelRefusedException extends BadUserRequestException {

  private final transient List<String> problems;

  protected ModelRefusedException(String kind, String resourceName, List<String> problems) {
    super(
        kind
            + " "
            + (resourceName == null ? "" : "'" + resourceName + "' ")
            + "refused: "
            + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
