package io.modelops.orchestrator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every user operation the engine records lands in the audit chain, one {@value
 * EngineOperationAuditor#ACTION} event per operation with actor, type and time: identities,
 * memberships, authorizations, tenants and deployments included (an administrator granting
 * themselves or others a permission is an intervention like any other).
 */
@IntegrationTest
class EngineOperationCoverageIT {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;

  @Test
  void everyIdentityAuthorizationTenantAndDeploymentOperationOfAnAdministratorIsAudited() {
    // given
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    String suffix = Long.toString(System.nanoTime(), 36);
    String userId = "u" + suffix;
    String groupId = "g" + suffix;
    String tenantId = "t" + suffix;
    List<String> expected = new ArrayList<>();

    // when: an administrator works through the engine's identity, authorization and repository APIs
    asAdmin(
        () -> {
          User user = identityService.newUser(userId);
          user.setFirstName("Audit");
          user.setLastName("Subject");
          user.setEmail(userId + "@example.com");
          user.setPassword("a-long-password-" + suffix);
          identityService.saveUser(user);
          return null;
        });
    expected.add(EntityTypes.USER + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);
    asAdmin(
        () -> {
          User user = identityService.createUserQuery().userId(userId).singleResult();
          user.setLastName("Renamed");
          identityService.saveUser(user);
          return null;
        });
    expected.add(EntityTypes.USER + ":" + UserOperationLogEntry.OPERATION_TYPE_UPDATE);
    asAdmin(
        () -> {
          Group group = identityService.newGroup(groupId);
          group.setName("Audit group");
          identityService.saveGroup(group);
          return null;
        });
    expected.add(EntityTypes.GROUP + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);
    asAdmin(
        () -> {
          identityService.createMembership(userId, groupId);
          return null;
        });
    expected.add(EntityTypes.GROUP_MEMBERSHIP + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);
    asAdmin(
        () -> {
          identityService.deleteMembership(userId, groupId);
          return null;
        });
    expected.add(EntityTypes.GROUP_MEMBERSHIP + ":" + UserOperationLogEntry.OPERATION_TYPE_DELETE);
    String authorizationId =
        asAdmin(
            () -> {
              Authorization grant =
                  authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
              grant.setUserId(userId);
              grant.setResource(Resources.PROCESS_DEFINITION);
              grant.setResourceId("model-lifecycle");
              grant.addPermission(Permissions.READ);
              return authorizationService.saveAuthorization(grant).getId();
            });
    expected.add(EntityTypes.AUTHORIZATION + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);
    asAdmin(
        () -> {
          Authorization grant =
              authorizationService
                  .createAuthorizationQuery()
                  .authorizationId(authorizationId)
                  .singleResult();
          grant.addPermission(Permissions.UPDATE);
          return authorizationService.saveAuthorization(grant);
        });
    expected.add(EntityTypes.AUTHORIZATION + ":" + UserOperationLogEntry.OPERATION_TYPE_UPDATE);
    asAdmin(
        () -> {
          authorizationService.deleteAuthorization(authorizationId);
          return null;
        });
    expected.add(EntityTypes.AUTHORIZATION + ":" + UserOperationLogEntry.OPERATION_TYPE_DELETE);
    asAdmin(
        () -> {
          Tenant tenant = identityService.newTenant(tenantId);
          tenant.setName("Audit tenant");
          identityService.saveTenant(tenant);
          return null;
        });
    expected.add(EntityTypes.TENANT + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);
    asAdmin(
        () -> {
          identityService.createTenantUserMembership(tenantId, userId);
          return null;
        });
    expected.add(EntityTypes.TENANT_MEMBERSHIP + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);
    String deploymentId =
        asAdmin(
            () ->
                repositoryService
                    .createDeployment()
                    .name("audit-" + suffix)
                    .addString("notes-" + suffix + ".txt", "release notes")
                    .deploy()
                    .getId());
    expected.add(EntityTypes.DEPLOYMENT + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);
    asAdmin(
        () -> {
          repositoryService.deleteDeployment(deploymentId);
          return null;
        });
    expected.add(EntityTypes.DEPLOYMENT + ":" + UserOperationLogEntry.OPERATION_TYPE_DELETE);
    asAdmin(
        () -> {
          identityService.deleteUser(userId);
          return null;
        });
    expected.add(EntityTypes.USER + ":" + UserOperationLogEntry.OPERATION_TYPE_DELETE);

    // then: one event each, by the administrator, with its time; the chain is intact
    ApiClient auditor = ApiClient.as(port, "rita");
    JsonNode items =
        auditor
            .get(
                "/api/audit?actor=admin&action="
                    + EngineOperationAuditor.ACTION
                    + "&size=1000&from="
                    + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8))
            .json()
            .path("items");
    List<String> recorded = new ArrayList<>();
    for (JsonNode item : items) {
      recorded.add(
          item.path("details").path("entityType").asText()
              + ":"
              + item.path("details").path("operationType").asText());
      assertThat(item.path("actor").asText()).isEqualTo("admin");
      assertThat(item.path("occurredAt").asText()).isNotBlank();
    }
    assertThat(recorded).as(items.toString()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(auditor.get("/api/audit/verify").json().path("valid").asBoolean()).isTrue();
  }

  private <T> T asAdmin(Supplier<T> call) {
    identityService.setAuthentication("admin", List.of("camunda-admin"));
    try {
      return call.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
