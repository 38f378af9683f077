package io.modelops.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;

class EngineInternalsTest {

  @Test
  void shouldUnwrapRefusalsOfTaskListenersFromTheEnginesWrappers() {
    AuthorizationException sod = new AuthorizationException("Segregation of duties");
    RuntimeException missing =
        EngineInternals.invalidFormField("reviewDecision", "Choose a decision");

    assertThat(EngineInternals.unwrapped(wrapped(sod))).isSameAs(sod);
    assertThat(EngineInternals.unwrapped(wrapped(missing))).isSameAs(missing);
    assertThat(missing).isInstanceOf(FormFieldValidationException.class);
  }

  @Test
  void shouldLeaveOtherErrorsWrapped() {
    ProcessEngineException bug = wrapped(new NullPointerException());
    ProcessEngineException plain = new ProcessEngineException("no cause");

    assertThat(EngineInternals.unwrapped(bug)).isSameAs(bug);
    assertThat(EngineInternals.unwrapped(plain)).isSameAs(plain);
  }

  /** As the engine wraps what a task listener throws: twice. */
  private static ProcessEngineException wrapped(Throwable thrown) {
    return new ProcessEngineException(
        "ENGINE-03051 There was an exception while invoking the TaskListener",
        new ProcessEngineException("Exception while invoking TaskListener", thrown));
  }
}
