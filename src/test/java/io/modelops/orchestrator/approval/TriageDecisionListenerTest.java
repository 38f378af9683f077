package io.modelops.orchestrator.approval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.modelops.orchestrator.process.ModelLifecycle;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;

class TriageDecisionListenerTest {

  private final TaskDecisionListener decision = mock(TaskDecisionListener.class);
  private final TriageDecisionListener listener =
      new TriageDecisionListener(decision, instance -> false);
  private final DelegateTask task = mock(DelegateTask.class);

  @Test
  void shouldRefuseARollbackWhenThereIsNoEarlierProductionVersion() {
    when(task.getVariable(ModelLifecycle.TRIAGE_DECISION.name())).thenReturn("ROLL_BACK");
    // a variable the submitting user may set does not make a rollback possible
    when(task.getVariable(ModelLifecycle.PREVIOUS_VERSION_EXISTS.name())).thenReturn(true);

    assertThatThrownBy(() -> listener.notify(task))
        .hasMessageContaining("No earlier production version to roll back to");
    verify(decision, never()).notify(any());
  }

  @Test
  void shouldRefuseAnAcceptanceOutsideOneToNinetyWholeDays() {
    when(task.getVariable(ModelLifecycle.TRIAGE_DECISION.name())).thenReturn("ACCEPT");
    for (Object days : new Object[] {0L, 91L, 2.5, "seven"}) {
      when(task.getVariable(ModelLifecycle.TRIAGE_ACCEPT_DAYS.name())).thenReturn(days);

      assertThatThrownBy(() -> listener.notify(task))
          .as("%s days", days)
          .hasMessageContaining("1 to 90 whole days");
    }
    verify(decision, never()).notify(any());
  }
}
