package io.modelops.orchestrator.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.modelops.orchestrator.process.ModelEvaluation;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.process.ModelRetraining;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates, idempotently, at every start: the groups of the security model, their Camunda
 * authorizations, the Tasklist filters, and the first administrator. Existing grants are extended,
 * never removed, so changes an administrator makes in Camunda Admin survive restarts.
 */
@Component
@Order(0)
class IdentityBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private static final Map<String, String> GROUP_NAMES =
      Map.of(
          Groups.ADMIN, "Administrators",
          Groups.DATA_SCIENTISTS, "Data scientists",
          Groups.VALIDATORS, "Model validators",
          Groups.RISK, "Model risk management",
          Groups.OPS, "ML operations",
          Groups.CI, "CI pipelines",
          Groups.MONITORS, "Model monitors",
          Groups.EVALUATORS, "Model evaluators");

  /** Groups of people who work in Tasklist. */
  private static final List<String> TASKLIST_USERS =
      List.of(Groups.DATA_SCIENTISTS, Groups.VALIDATORS, Groups.RISK, Groups.OPS);

  /** Groups that follow processes in Cockpit (ops act on incidents; validators, risk read). */
  private static final List<String> COCKPIT_USERS =
      List.of(Groups.VALIDATORS, Groups.RISK, Groups.OPS);

  /** Groups of people who follow lifecycles: definitions, instances and their history. */
  private static final List<String> PROCESS_READERS =
      List.of(Groups.DATA_SCIENTISTS, Groups.VALIDATORS, Groups.RISK, Groups.OPS);

  /** Groups that earlier releases let start lifecycles or retrainings through the engine. */
  private static final List<String> STARTERS_OF_EARLIER_RELEASES =
      List.of(Groups.CI, Groups.DATA_SCIENTISTS, Groups.OPS);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final AdminProperties admin;

  public IdentityBootstrap(
      IdentityService identityService,
      AuthorizationService authorizationService,
      FilterService filterService,
      TaskService taskService,
      AdminProperties admin) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.admin = admin;
  }

  @Override
  public void run(ApplicationArguments args) {
    requireAdminConfigured();
    createGroups();
    grantAuthorizations();
    createFilters();
    createAdmin();
  }

  private void createGroups() {
    for (String id : Groups.ALL) {
      if (identityService.createGroupQuery().groupId(id).count() == 0) {
        Group group = identityService.newGroup(id);
        group.setName(GROUP_NAMES.get(id));
        group.setType(Groups.ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW");
        identityService.saveGroup(group);
        log.info("Created group {}", id);
      }
    }
  }

  private void grantAuthorizations() {
    // Administrators may do everything (as Camunda Admin's first-run setup would grant).
    for (Resources resource : Resources.values()) {
      grant(Groups.ADMIN, resource, Authorization.ANY, Permissions.ALL);
    }
    for (String group : TASKLIST_USERS) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.FILTER, Authorization.ANY, Permissions.READ);
    }
    for (String group : COCKPIT_USERS) {
      grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }
    for (String group : PROCESS_READERS) {
      // See the lifecycle definitions, their instances and history (Cockpit, Tasklist).
      grant(
          group,
          Resources.PROCESS_DEFINITION,
          Authorization.ANY,
          Permissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY);
      grant(group, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
      grant(group, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
    }
    // Only the orchestrator starts lifecycles and retrainings (registration, manual and automatic
    // retraining, rollback), on its own behalf: nobody needs to start them through the engine.
    // Earlier releases let registrants start model-lifecycle and data scientists and operations
    // start model-retraining, which let them start fake lifecycles with any variables.
    for (String group : STARTERS_OF_EARLIER_RELEASES) {
      revoke(
          group,
          Resources.PROCESS_DEFINITION,
          ModelLifecycle.KEY,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
      revoke(
          group,
          Resources.PROCESS_DEFINITION,
          ModelRetraining.KEY,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
      revoke(
          group, Resources.PROCESS_INSTANCE, Authorization.ANY, ProcessInstancePermissions.CREATE);
    }
    // Training workers (machine users of ci-pipelines) fetch and complete "Train model" tasks,
    // and training pipelines report their results; both see and move retraining instances only.
    // CI reads nothing else of the engine: no other instances, no history, no deployments.
    grant(
        Groups.CI,
        Resources.PROCESS_DEFINITION,
        ModelRetraining.KEY,
        Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    // Earlier releases let ci-pipelines read every instance, its variables and history.
    revoke(
        Groups.CI,
        Resources.PROCESS_DEFINITION,
        Authorization.ANY,
        Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    revoke(Groups.CI, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
    // Evaluation workers (model-evaluators) fetch, lock and fail "Evaluate model version" tasks
    // and nothing else; completing one goes through POST /api/evaluations/{id}/results. Operations
    // retry a failed one, which Camunda lets only UPDATE_INSTANCE do.
    grant(
        Groups.EVALUATORS,
        Resources.PROCESS_DEFINITION,
        ModelEvaluation.KEY,
        Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    grant(
        Groups.OPS,
        Resources.PROCESS_DEFINITION,
        ModelEvaluation.KEY,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    // Operations operate, they do not decide: they retry failed jobs (Cockpit, engine REST), but
    // do not modify, suspend or edit the variables of lifecycles. Retrying a failed external task
    // (training) needs UPDATE_INSTANCE in Camunda, so that is granted on model-retraining only.
    grant(
        Groups.OPS,
        Resources.PROCESS_DEFINITION,
        Authorization.ANY,
        ProcessDefinitionPermissions.RETRY_JOB);
    grant(
        Groups.OPS,
        Resources.PROCESS_DEFINITION,
        ModelRetraining.KEY,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    // Earlier releases let ml-ops update (modify, suspend, edit variables of) every instance.
    revoke(
        Groups.OPS,
        Resources.PROCESS_DEFINITION,
        Authorization.ANY,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    // Decision models deployed by the DMN target are evaluated over the engine REST API.
    for (String group : List.of(Groups.OPS, Groups.CI, Groups.DATA_SCIENTISTS)) {
      grant(
          group,
          Resources.DECISION_DEFINITION,
          Authorization.ANY,
          Permissions.READ,
          Permissions.CREATE_INSTANCE);
    }
    // Review tasks need no grant here: the engine authorizes the candidate group of each task.
  }

  /**
   * Takes back permissions that earlier releases granted a built-in group and that its role no
   * longer includes. Other grants, including those made in Camunda Admin, stay.
   */
  private void revoke(
      String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = findGrant(group, resource, resourceId);
    if (authorization == null) {
      return;
    }
    boolean changed = false;
    for (Permission permission : permissions) {
      if (authorization.isPermissionGranted(permission)) {
        authorization.removePermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
      log.info(
          "Revoked {} on {} {} from group {}", List.of(permissions), resource, resourceId, group);
    }
  }

  /** The group's grant on the resource, or null. */
  private Authorization findGrant(String group, Resource resource, String resourceId) {
    return authorizationService
        .createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
  }

  private void grant(
      String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = findGrant(group, resource, resourceId);
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = false;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }

  private void createFilters() {
    createFilter(
        "My tasks",
        "Tasks assigned to me",
        -10,
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    createFilter(
        "My group tasks",
        "Open tasks of my groups: claim one to work on it",
        0,
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks());
  }

  private void createFilter(
      String name, String description, int priority, org.camunda.bpm.engine.task.TaskQuery query) {
    if (filterService.createTaskFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter =
        filterService
            .newTaskFilter(name)
            .setQuery(query)
            .setProperties(
                Map.of(
                    "description",
                    description,
                    "priority",
                    priority,
                    "refresh",
                    true,
                    "variables",
                    List.of(
                        Map.of("name", ModelLifecycle.MODEL_NAME.name(), "label", "Model"),
                        Map.of("name", ModelLifecycle.MODEL_VERSION.name(), "label", "Version"),
                        Map.of("name", ModelLifecycle.RISK_TIER.name(), "label", "Risk tier"))));
    filterService.saveFilter(filter);
    log.info("Created Tasklist filter '{}'", name);
  }

  void requireAdminConfigured() {
    if (isBlank(admin.username()) || isBlank(admin.password())) {
      throw new IllegalStateException(
          "No administrator configured: set MODELOPS_ADMIN_USER and MODELOPS_ADMIN_PASSWORD"
              + " (or run with the 'demo' profile for demo users). There is no default password.");
    }
  }

  private void createAdmin() {
    User existing = identityService.createUserQuery().userId(admin.username()).singleResult();
    if (existing == null) {
      User user = identityService.newUser(admin.username());
      user.setFirstName("Administrator");
      user.setLastName(admin.username());
      user.setEmail(admin.email());
      user.setPassword(admin.password());
      identityService.saveUser(user);
      log.info("Created administrator {}", admin.username());
    }
    if (identityService
            .createUserQuery()
            .userId(admin.username())
            .memberOfGroup(Groups.ADMIN)
            .count()
        == 0) {
      identityService.createMembership(admin.username(), Groups.ADMIN);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
