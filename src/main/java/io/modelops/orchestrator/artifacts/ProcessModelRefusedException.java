package io.modelops.orchestrator.artifacts;

import java.util.List;

/** A process or case model that {@link ProcessModelPolicy} refuses. */
class ProcessModelRefusedException extends ModelRefusedException {

  public ProcessModelRefusedException(String resourceName, List<String> problems) {
    super("Process model", resourceName, problems);
  }
}
