package io.modelops.orchestrator.web;

import java.time.Duration;

/** A caller sent more than its quota allows (429); nothing of the request was stored. */
public class QuotaExceededException extends RuntimeException {

  private final Duration retryAfter;

  public QuotaExceededException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** When the quota renews. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
