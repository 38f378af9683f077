package io.modelops.orchestrator.artifacts;

/**
 * An artifact URI or artifact that the artifact policy refuses. The message names the rule that
 * refused it and depends only on the caller's own input (and the configuration), never on what
 * exists on the server's disk or network: it may be shown to whoever supplied the URI.
 */
public class ArtifactRefusedException extends RuntimeException {

  public ArtifactRefusedException(String message) {
    super(message);
  }
}
