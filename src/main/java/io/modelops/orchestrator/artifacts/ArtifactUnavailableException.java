package io.modelops.orchestrator.artifacts;

/**
 * An allowed artifact that could not be read. Its message only carries a reference; what went wrong
 * (which address answered, which file is missing) is in the server log under that reference, so
 * that the message may be shown to anyone.
 */
public class ArtifactUnavailableException extends RuntimeException {

  private final String reference;

  public ArtifactUnavailableException(String reference) {
    super(
        "The artifact could not be fetched (reference "
            + reference
            + "; details in the server log)");
    this.reference = reference;
  }

  public String reference() {
    return reference;
  }
}
