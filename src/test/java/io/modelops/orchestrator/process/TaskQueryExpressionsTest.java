package io.modelops.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskQueryExpressionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${currentUser()}",
        "${currentUserGroups()}",
        "${now()}",
        "${dateTime()}",
        "${dateTime().plusDays(2)}",
        "${dateTime().minusHours(1)}",
        "${dateTime().withTimeAtStartOfDay()}",
        "${dateTime().withTimeAtStartOfDay().plusWeeks(-1).minusSeconds(30)}",
        "${dateTime().plusYears(1).plusMonths(2).plusMinutes(3)}"
      })
  void shouldAllowTasklistsFilterFunctions(String expression) {
    assertThat(TaskQueryExpressions.isAllowed(expression)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${''.getClass().forName('java.lang.Runtime')}",
        "${currentUser().getClass()}",
        "${now().time}",
        "${dateTime().toDate().getClass()}",
        "${dateTime().plusDays(1.5)}",
        "${dateTime().plusDays('1')}",
        "${dateTime().plusDays(1234567)}",
        "${dateTime().plusDays(1)",
        "#{currentUser()}",
        "${ currentUser() }",
        "${currentUser()}${currentUser()}",
        "${currentUser()}\n",
        "${execution}",
        "${dataSource}",
        "${currentUser()||true}",
        "${dateTime().plusDays(١)}",
        "",
        "currentUser()"
      })
  void shouldRefuseEverythingElse(String expression) {
    assertThat(TaskQueryExpressions.isAllowed(expression)).isFalse();
  }
}
