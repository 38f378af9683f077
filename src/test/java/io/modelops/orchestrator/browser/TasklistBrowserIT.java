package io.modelops.orchestrator.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reviews in Camunda Tasklist, in a real browser: the Camunda Form shows the evidence, decisions
 * reach the catalog, and the review rules hold in the UI as they do over REST.
 */
@BrowserTest
@IntegrationTest
class TasklistBrowserIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger MODELS = new AtomicInteger();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String REVIEW_TASK = "Review model version";
  private static final String MY_GROUP_TASKS = "My group tasks";

  /** A data scientist who is also a validator: registers a version and then sees its review. */
  private static final String BEA = "bea";

  private static final String BEA_PASSWORD = "bea-password";

  /**
   * How to get an open task that uses a form in forms/: form id → the task, with a user who may
   * work on it. Add an entry for every new form.
   */
  private final Map<String, Function<TasklistBrowserIT, FormTask>> tasksByForm =
      Map.of(
          "review-model-version", test -> test.reviewTaskFor("victor", "victor"),
          "approve-production-release", TasklistBrowserIT::releaseTask,
          "decide-canary", TasklistBrowserIT::canaryDecisionTask,
          "triage-model-alert", TasklistBrowserIT::triageTask,
          "decide-risk-tier", TasklistBrowserIT::riskTierTask,
          "remediate-finding", test -> test.findingTask("dana", "My tasks"),
          "verify-remediation", test -> test.findingTask("vera", MY_GROUP_TASKS),
          "revalidate-model-version", TasklistBrowserIT::revalidationTask,
          "attest-model-use", TasklistBrowserIT::attestationTask);

  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;

  @LocalServerPort int port;

  @BeforeAll
  static void createAUserInTwoRoles(@Autowired IdentityService identityService) {
    if (identityService.createUserQuery().userId(BEA).count() == 0) {
      User user = identityService.newUser(BEA);
      user.setFirstName("Bea");
      user.setLastName("Both");
      user.setPassword(BEA_PASSWORD);
      user.setEmail(BEA + "@example.com");
      identityService.saveUser(user);
      identityService.createMembership(BEA, Groups.DATA_SCIENTISTS);
      identityService.createMembership(BEA, Groups.VALIDATORS);
    }
  }

  @Test
  void validatorReviewsTheEvidenceAndApprovesInTasklist(Browser browser) {
    // given: CI registers a MEDIUM-risk version, which needs one review by a validator
    String model = newModel("fraud-detector");
    String instance = register(ApiClient.as(port, "ci-bot"), model, "1.0.0");
    String taskId = awaitReviewTask(instance, "victor", "victor");

    // when: victor opens it from "My group tasks"
    Tasklist tasklist =
        new Tasklist(browser, port).login("victor", "victor").openFilter(MY_GROUP_TASKS);
    assertThat(tasklist.taskInList(taskId).getText()).isEqualTo(REVIEW_TASK);
    tasklist.openTask(taskId);

    // then: the form shows what is reviewed, who registered it and the validation checks
    assertThat(Browser.value(tasklist.field("Field_ModelName"))).isEqualTo(model);
    assertThat(Browser.value(tasklist.field("Field_ModelVersion"))).isEqualTo("1.0.0");
    assertThat(Browser.value(tasklist.field("Field_RegisteredBy"))).isEqualTo("ci-bot");
    assertThat(Browser.value(tasklist.field("Field_RiskTier"))).isEqualTo("MEDIUM");
    assertThat(Browser.value(tasklist.field("Field_ReviewStep"))).contains(Groups.VALIDATORS);
    assertThat(Browser.value(tasklist.field("Field_ValidationSummary")))
        .contains("PASS", "documentation", "metric:auc", "fairness:gender");

    // when: victor claims it, approves with a comment and completes
    tasklist
        .claimIfNeeded()
        .choose("Field_ReviewDecision", "Approve")
        .type("Field_ReviewComment", "Evidence is sufficient for the intended use.")
        .scrollTo("Field_ModelName");
    browser.screenshot("review-form");
    tasklist.complete().awaitTaskClosed(taskId);

    // then
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(version(model, "1.0.0").path("status").asText()).isEqualTo("APPROVED"));
    JsonNode approval = version(model, "1.0.0").path("approvals").get(0);
    assertThat(approval.path("decidedBy").asText()).isEqualTo("victor");
    assertThat(approval.path("decision").asText()).isEqualTo("APPROVE");
    assertThat(approval.path("comment").asText())
        .isEqualTo("Evidence is sufficient for the intended use.");
  }

  @Test
  void registrantCannotCompleteTheReviewOfTheirOwnVersion(Browser browser) {
    // given: bea registers a version and, as a validator, sees its review
    String model = newModel();
    String instance = register(ApiClient.as(port, BEA, BEA_PASSWORD), model, "1.0.0");
    String taskId = awaitReviewTask(instance, BEA, BEA_PASSWORD);

    // when: bea claims it in Tasklist, to approve it
    Tasklist tasklist =
        new Tasklist(browser, port)
            .login(BEA, BEA_PASSWORD)
            .openFilter(MY_GROUP_TASKS)
            .openTask(taskId)
            .pressClaim();

    // then: Tasklist shows the reason, and the review stays open and nobody's
    assertThat(tasklist.errorNotification())
        .contains("Segregation of duties", BEA + " registered " + model + ":1.0.0");
    assertThat(
            ApiClient.as(port, "victor")
                .get("/engine-rest/task/" + taskId)
                .json()
                .path("assignee")
                .isNull())
        .isTrue();
    assertThat(ApiClient.as(port, "victor").get("/engine-rest/task/" + taskId).status())
        .isEqualTo(200);
    assertThat(version(model, "1.0.0").path("status").asText()).isEqualTo("IN_REVIEW");
  }

  @Test
  void formRefusesARejectionWithoutAComment(Browser browser) {
    // given
    String model = newModel();
    String instance = register(ApiClient.as(port, "ci-bot"), model, "1.0.0");
    String taskId = awaitReviewTask(instance, "victor", "victor");

    // when: victor rejects without writing a comment
    Tasklist tasklist =
        new Tasklist(browser, port)
            .login("victor", "victor")
            .openFilter(MY_GROUP_TASKS)
            .openTask(taskId)
            .claimIfNeeded()
            .choose("Field_ReviewDecision", "Reject")
            .complete();

    // then: the form asks for the comment and nothing is submitted
    assertThat(tasklist.validationMessage("Field_ReviewComment")).isEqualTo("Field is required.");
    Response task = ApiClient.as(port, "victor").get("/engine-rest/task/" + taskId);
    assertThat(task.status()).isEqualTo(200);
    assertThat(task.json().path("assignee").asText()).isEqualTo("victor");
    assertThat(version(model, "1.0.0").path("status").asText()).isEqualTo("IN_REVIEW");
  }

  @Test
  void triageOffersNoRollbackForAFirstProductionVersion(Browser browser) {
    // given the first production version of a model breaches a metric limit: triage
    FormTask task = triageTask();

    // when ml-ops open the triage form
    List<String> labels =
        new Tasklist(browser, port)
            .login(task.user(), task.password())
            .openFilter(task.filter())
            .openTask(task.taskId())
            .labels();

    // then the decision offers what can be done, and no rollback
    assertThat(labels)
        .contains("Decision", "Retrain the model", "Accept the alert for a while")
        .doesNotContain("Roll back to the previous version");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void everyFormRendersTheLabelsOfItsFields(Path formFile, Browser browser) throws IOException {
    JsonNode form = JSON.readTree(formFile.toFile());
    String formId = form.path("id").asText();
    Function<TasklistBrowserIT, FormTask> taskFactory = tasksByForm.get(formId);
    if (taskFactory == null) {
      fail(
          "No task is known that uses form '%s' (%s): add one to tasksByForm in %s",
          formId, formFile, getClass().getSimpleName());
    }
    FormTask task = taskFactory.apply(this);

    List<String> labels =
        new Tasklist(browser, port)
            .login(task.user(), task.password())
            .openFilter(task.filter())
            .openTask(task.taskId())
            .labels();

    assertThat(labels).containsAll(componentLabels(form.path("components")));
  }

  static Stream<Arguments> forms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      return files
          .filter(f -> f.toString().endsWith(".form"))
          .sorted()
          .map(f -> Arguments.of(Named.of(f.getFileName().toString(), f)))
          .toList()
          .stream();
    }
  }

  /** Labels of all components with one, including those nested in groups. */
  private static List<String> componentLabels(JsonNode components) {
    List<String> labels = new ArrayList<>();
    for (JsonNode component : components) {
      if (component.hasNonNull("label") && !component.path("label").asText().isBlank()) {
        labels.add(component.path("label").asText());
      }
      if (component.has("components")) {
        labels.addAll(componentLabels(component.path("components")));
      }
    }
    return labels;
  }

  /** An open task, who may work on it, and the filter that lists it. */
  record FormTask(String taskId, String user, String password, String filter) {}

  private FormTask reviewTaskFor(String user, String password) {
    String instance = register(ApiClient.as(port, "ci-bot"), newModel(), "1.0.0");
    return new FormTask(awaitReviewTask(instance, user, password), user, password, MY_GROUP_TASKS);
  }

  /**
   * The review form shows the version's evidence, its attachments and findings as text, and the
   * orchestrator's links to the report and the download.
   */
  @Test
  void reviewFormShowsAttachmentsAndFindingsWithTheirLinks(Browser browser) throws Exception {
    // given: dana registers a HIGH-risk version with a documentation attachment; victor raises a
    // finding whose title is HTML and approves with conditions; the model-risk review follows
    String model = newModel("evidence");
    Response registered =
        ApiClient.as(port, "dana")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0", "HIGH"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    String review = awaitReviewTask(instance, "victor", "victor");
    upload(model, "dana", "model-card.md", "# Model card\n");
    assertThat(
            ApiClient.as(port, "victor")
                .post("/engine-rest/task/" + review + "/claim", Map.of("userId", "victor"))
                .status())
        .isEqualTo(204);
    Response raised =
        ApiClient.as(port, "victor")
            .post(
                "/api/models/" + model + "/versions/1.0.0/findings",
                Map.of(
                    "title", "<img src=x onerror=alert(1)> calibration",
                    "description", "Found in the memo",
                    "severity", "MEDIUM"));
    assertThat(raised.status()).as(raised.body()).isEqualTo(201);
    Response conditional =
        ApiClient.as(port, "victor")
            .post(
                "/engine-rest/task/" + review + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        "reviewDecision", Map.of("value", "APPROVE_WITH_CONDITIONS"),
                        "reviewComment", Map.of("value", "Calibration to be shown"))));
    assertThat(conditional.status()).as(conditional.body()).isEqualTo(204);
    String riskReview = awaitReviewTask(instance, "rita", "rita");

    // when: rita opens her review
    Tasklist tasklist =
        new Tasklist(browser, port).login("rita", "rita").openFilter(MY_GROUP_TASKS);
    tasklist.openTask(riskReview);

    // then: attachments and findings are listed, as text, with the links of the orchestrator
    WebElement evidence =
        browser.until(
            d ->
                d
                    .findElements(
                        org.openqa.selenium.By.cssSelector(
                            "[cam-tasklist-task] form.fjs-form .fjs-form-field-text"))
                    .stream()
                    .filter(e -> e.getText().contains("Open the full model report"))
                    .findFirst()
                    .orElse(null));
    assertThat(evidence.getText())
        .contains(
            "MODEL_DOCUMENTATION", "model-card.md", "<img src=x onerror=alert(1)> calibration")
        .contains("MEDIUM", "OPEN", "dana");
    assertThat(evidence.findElements(org.openqa.selenium.By.tagName("img"))).isEmpty();
    List<String> links =
        evidence.findElements(org.openqa.selenium.By.tagName("a")).stream()
            .map(a -> a.getAttribute("href"))
            .toList();
    assertThat(links)
        .hasSize(2)
        .allMatch(
            href -> href.startsWith("http://localhost:" + port + "/dashboard/models/" + model));
    browser.screenshot("review-form-evidence");
  }

  /**
   * The review form of a version with a champion: the signature change against the version in
   * production and the metrics against their gates, above the decision.
   */
  @Test
  void reviewFormShowsTheSignatureChangeAndTheMetricGates(Browser browser) {
    // given: 1.0.0 is in production; 1.1.0 (MEDIUM) drops an input, adds one and retypes one
    String model = newModel("champion");
    io.modelops.orchestrator.support.ModelReleases releases =
        new io.modelops.orchestrator.support.ModelReleases(port, managementService);
    releases.toProduction(
        model, io.modelops.orchestrator.support.ModelReleases.registration(model, "1.0.0"));
    com.fasterxml.jackson.databind.node.ObjectNode next = Registrations.example("1.1.0", "MEDIUM");
    com.fasterxml.jackson.databind.node.ArrayNode inputs =
        ((com.fasterxml.jackson.databind.node.ObjectNode) next.path("signature"))
            .putArray("inputs");
    inputs.addObject().put("name", "amount").put("type", "double");
    inputs.addObject().put("name", "card_age_days").put("type", "double");
    inputs.addObject().put("name", "device_score").put("type", "double");
    String instance = register(ApiClient.as(port, "ci-bot"), model, next);
    String taskId = awaitReviewTask(instance, "victor", "victor");

    // when: victor opens the review
    Tasklist tasklist =
        new Tasklist(browser, port).login("victor", "victor").openFilter(MY_GROUP_TASKS);
    tasklist.openTask(taskId);

    // then: the signature change and the metric gates are part of the evidence
    WebElement evidence = evidence(browser);
    assertThat(evidence.getText())
        .contains("Signature against the champion", "Against champion 1.0.0 (in production)")
        .contains("input removed merchant_category string")
        .contains("input type changed card_age_days long double")
        .contains("input added device_score double")
        .contains("Metrics against the gates", "Declared by the registrant")
        .contains("Check Result Gate Observed", "metric:auc PASS", "0.91 (declared")
        .contains("champion:auc PASS");
    browser.script(
        "arguments[0].scrollIntoView({block: 'start'});",
        evidence.findElement(org.openqa.selenium.By.xpath(".//p[starts-with(., 'Lineage:')]")));
    browser.screenshot("review-form");
  }

  /** A validator accepts a remediation in "Verify remediation": the finding closes. */
  @Test
  void validatorClosesAFindingInTasklist(Browser browser) {
    // given: victor raised a finding on a version in review and dana submitted its remediation
    FormTask verify = findingTask("vera", MY_GROUP_TASKS);
    String findingId =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(
                taskService
                    .createTaskQuery()
                    .taskId(verify.taskId())
                    .singleResult()
                    .getProcessInstanceId())
            .singleResult()
            .getBusinessKey();

    // when: vera opens "Verify remediation", closes the finding with a comment and completes
    Tasklist tasklist =
        new Tasklist(browser, port).login("vera", "vera").openFilter(MY_GROUP_TASKS);
    tasklist
        .openTask(verify.taskId())
        .claimIfNeeded()
        .choose("Field_Verdict", "Close (remediation accepted)")
        .type("Field_VerdictComment", "Recalibrated; the memo shows it.")
        .complete()
        .awaitTaskClosed(verify.taskId());

    // then: the finding is closed, by vera, in the audit chain
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(finding(findingId).path("status").asText()).isEqualTo("CLOSED"));
    JsonNode closed =
        ApiClient.as(port, "rita")
            .get(
                "/api/audit?action=FINDING_CLOSED&model="
                    + finding(findingId).path("model").asText())
            .json()
            .path("items");
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).path("actor").asText()).isEqualTo("vera");
    assertThat(closed.get(0).path("details").path("findingId").asText()).isEqualTo(findingId);
    assertThat(closed.get(0).path("details").path("comment").asText())
        .isEqualTo("Recalibrated; the memo shows it.");
  }

  private JsonNode finding(String id) {
    Response response = ApiClient.as(port, "victor").get("/api/findings/" + id);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** The text component of the review form that holds the evidence. */
  private static WebElement evidence(Browser browser) {
    return browser.until(
        "the evidence is shown",
        d ->
            d
                .findElements(
                    org.openqa.selenium.By.cssSelector(
                        "[cam-tasklist-task] form.fjs-form .fjs-form-field-text"))
                .stream()
                .filter(e -> e.getText().contains("Open the full model report"))
                .findFirst()
                .orElse(null));
  }

  /** A finding raised on a fresh version; its remediation or verification task for the user. */
  private FormTask findingTask(String user, String filter) {
    String model = newModel("finding");
    Response registered =
        ApiClient.as(port, "dana")
            .post("/api/models/" + model + "/versions", Registrations.example("1.0.0", "MEDIUM"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    String instance = registered.json().path("processInstanceId").asText();
    String review = awaitReviewTask(instance, "victor", "victor");
    ApiClient.as(port, "victor")
        .post("/engine-rest/task/" + review + "/claim", Map.of("userId", "victor"));
    Response raised =
        ApiClient.as(port, "victor")
            .post(
                "/api/models/" + model + "/versions/1.0.0/findings",
                Map.of("title", "Calibration", "description", "d", "severity", "LOW"));
    assertThat(raised.status()).as(raised.body()).isEqualTo(201);
    String id = raised.json().path("id").asText();
    if (!"dana".equals(user)) {
      ApiClient.as(port, "dana")
          .post("/api/findings/" + id + "/remediation", Map.of("remediation", "Done"));
    }
    return new FormTask(awaitReviewTaskOf(id, user), user, user, filter);
  }

  /** The open task of a finding's remediation, once the user can see it. */
  private String awaitReviewTaskOf(String findingId, String user) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              org.camunda.bpm.engine.task.Task task =
                  taskService
                      .createTaskQuery()
                      .processInstanceBusinessKey(findingId)
                      .singleResult();
              return task != null
                      && ApiClient.as(port, user).get("/engine-rest/task/" + task.getId()).status()
                          == 200
                  ? task.getId()
                  : null;
            },
            Objects::nonNull);
  }

  private void upload(String model, String user, String fileName, String content) throws Exception {
    String boundary = "b" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nMODEL_DOCUMENTATION\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: text/markdown\r\n\r\n"
            + content
            + "\r\n--"
            + boundary
            + "--\r\n";
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:"
                                + port
                                + "/api/models/"
                                + model
                                + "/versions/1.0.0/attachments"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString((user + ":" + user).getBytes()))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  /** A MEDIUM-risk version approved by a validator waits for ml-ops' release approval. */
  private FormTask releaseTask() {
    return releaseTask(register(ApiClient.as(port, "ci-bot"), newModel(), "1.0.0"));
  }

  private FormTask releaseTask(String instance) {
    String review = awaitReviewTask(instance, "victor", "victor");
    Response approved =
        ApiClient.as(port, "victor")
            .post(
                "/engine-rest/task/" + review + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        "reviewDecision", Map.of("value", "APPROVE"),
                        "reviewComment", Map.of("value", "fine"))));
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
    return new FormTask(
        awaitReviewTask(instance, "oscar", "oscar"), "oscar", "oscar", MY_GROUP_TASKS);
  }

  /** A LOW-risk version in production whose revalidation is due: a validator revalidates it. */
  private FormTask revalidationTask() {
    String model = newModel();
    io.modelops.orchestrator.support.ModelReleases releases =
        new io.modelops.orchestrator.support.ModelReleases(port, managementService);
    releases.toProduction(
        model, io.modelops.orchestrator.support.ModelReleases.registration(model, "1.0.0"));
    String instance = releases.version(model, "1.0.0").path("processInstanceId").asText();
    io.modelops.orchestrator.support.TestJobs.makeDue(
        managementService, instance, ModelLifecycle.TIMER_REVALIDATION_DUE);
    return new FormTask(awaitReviewTask(instance, "vera", "vera"), "vera", "vera", MY_GROUP_TASKS);
  }

  /** A MEDIUM-risk version dana registered, in production, whose owner attestation is due. */
  private FormTask attestationTask() {
    String model = newModel();
    String instance = register(ApiClient.as(port, "dana"), model, "1.0.0");
    FormTask release = releaseTask(instance);
    Response released =
        ApiClient.as(port, "oscar")
            .post(
                "/engine-rest/task/" + release.taskId() + "/complete",
                Map.of(
                    "variables",
                    Map.of(
                        "releaseDecision", Map.of("value", "APPROVE"),
                        "releaseComment", Map.of("value", "ready"))));
    assertThat(released.status()).as(released.body()).isEqualTo(204);
    io.modelops.orchestrator.support.ModelReleases releases =
        new io.modelops.orchestrator.support.ModelReleases(port, managementService);
    releases.awaitStage(model, "1.0.0", "CANARY");
    releases.postMetrics(model, "1.0.0", 0.01, 120, 6);
    releases.makeDue(model, "1.0.0", ModelLifecycle.TIMER_CANARY_WINDOW);
    releases.awaitStatus(model, "1.0.0", "IN_PRODUCTION");
    io.modelops.orchestrator.support.TestJobs.makeDue(
        managementService, instance, ModelLifecycle.TIMER_ATTESTATION_DUE);
    return new FormTask(awaitReviewTask(instance, "dana", "dana"), "dana", "dana", "My tasks");
  }

  /** A LOW-risk canary without any metrics: the analysis is inconclusive and ml-ops decide. */
  private FormTask canaryDecisionTask() {
    Response response =
        ApiClient.as(port, "ci-bot")
            .post("/api/models/" + newModel() + "/versions", Registrations.example("1.0.0", "LOW"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    String instance = response.json().path("processInstanceId").asText();
    io.modelops.orchestrator.support.TestJobs.makeDue(
        managementService, instance, "Event_CanaryWindowElapsed");
    return new FormTask(
        awaitReviewTask(instance, "oscar", "oscar"), "oscar", "oscar", MY_GROUP_TASKS);
  }

  /**
   * The first production version of a model whose error rate breaches its limit: with nothing to
   * roll back to, the health policy leaves it to ml-ops.
   */
  private FormTask triageTask() {
    String model = newModel();
    io.modelops.orchestrator.support.ModelReleases releases =
        new io.modelops.orchestrator.support.ModelReleases(port, managementService);
    releases.toProduction(
        model, io.modelops.orchestrator.support.ModelReleases.registration(model, "1.0.0"));
    releases.postMetrics(model, "1.0.0", 0.3, 120, 10);
    String instance = releases.version(model, "1.0.0").path("processInstanceId").asText();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                managementService
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId("Event_MonitoringIntervalElapsed")
                        .count()
                    == 1);
    releases.makeDue(model, "1.0.0", "Event_MonitoringIntervalElapsed");
    return new FormTask(
        awaitReviewTask(instance, "oscar", "oscar"), "oscar", "oscar", MY_GROUP_TASKS);
  }

  /** A MEDIUM model's next version declared LOW: model-risk decides whether the tier may drop. */
  private FormTask riskTierTask() {
    String model = newModel();
    register(ApiClient.as(port, "ci-bot"), model, "1.0.0");
    Response response =
        ApiClient.as(port, "ci-bot")
            .post("/api/models/" + model + "/versions", Registrations.example("1.1.0", "LOW"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    String instance = response.json().path("processInstanceId").asText();
    return new FormTask(awaitReviewTask(instance, "rita", "rita"), "rita", "rita", MY_GROUP_TASKS);
  }

  /** Registers the documented example as a MEDIUM-risk version; returns the lifecycle instance. */
  private String register(ApiClient client, String model, String version) {
    return register(client, model, Registrations.example(version, "MEDIUM"));
  }

  private String register(
      ApiClient client, String model, com.fasterxml.jackson.databind.node.ObjectNode body) {
    Response response = client.post("/api/models/" + model + "/versions", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private String awaitReviewTask(String instance, String user, String password) {
    ApiClient client = ApiClient.as(port, user, password);
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              Response response =
                  client.get("/engine-rest/task?maxResults=50&processInstanceId=" + instance);
              assertThat(response.status()).as(response.body()).isEqualTo(200);
              JsonNode tasks = response.json();
              return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
            },
            Objects::nonNull);
  }

  private JsonNode version(String model, String version) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/" + version).json();
  }

  private static String newModel() {
    return newModel("browser-model");
  }

  private static String newModel(String prefix) {
    return prefix + "-" + MODELS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }
}
