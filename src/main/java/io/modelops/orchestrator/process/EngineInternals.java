package io.modelops.orchestrator.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

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
   * Runs read-only engine queries without the current user's authorization filter, for views whose
   * content must not depend on who reads them (governance reports, the inventory). The caller
   * decides what the user may see; the user's authentication is restored afterwards.
   */
  /** Whether {@code user} is a member of {@code groupId}, read from the identity service. */
  public static boolean isMember(IdentityService identityService, String user, String groupId) {
    return withoutAuthorization(
            identityService,
            () -> identityService.createGroupQuery().groupMember(user).groupId(groupId).count())
        > 0;
  }

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
   * Lifecycles and retrainings are started only this way: the engine refuses their start by an
   * authenticated user ({@link LifecycleCommandCheck}).
   */
  public static <T> T asSystem(IdentityService identityService, Supplier<T> call) {
    return withoutAuthorization(identityService, call);
  }

  /** See {@link #asSystem(IdentityService, Supplier)}. */
  public static void asSystem(IdentityService identityService, Runnable call) {
    withoutAuthorization(
        identityService,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * Lets the refusals of task listeners reach callers as what they are. The engine wraps every
   * exception a task listener throws in a plain {@link ProcessEngineException} ("exception while
   * invoking the TaskListener"), which its REST API (and the webapps' API, which is the same code)
   * answers with 500. This command interceptor unwraps an {@link AuthorizationException} (answered
   * with 403) or a {@link FormFieldValidationException} (400, shown next to the Tasklist form) from
   * those wrappers. It sits outside the transaction: the command has been rolled back, the task is
   * still open and nothing the listener did is kept. Other exceptions stay as they are.
   */
  public static ProcessEnginePlugin listenerRefusalsAsThemselves() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
          interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        interceptors.add(new ListenerRefusals());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
      }
    };
  }

  /** See {@link #listenerRefusalsAsThemselves()}. */
  static final class ListenerRefusals extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        throw unwrapped(e);
      }
    }
  }

  /** The refusal inside plain engine wrappers, or {@code e} itself. */
  static ProcessEngineException unwrapped(ProcessEngineException e) {
    Throwable inner = e;
    while (inner != null
        && inner.getClass() == ProcessEngineException.class
        && inner.getCause() != inner) {
      inner = inner.getCause();
    }
    return inner instanceof AuthorizationException || inner instanceof FormFieldValidationException
        ? (ProcessEngineException) inner
        : e;
  }

  private EngineInternals() {}
}
