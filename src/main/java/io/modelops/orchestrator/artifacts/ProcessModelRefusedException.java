package io.modelops.orchestrator.artifacts;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A process or case model that {@link ProcessModelPolicy} refuses. A bad user request to the
 * engine, so that its REST API answers 400 for a refused deployment.
 */
public class ProcessModelRefusedException extends BadUserRequestException {

  private final transient List<String> problems;

  public ProcessModelRefusedException(String resourceName, List<String> problems) {
    super(
        "Process model "
            + (resourceName == null ? "" : "'" + resourceName + "' ")
            + "refused: "
            + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
