package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityBootstrapTest {

  @ParameterizedTest
  @CsvSource(
      value = {"NULL,NULL", "admin,NULL", "NULL,secret", "' ',secret"},
      nullValues = "NULL")
  void shouldRefuseToStartWithoutAnAdministrator(String user, String password) {
    IdentityBootstrap bootstrap = bootstrap(new AdminProperties(user, password, null));

    assertThatThrownBy(() -> bootstrap.run(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MODELOPS_ADMIN_USER and MODELOPS_ADMIN_PASSWORD")
        .hasMessageContaining("no default password");
  }

  @Test
  void shouldAcceptAConfiguredAdministrator() {
    bootstrap(new AdminProperties("root", "a-long-secret", null)).requireAdminConfigured();
  }

  private static IdentityBootstrap bootstrap(AdminProperties admin) {
    return new IdentityBootstrap(
        mock(IdentityService.class),
        mock(AuthorizationService.class),
        mock(FilterService.class),
        mock(TaskService.class),
        admin);
  }
}
