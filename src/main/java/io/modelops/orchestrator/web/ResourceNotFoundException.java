package io.modelops.orchestrator.web;

/** A requested resource does not exist (404). */
public class ResourceNotFoundException extends RuntimeException {
  public ResourceNotFoundException(String message) {
    super(message);
  }
}
