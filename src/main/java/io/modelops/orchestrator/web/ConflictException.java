package io.modelops.orchestrator.web;

/** The request contradicts the current state of a resource (409). */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
