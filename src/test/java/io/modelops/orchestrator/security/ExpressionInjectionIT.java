package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finding 1: no expression from a task query, a filter or its extension is ever evaluated beyond
 * Tasklist's own filter functions. Every payload here would create a file in a fresh temporary
 * directory if it ran; each test asserts a 4xx (or the engine's refusal) and that the file is
 * absent.
 */
@IntegrationTest
class ExpressionInjectionIT {

  /** Every {@code *Expression} field of Camunda 7.24's TaskQueryDto (engine-rest). */
  static final List<String> EXPRESSION_FIELDS =
      List.of(
          "processInstanceBusinessKeyExpression",
          "processInstanceBusinessKeyLikeExpression",
          "assigneeExpression",
          "assigneeLikeExpression",
          "candidateGroupExpression",
          "candidateUserExpression",
          "involvedUserExpression",
          "ownerExpression",
          "dueAfterExpression",
          "dueBeforeExpression",
          "dueDateExpression",
          "followUpAfterExpression",
          "followUpBeforeOrNotExistentExpression",
          "followUpBeforeExpression",
          "followUpDateExpression",
          "createdAfterExpression",
          "createdBeforeExpression",
          "createdOnExpression",
          "updatedAfterExpression",
          "candidateGroupsExpression");

  private static final String TASKLIST_FILTER_PAGE =
      "/camunda/api/engine/engine/default/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.ProcessEngine processEngine;
  @Autowired org.springframework.context.ApplicationContext applicationContext;
  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;

  private Path directory;

  @BeforeEach
  void createDirectory() throws IOException {
    directory = Files.createTempDirectory("expression-injection-");
  }

  @AfterEach
  void clearAuthentication() {
    identityService.clearAuthentication();
  }

  /** A fresh file of the temporary directory. */
  private Path target() {
    return directory.resolve("pwned-" + COUNTER.incrementAndGet());
  }

  /** An expression that creates {@code file} when the engine evaluates it. */
  static String payload(Path file) {
    return "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
        + ".exec('touch "
        + file
        + "')}";
  }

  /** The duplicate-key body of the report, with its payload. */
  private static String duplicateKeyBody(Path file) {
    return "{\"active\":true,\"active\":true,\"orQueries\":[{\"dueBeforeExpression\":\""
        + payload(file)
        + "\"}]}";
  }

  @Test
  void shouldRefuseTheDuplicateKeyBodyOnEveryTaskQueryEndpoint() {
    String filterId = myTasksFilterId();
    ApiClient victor = ApiClient.as(port, "victor");
    ApiClient admin = ApiClient.as(port, "admin");
    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> csrf =
        Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN")));
    List<Path> files = new ArrayList<>();
    List<Response> responses = new ArrayList<>();

    for (ApiClient client : List.of(victor, admin)) {
      responses.add(client.post("/engine-rest/task?maxResults=1", duplicateKeyBody(add(files))));
      responses.add(client.post("/engine-rest/task/count", duplicateKeyBody(add(files))));
      responses.add(
          client.post(
              "/engine-rest/filter/" + filterId + "/list?maxResults=1",
              duplicateKeyBody(add(files))));
      responses.add(
          client.post("/engine-rest/filter/" + filterId + "/count", duplicateKeyBody(add(files))));
    }
    responses.add(
        tasklist.post(
            "/camunda/api/engine/engine/default/task?firstResult=0&maxResults=1",
            duplicateKeyBody(add(files)),
            csrf));
    responses.add(
        tasklist.post(
            "/camunda/api/engine/engine/default/filter/"
                + filterId
                + "/list?firstResult=0&maxResults=1",
            duplicateKeyBody(add(files)),
            csrf));

    assertRefused(responses, files);
  }

  @ParameterizedTest
  @MethodSource("expressionFields")
  void shouldRefuseEveryExpressionFieldTopLevelNestedAndAsParameter(String field) {
    String filterId = myTasksFilterId();
    ApiClient victor = ApiClient.as(port, "victor");
    ApiClient admin = ApiClient.as(port, "admin");
    List<Path> files = new ArrayList<>();
    List<Response> responses = new ArrayList<>();

    for (ApiClient client : List.of(victor, admin)) {
      responses.add(
          client.post(
              "/engine-rest/task?firstResult=0&maxResults=1", Map.of(field, payload(add(files)))));
      responses.add(
          client.post(
              "/engine-rest/task?firstResult=0&maxResults=1",
              Map.of("orQueries", List.of(Map.of(field, payload(add(files)))))));
      responses.add(
          client.post(
              "/engine-rest/task/count",
              Map.of("orQueries", List.of(Map.of(field, payload(add(files)))))));
      responses.add(
          client.get(
              "/engine-rest/task?firstResult=0&maxResults=1&"
                  + field
                  + "="
                  + encode(payload(add(files)))));
      responses.add(
          client.get("/engine-rest/task/count?" + field + "=" + encode(payload(add(files)))));
      responses.add(
          client.post(
              "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=1",
              Map.of("orQueries", List.of(Map.of(field, payload(add(files)))))));
      responses.add(
          client.post(
              "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=1",
              Map.of(field, payload(add(files)))));
    }

    assertRefused(responses, files);
  }

  static List<String> expressionFields() {
    return EXPRESSION_FIELDS;
  }

  @Test
  void shouldRefuseBodiesTheGuardCannotReadExactly() throws IOException {
    String filterId = myTasksFilterId();
    List<Path> files = new ArrayList<>();
    List<HttpResponse<String>> responses = new ArrayList<>();
    String task = "/engine-rest/task?firstResult=0&maxResults=1";

    // field name with another case, and with a unicode escape
    responses.add(
        raw(
            "victor",
            task,
            json("{\"orQueries\":[{\"DueBeforeExpression\":\"" + payload(add(files)) + "\"}]}")));
    responses.add(
        raw(
            "victor",
            task,
            json(
                "{\"orQueries\":[{\"dueBefore\\u0045xpression\":\""
                    + payload(add(files))
                    + "\"}]}")));
    // nested arrays, an object where an array belongs
    responses.add(
        raw(
            "victor",
            task,
            json("{\"orQueries\":[[{\"dueBeforeExpression\":\"" + payload(add(files)) + "\"}]]}")));
    responses.add(
        raw(
            "victor",
            task,
            json("{\"orQueries\":{\"dueBeforeExpression\":\"" + payload(add(files)) + "\"}}")));
    // trailing content, malformed JSON
    responses.add(
        raw(
            "victor",
            task,
            json(
                "{\"active\":true} {\"orQueries\":[{\"dueBeforeExpression\":\""
                    + payload(add(files))
                    + "\"}]}")));
    responses.add(
        raw(
            "victor",
            task,
            json("{\"orQueries\":[{\"dueBeforeExpression\":\"" + payload(add(files)) + "\"}]")));
    // BOM, UTF-16 and UTF-16 with charset, gzip
    String body = "{\"orQueries\":[{\"dueBeforeExpression\":\"" + payload(add(files)) + "\"}]}";
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    responses.add(
        raw(
            "victor",
            task,
            "application/json",
            null,
            concat(bom, body.getBytes(StandardCharsets.UTF_8))));
    responses.add(raw("victor", task, "application/json", null, utf16(body)));
    responses.add(raw("victor", task, "application/json;charset=UTF-16", null, utf16(body)));
    responses.add(
        raw("victor", task, "application/json", "gzip", gzip(duplicateKeyBody(add(files)))));
    // not JSON, no content type
    responses.add(
        raw(
            "victor",
            task,
            "text/plain",
            null,
            duplicateKeyBody(add(files)).getBytes(StandardCharsets.UTF_8)));
    responses.add(
        raw(
            "victor",
            task,
            null,
            null,
            duplicateKeyBody(add(files)).getBytes(StandardCharsets.UTF_8)));
    // an encoded path the guard must still recognise
    responses.add(
        raw(
            "victor",
            "/engine-rest/%74ask?firstResult=0&maxResults=1",
            json(duplicateKeyBody(add(files)))));
    responses.add(
        raw(
            "victor",
            "/engine-rest/filter/" + filterId + "/%6Cist?firstResult=0&maxResults=1",
            json(duplicateKeyBody(add(files)))));
    // a named engine path
    responses.add(
        raw("admin", "/engine-rest/engine/default/task/count", json(duplicateKeyBody(add(files)))));

    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(400);
    }
    assertThat(files).as("no payload ran").noneMatch(Files::exists);
  }

  @Test
  void shouldRefuseExpressionsInJavaQueriesFiltersAndFilterExtensions() {
    String filterId = myTasksFilterId();
    Path file = target();
    identityService.setAuthentication("victor", List.of("model-validators"));

    assertThatThrownBy(
            () ->
                taskService
                    .createTaskQuery()
                    .or()
                    .taskAssigneeExpression(payload(file))
                    .endOr()
                    .listPage(0, 10))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("taskAssignee");
    assertThatThrownBy(
            () ->
                taskService
                    .createTaskQuery()
                    .or()
                    .dueBeforeExpression(payload(file))
                    .endOr()
                    .count())
        .isInstanceOf(BadUserRequestException.class);
    TaskQuery extension =
        taskService.createTaskQuery().or().taskOwnerExpression(payload(file)).endOr();
    assertThatThrownBy(() -> filterService.listPage(filterId, extension, 0, 10))
        .isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(
            () ->
                filterService.count(
                    filterId, taskService.createTaskQuery().dueAfterExpression(payload(file))))
        .isInstanceOf(BadUserRequestException.class);
    identityService.clearAuthentication();

    // not even an administrator, nor the application itself, can store such a filter
    identityService.setAuthentication("admin", List.of(Groups.ADMIN));
    Filter evil =
        filterService
            .newTaskFilter("Evil filter")
            .setQuery(
                taskService
                    .createTaskQuery()
                    .or()
                    .taskCandidateUserExpression(payload(file))
                    .endOr());
    assertThatThrownBy(() -> filterService.saveFilter(evil))
        .isInstanceOf(BadUserRequestException.class);
    identityService.clearAuthentication();
    assertThat(filterService.createTaskFilterQuery().filterName("Evil filter").count()).isZero();

    assertThat(file).doesNotExist();
  }

  @Test
  void shouldRefuseToRunAFilterStoredWithAnExpressionBeforeTheCheckExisted() {
    Filter plain =
        filterService
            .newTaskFilter("Stored before the check")
            .setQuery(taskService.createTaskQuery());
    String id = filterService.saveFilter(plain).getId();
    Path file = target();
    try {
      // written as an older version would have stored it
      String query = "{\"orQueries\":[{\"taskAssigneeExpression\":\"" + payload(file) + "\"}]}";
      jdbc.sql("update ACT_RU_FILTER set QUERY_ = :query where ID_ = :id")
          .param("query", query)
          .param("id", id)
          .update();
      identityService.setAuthentication("admin", List.of(Groups.ADMIN));

      assertThatThrownBy(() -> filterService.listPage(id, 0, 10))
          .isInstanceOf(BadUserRequestException.class);
      assertThatThrownBy(() -> filterService.count(id)).isInstanceOf(BadUserRequestException.class);
      Response overRest =
          ApiClient.as(port, "admin")
              .post("/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=1", Map.of());
      assertThat(overRest.status()).as(overRest.body()).isEqualTo(400);
      assertThat(file).doesNotExist();
    } finally {
      identityService.clearAuthentication();
      filterService.deleteFilter(id);
    }
  }

  @Test
  void shouldKeepPlainQueriesAndTasklistFunctionsWorking() {
    String filterId = myTasksFilterId();
    identityService.setAuthentication("victor", List.of("model-validators"));

    assertThat(
            taskService
                .createTaskQuery()
                .or()
                .taskAssigneeExpression("${currentUser()}")
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .endOr()
                .or()
                .dueBeforeExpression("${dateTime().plusDays(2).withTimeAtStartOfDay()}")
                .dueAfterExpression("${dateTime().minusHours(1)}")
                .followUpBeforeExpression("${now()}")
                .withoutDueDate()
                .endOr()
                .listPage(0, 10))
        .isNotNull();
    assertThat(filterService.listPage(filterId, 0, 10)).isNotNull();
    assertThat(filterService.count(filterId)).isNotNull();
    identityService.clearAuthentication();

    ApiClient victor = ApiClient.as(port, "victor");
    Response plain =
        victor.post(
            "/engine-rest/task?firstResult=0&maxResults=5",
            Map.of("candidateGroup", "model-validators"));
    // filters over /engine-rest are for administrators (victor uses them through Tasklist, below)
    Response allowed =
        ApiClient.as(port, "admin")
            .post(
                "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=5",
                Map.of("orQueries", List.of(Map.of("dueBefore", "2030-01-01T00:00:00.000+0000"))));
    assertThat(plain.status()).as(plain.body()).isEqualTo(200);
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);

    ApiClient tasklist = ApiClient.tasklistSession(port, "victor");
    Map<String, String> csrf =
        Map.of("X-XSRF-TOKEN", String.valueOf(tasklist.cookie("XSRF-TOKEN")));
    for (var filter : tasklist.get(TASKLIST_FILTER_PAGE).json()) {
      Response list =
          tasklist.post(
              "/camunda/api/engine/engine/default/filter/"
                  + filter.path("id").asText()
                  + "/list?firstResult=0&maxResults=15",
              Map.of(),
              csrf);
      assertThat(list.status())
          .as(filter.path("name").asText() + ": " + list.body())
          .isEqualTo(200);
    }
  }

  @Test
  void shouldKeepReflectionAndInfrastructureBeansOutOfDeployedExpressions() {
    Path file = target();
    List<String> expressions =
        List.of(
            payload(file),
            "${execution.getClass().forName('java.lang.Runtime')}",
            "${execution['class'].classLoader}",
            "${dataSource}",
            "${jdbcTemplate}",
            "${processEngine}",
            "${runtimeService}",
            "${applicationContext}",
            "${execution.processEngineServices.runtimeService}",
            "${execution.getProcessEngine().getProcessEngineConfiguration()}",
            "${S('{}').mapTo('java.lang.ProcessBuilder')}");
    identityService.setAuthentication("admin", List.of(Groups.ADMIN));
    try {
      for (int i = 0; i < expressions.size(); i++) {
        String key = "evil-expression-" + i;
        var model =
            org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask()
                .camundaExpression(expressions.get(i))
                .camundaResultVariable("result")
                .endEvent()
                .done();
        String deployment =
            repositoryService
                .createDeployment()
                .addModelInstance(key + ".bpmn", model)
                .deploy()
                .getId();
        try {
          String expression = expressions.get(i);
          assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key))
              .as(expression)
              .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
        } finally {
          repositoryService.deleteDeployment(deployment, true);
        }
      }
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void shouldResolveEveryBeanTheProcessesUseAndNoInfrastructureBean() throws IOException {
    var configuration =
        (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            processEngine.getProcessEngineConfiguration();
    java.util.Set<String> identifiers = new java.util.TreeSet<>();
    var leading = java.util.regex.Pattern.compile("[$#]\\{!?([A-Za-z_][A-Za-z0-9_]*)");
    try (var files = Files.list(Path.of("processes"))) {
      for (Path bpmn : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        var matcher = leading.matcher(Files.readString(bpmn));
        while (matcher.find()) {
          identifiers.add(matcher.group(1));
        }
      }
    }
    List<String> beans = identifiers.stream().filter(applicationContext::containsBean).toList();
    assertThat(beans)
        .contains("releaseSteps", "healthMonitoring", "retrainingSteps", "reviewRouting");

    for (String bean : beans) {
      Object value =
          configuration
              .getCommandExecutorTxRequired()
              .execute(
                  context ->
                      configuration
                          .getExpressionManager()
                          .createExpression("${" + bean + "}")
                          .getValue(null));
      assertThat(value).as(bean).isSameAs(applicationContext.getBean(bean));
    }
    for (String hidden :
        List.of(
            "dataSource",
            "jdbcTemplate",
            "processEngine",
            "runtimeService",
            "applicationConfig",
            "webhookProperties")) {
      assertThatThrownBy(
              () ->
                  configuration
                      .getCommandExecutorTxRequired()
                      .execute(
                          context ->
                              configuration
                                  .getExpressionManager()
                                  .createExpression("${" + hidden + "}")
                                  .getValue(null)))
          .as(hidden)
          .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
    }
  }

  @Test
  void shouldRefuseObjectVariablesOfClassesOutsideTheAllowList() {
    identityService.setAuthentication("admin", List.of(Groups.ADMIN));
    var model =
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("variable-holder")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask()
            .endEvent()
            .done();
    String deployment =
        repositoryService
            .createDeployment()
            .addModelInstance("variable-holder.bpmn", model)
            .deploy()
            .getId();
    identityService.clearAuthentication();
    try {
      String instance = runtimeService.startProcessInstanceByKey("variable-holder").getId();
      ApiClient admin = ApiClient.as(port, "admin");
      String variables = "/engine-rest/process-instance/" + instance + "/variables/";
      List<String> refusedTypes =
          List.of(
              "java.io.File",
              "java.lang.ProcessBuilder",
              "java.util.ArrayList<java.io.File>",
              "java.util.HashMap<java.lang.String,java.lang.ProcessBuilder>",
              "java.lang.Runtime");
      for (String type : refusedTypes) {
        String name = "evil" + COUNTER.incrementAndGet();
        Response put =
            admin.put(
                variables + name,
                Map.of(
                    "type",
                    "Object",
                    "value",
                    type.contains("File") ? "\"/tmp\"" : "[\"touch\", \"/tmp/x\"]",
                    "valueInfo",
                    Map.of("objectTypeName", type, "serializationDataFormat", "application/json")));
        Response modify =
            admin.post(
                "/engine-rest/process-instance/" + instance + "/variables",
                Map.of(
                    "modifications",
                    Map.of(
                        name,
                        Map.of(
                            "type", "Object",
                            "value", "\"/tmp\"",
                            "valueInfo",
                                Map.of(
                                    "objectTypeName",
                                    type,
                                    "serializationDataFormat",
                                    "application/json")))));
        assertThat(put.status()).as(type + ": " + put.body()).isEqualTo(400);
        assertThat(modify.status()).as(type + ": " + modify.body()).isBetween(400, 499);
        assertThat((Object) runtimeService.getVariableTyped(instance, name, false))
            .as(type)
            .isNull();
      }
      // the engine refuses to deserialize such a value even when it is in the database already
      runtimeService.setVariable(
          instance,
          "stored",
          org.camunda.bpm.engine.variable.Variables.serializedObjectValue("\"/tmp\"")
              .objectTypeName("java.io.File")
              .serializationDataFormat("application/json")
              .create());
      Response read = admin.get(variables + "stored");
      assertThat(read.status()).as(read.body()).isBetween(400, 599);
      assertThat(read.body()).doesNotContain("\"value\":\"/tmp\"");
      assertThatThrownBy(() -> runtimeService.getVariable(instance, "stored"))
          .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);

      // allowed: a map like the approval policy
      Response allowed =
          admin.put(
              variables + "policy",
              Map.of(
                  "type", "Object",
                  "value", "{\"reviewGroups\":[\"model-validators\"]}",
                  "valueInfo",
                      Map.of(
                          "objectTypeName", "java.util.HashMap<java.lang.String,java.lang.Object>",
                          "serializationDataFormat", "application/json")));
      assertThat(allowed.status()).as(allowed.body()).isEqualTo(204);
      assertThat(runtimeService.getVariable(instance, "policy")).isInstanceOf(Map.class);
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Path add(List<Path> files) {
    Path file = target();
    files.add(file);
    return file;
  }

  private static void assertRefused(List<Response> responses, List<Path> files) {
    for (Response response : responses) {
      // 400 from the guards; 403 where the engine REST allow-list keeps the caller out altogether
      // (filters over /engine-rest are for administrators; the administrator's requests reach
      // the guards and get 400)
      assertThat(response.status()).as(response.raw().uri() + " " + response.body()).isIn(400, 403);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(files).as("no payload ran").noneMatch(Files::exists);
  }

  private String myTasksFilterId() {
    return filterService.createTaskFilterQuery().filterName("My tasks").singleResult().getId();
  }

  private HttpResponse<String> raw(String user, String path, byte[] jsonBody) {
    return raw(user, path, "application/json", null, jsonBody);
  }

  private HttpResponse<String> raw(
      String user, String path, String contentType, String contentEncoding, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (contentEncoding != null) {
      request.header("Content-Encoding", contentEncoding);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] json(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] utf16(String body) {
    return body.getBytes(StandardCharsets.UTF_16);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] result = new byte[a.length + b.length];
    System.arraycopy(a, 0, result, 0, a.length);
    System.arraycopy(b, 0, result, a.length, b.length);
    return result;
  }

  private static byte[] gzip(String body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
