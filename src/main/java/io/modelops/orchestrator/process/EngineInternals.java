package io.modelops.orchestrator.process;

import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The one place outside the engine hardening that touches {@code org.camunda.bpm.engine.impl}:
 * everything else uses the engine's public API, so moving to a maintained fork of Camunda 7 stays a
 * mechanical rename. The hardening plugin ({@link EngineHardeningPlugin} and the classes it names)
 * must plug into the engine itself and lives next to this class, in this package, for the same
 * reason.
 */
public final class EngineInternals {

  /**
   * An error about a submitted form field. The engine REST API and Tasklist answer it with 400 and
   * show the message next to the form, instead of a 500 "technical error".
   */
  public static RuntimeException invalidFormField(String fieldId, String message) {
    return new FormFieldValidationException(fieldId, message);
  }

  /** The user the engine acts for in this thread (set by the webapps or our REST security). */
  public static Optional<String> currentUserId(IdentityService identityService) {
    Authentication authentication = identityService.getCurrentAuthentication();
    return Optional.ofNullable(authentication).map(Authentication::getUserId);
  }

  /**
   * Runs read-only engine queries without the current user's authorization filter, for views
   * whose content must not depend on who reads them (governance reports, the inventory). The
   * caller decides what the user may see; the user's authentication is restored afterwards.
   */
  public static <T> T withoutAuthorization(IdentityService identityService, Supplier<T> query) {
    Authentication current = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return query.get();
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }

  /**
   * Runs an engine call on the orchestrator's own behalf, e.g. a step of one process that moves
   * another one on (a candidate's decision reaching its retraining), whichever user caused it.
   */
  public static void asSystem(IdentityService identityService, Runnable call) {
    withoutAuthorization(
        identityService,
        () -> {
          call.run();
          return null;
        });
  }

  private EngineInternals() {}
}
