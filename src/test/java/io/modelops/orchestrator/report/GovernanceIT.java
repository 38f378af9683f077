package io.modelops.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.MonitoringScenario;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.Tasks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Governance views end to end: a HIGH-risk version is reviewed by a validator and model risk,
 * released by operations through a canary to production, replaced by a second version and restored
 * by a rollback; its report and the inventory must show all of it, to every authenticated user,
 * escaped.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String SCRIPT = "<script>alert('report')</script>";

  @LocalServerPort int port;
  @Autowired ManagementService managementService;

  private final long run = System.nanoTime() % 1_000_000;
  private final String model = "governance-model-" + run;
  private final String owner = "governance-team-" + run;

  /** Models with open reviews: one past its deadline, one not; owned by a hostile-looking owner. */
  private final String overdueModel = "governance-overdue-" + run;

  private final String freshModel = "governance-fresh-" + run;
  private final String reviewOwner = "=1+1 <b>review desk</b> " + run;
  private String overdueTask;
  private String freshTask;

  @BeforeAll
  void reviewReleaseReplaceAndRollBack() {
    // a HIGH-risk version, reviewed by a validator and then by model risk
    ObjectNode first =
        Registrations.example("1.0.0")
            .put("owner", owner)
            .put("description", "Scores card transactions. " + SCRIPT)
            .put("artifactUri", "s3://models/" + model + "/1.0.0/model.pkl");
    String instance = register(first);
    complete("victor", awaitTask(instance, "victor"), review("APPROVE", "Evidence is sufficient"));
    complete("rita", awaitTask(instance, "rita"), review("APPROVE", "Risk accepted"));
    // operations approve the production release
    complete(
        "oscar",
        awaitTask(instance, "oscar"),
        Map.of(
            "releaseDecision", Map.of("value", "APPROVE"),
            "releaseComment", Map.of("value", "Staging checked")));
    releaseThroughCanary("1.0.0");

    // a LOW-risk successor (model risk agrees to lower the tier) replaces it, then operations
    // roll back to it
    String successor =
        register(
            Registrations.example("1.1.0", "LOW")
                .put("owner", owner)
                .put("artifactUri", "s3://models/" + model + "/1.1.0/model.pkl"));
    complete(
        "rita",
        awaitTask(successor, "rita"),
        Map.of(
            "riskTierDecision", Map.of("value", "LOWER"),
            "riskTierComment", Map.of("value", "Scope reduced to internal reporting")));
    releaseThroughCanary("1.1.0");
    awaitStatus("1.0.0", "RETIRED");
    Response rollback =
        ApiClient.as(port, "oscar")
            .post("/api/models/" + model + "/rollback", Map.of("reason", "Declines up 30 %"));
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
    awaitStatus("1.1.0", "ROLLED_BACK");
    awaitStatus("1.0.0", "IN_PRODUCTION");

    // two MEDIUM-risk versions wait for validators; one review passes its deadline
    String overdue =
        register(overdueModel, Registrations.example("1.0.0", "MEDIUM").put("owner", reviewOwner));
    String fresh =
        register(freshModel, Registrations.example("1.0.0", "MEDIUM").put("owner", reviewOwner));
    overdueTask = awaitTask(overdue, "victor");
    freshTask = awaitTask(fresh, "victor");
    makeDue(overdue, ModelLifecycle.TIMER_REVIEW_OVERDUE);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                managementService
                        .createJobQuery()
                        .processInstanceId(overdue)
                        .activityId(ModelLifecycle.TIMER_REVIEW_OVERDUE)
                        .count()
                    == 0);
  }

  @Test
  void shouldReportTheEvidenceOfAVersionAsJsonToAnyAuthenticatedUser() {
    // when: a data scientist, neither reviewer nor operator, reads the report
    Response response = ApiClient.as(port, "dana").get(report("1.0.0"));

    // then
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode report = response.json();
    assertThat(report.path("generatedBy").asText()).isEqualTo("dana");
    assertThat(report.path("status").asText()).isEqualTo("IN_PRODUCTION");

    JsonNode card = report.path("modelCard");
    assertThat(card.path("description").asText()).contains(SCRIPT);
    assertThat(card.path("owner").asText()).isEqualTo(owner);
    assertThat(card.path("ownerEmail").asText()).isEqualTo("fraud-analytics@example.com");
    assertThat(card.path("riskTier").asText()).isEqualTo("HIGH");
    assertThat(card.path("modelType").asText()).isEqualTo("ML");
    assertThat(card.path("intendedUse").asText()).isNotBlank();
    assertThat(card.path("limitations").asText()).isNotBlank();
    assertThat(card.path("modelCardUri").asText()).startsWith("https://");
    assertThat(report.path("lineage").path("sourceCommit").asText()).hasSize(40);
    assertThat(report.path("lineage").path("runId").asText()).isEqualTo("mlflow-run-5f2a");

    JsonNode checks = report.path("validation").path("checks");
    assertThat(checks.findValuesAsText("name"))
        .contains("documentation", "declared-metrics", "metric:auc", "fairness:gender");
    assertThat(checks.findValuesAsText("status")).doesNotContain("FAIL");
    assertThat(checks.get(0).has("message")).isTrue();

    JsonNode approvals = report.path("approvals");
    assertThat(approvals.findValuesAsText("decidedBy")).containsExactly("victor", "rita", "oscar");
    assertThat(approvals.findValuesAsText("reviewGroup"))
        .containsExactly(Groups.VALIDATORS, Groups.RISK, Groups.OPS);
    assertThat(approvals.findValuesAsText("comment"))
        .containsExactly("Evidence is sufficient", "Risk accepted", "Staging checked");
    assertThat(approvals.findValuesAsText("decidedAt")).allSatisfy(t -> assertThat(t).isNotBlank());
    assertThat(approvals.get(0).path("evidenceHash").asText()).hasSize(64);
    assertThat(approvals.get(1).path("evidenceHash").asText()).hasSize(64);
    // the release approval is bound to the evidence and the reviews it relied on
    assertThat(approvals.get(2).path("evidenceHash").asText()).matches("[0-9a-f]{64}");
    assertThat(approvals.get(2).path("evidenceHash").asText())
        .isNotEqualTo(approvals.get(1).path("evidenceHash").asText());

    JsonNode stages = report.path("stageHistory");
    assertThat(stages.findValuesAsText("action"))
        .containsExactly("DEPLOY", "DEPLOY", "PROMOTE", "RETIRE", "RESTORE");
    assertThat(stages.findValuesAsText("stage"))
        .containsExactly("STAGING", "CANARY", "PRODUCTION", "PRODUCTION", "PRODUCTION");
    assertThat(stages.findValuesAsText("version")).containsOnly("1.0.0");
    assertThat(stages.findValuesAsText("actor"))
        .containsExactly("system", "system", "system", "system", "oscar");
    assertThat(stages.findValuesAsText("occurredAt")).allSatisfy(t -> assertThat(t).isNotBlank());

    assertThat(report.path("lifecycleInstances")).as("original and restored lifecycle").hasSize(2);
    // only the orchestrator starts lifecycles; the registrant is in the catalog and the audit
    assertThat(report.path("lifecycleInstances").findValuesAsText("startedBy"))
        .containsOnly("system");
    JsonNode activities = report.path("activities");
    assertThat(decidedBy(activities, ModelLifecycle.TASK_REVIEW)).containsExactly("victor", "rita");
    assertThat(decidedBy(activities, ModelLifecycle.TASK_APPROVE_RELEASE)).containsExactly("oscar");
    assertThat(activities.findValuesAsText("activityId"))
        .contains(
            ModelLifecycle.TASK_VALIDATE,
            ModelLifecycle.TASK_PROMOTE,
            ModelLifecycle.START_RESTORED);
    assertThat(report.path("incidents").isArray()).isTrue();

    JsonNode monitoring = report.path("monitoring");
    assertThat(monitoring.path("metricPoints").asLong()).isEqualTo(12);
    assertThat(monitoring.path("latestObservedAt").asText()).isNotBlank();
    assertThat(monitoring.path("metrics").findValuesAsText("name"))
        .containsExactly("error_rate", "latency_p95_ms");

    JsonNode compliance = report.path("compliance");
    assertThat(compliance.findValuesAsText("id"))
        .containsExactly(
            "sr11-7.model-inventory",
            "sr11-7.development-documentation",
            "sr11-7.independent-validation",
            "sr11-7.ongoing-monitoring",
            "sr11-7.change-control",
            "eu-ai-act.art-12",
            "eu-ai-act.art-14",
            "eu-ai-act.art-19");
    assertThat(compliance.findValuesAsText("status")).containsOnly("PRESENT");
    assertThat(requirement(compliance, "sr11-7.independent-validation").path("evidence").asText())
        .contains("2 reviews by reviewers other than the registrant ci-bot", "victor", "rita");
    assertThat(requirement(compliance, "sr11-7.change-control").path("evidence").asText())
        .contains("production release approved by oscar");
    assertThat(requirement(compliance, "eu-ai-act.art-14").path("evidence").asText())
        .contains("RESTORE by oscar");
    assertThat(requirement(compliance, "eu-ai-act.art-19").path("evidence").asText())
        .contains("365 days");
  }

  @Test
  void shouldReportTheRollbackOnTheRolledBackVersion() {
    JsonNode report = ApiClient.as(port, "ci-bot").get(report("1.1.0")).json();

    assertThat(report.path("status").asText()).isEqualTo("ROLLED_BACK");
    assertThat(report.path("stageHistory").findValuesAsText("action")).endsWith("ROLLBACK");
    // model risk lowered its tier, then the policy approved it without review
    assertThat(report.path("approvals").findValuesAsText("decidedBy"))
        .containsExactly("rita", "approval-policy");
    assertThat(report.path("approvals").findValuesAsText("step"))
        .containsExactly("Task_DecideRiskTier", "Task_RecordAutomaticApproval");
    JsonNode compliance = report.path("compliance");
    assertThat(requirement(compliance, "eu-ai-act.art-14").path("evidence").asText())
        .contains("ROLLBACK by oscar", "Declines up 30 %");
    assertThat(requirement(compliance, "sr11-7.independent-validation").path("status").asText())
        .isEqualTo("PARTIAL");
  }

  @Test
  void shouldPrintTheSameFactsAsHtmlWithUserContentEscaped() {
    // when: a browser asks, and a client asks with ?format=html
    Response page = ApiClient.as(port, "vera").get(report("1.0.0"), Map.of("Accept", BROWSER));
    Response byParameter = ApiClient.as(port, "vera").get(report("1.0.0") + "?format=html");
    Response forDashboardReaders =
        ApiClient.as(port, "vera")
            .get(
                "/dashboard/models/" + model + "/versions/1.0.0/report", Map.of("Accept", BROWSER));

    // then
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(byParameter.status()).isEqualTo(200);
    assertThat(byParameter.header("Content-Type")).startsWith("text/html");
    assertThat(forDashboardReaders.status()).isEqualTo(200);
    assertThat(forDashboardReaders.header("Content-Type")).startsWith("text/html");
    assertThat(forDashboardReaders.header("Content-Security-Policy"))
        .contains("default-src 'none'");
    assertThat(forDashboardReaders.body()).contains("Model report: " + model + " 1.0.0");
    String html = page.body();
    assertThat(html)
        .contains("Model report: " + model + " 1.0.0", owner, "fraud-analytics@example.com")
        .contains("&lt;script&gt;alert(&#39;report&#39;)&lt;/script&gt;")
        .doesNotContain("<script")
        .contains("metric:auc", "fairness:gender", "Evidence is sufficient", "Risk accepted")
        .contains(">victor<", ">rita<", ">oscar<", ">RESTORE<", ">PROMOTE<")
        .contains("Model inventory", "Independent validation and effective challenge")
        .contains("Art. 12 Record-keeping", "Art. 14 Human oversight", "Art. 19")
        .contains(
            "Monitoring",
            "12 metric points",
            "no reference profile registered, so no drift statistics")
        .contains("/camunda/app/cockpit/default/#/process-instance/");
    assertThat(html.split("class=\"PRESENT\"", -1)).hasSize(9);
  }

  @Test
  void shouldShowStepNamesChartsAndAnnexIvInTheReportPage() {
    String html =
        ApiClient.as(port, "dana")
            .get("/dashboard/models/" + model + "/versions/1.0.0/report", Map.of("Accept", BROWSER))
            .body();

    String activities =
        html.substring(
            html.indexOf("<h3>Activities</h3>"), html.indexOf("<section id=\"monitoring\">"));
    assertThat(activities)
        .contains("<td>Review model version</td>", "<td>Approve production release</td>")
        .doesNotContain("Task_", "Gateway_", "#multiInstanceBody", "exclusiveGateway");
    assertThat(section(html, "decisions"))
        .contains("<td>Review model version</td>")
        .doesNotContain("Task_ReviewModelVersion");
    assertThat(html).doesNotContain(" 1 health evaluations", " 1 metric points");
    String monitoring = section(html, "monitoring");
    assertThat(monitoring)
        .contains("<svg ", "data-series=\"error_rate\"", "data-series=\"max 0.05\"");
    assertThat(monitoring).contains("No reference profile registered.");
    String annex = section(html, "annex-iv");
    assertThat(annex.split("<tr id=\"annex-iv\\.", -1)).hasSize(17);
    assertThat(annex).contains("href=\"#validation\"", "class=\"annex MISSING\"");
  }

  @Test
  void shouldRecordTheHashOfEveryDownloadedPdfInTheAuditChain() throws Exception {
    // when
    HttpResponse<byte[]> pdf =
        download("vera", "/dashboard/models/" + model + "/versions/1.0.0/report.pdf");

    // then
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    String sha256 =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pdf.body()));
    assertThat(pdf.headers().firstValue("X-Content-SHA256")).hasValue(sha256);
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
      assertThat(text)
          .contains("Model report: " + model + " 1.0.0", "Model card", "Validation evidence")
          .contains("Reviews and decisions", "Stage history", "Monitoring")
          .contains("Regulatory mapping: SR 11-7 and EU AI Act")
          .contains("EU AI Act Annex IV: technical documentation", "EU declaration of conformity")
          .contains(SCRIPT);
    }
    JsonNode entries =
        ApiClient.as(port, "rita")
            .get("/api/audit?action=REPORT_PDF_GENERATED&model=" + model + "&version=1.0.0")
            .json()
            .path("items");
    assertThat(entries.findValuesAsText("actor")).contains("vera");
    assertThat(
            entries.findValues("details").stream()
                .map(d -> d.isTextual() ? d.asText() : d.toString()))
        .anySatisfy(d -> assertThat(d).contains(sha256));
  }

  @Test
  void shouldServeThePdfOnlyToSignedInUsersAndRefuseOddNames() throws Exception {
    for (String user : List.of("admin", "dana", "victor", "rita", "oscar", "ci-bot", "monty")) {
      assertThat(
              download(user, "/dashboard/models/" + model + "/versions/1.0.0/report.pdf")
                  .statusCode())
          .as(user)
          .isEqualTo(200);
    }
    HttpResponse<byte[]> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + port
                                + "/dashboard/models/"
                                + model
                                + "/versions/1.0.0/report.pdf"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    for (String odd : List.of("..%2F..%2Fetc", "x%00y", "a".repeat(5000), "%3Cscript%3E")) {
      int status =
          download("dana", "/dashboard/models/" + odd + "/versions/1.0.0/report.pdf").statusCode();
      assertThat(status).as(odd.length() > 50 ? "very long" : odd).isBetween(400, 404);
    }
    assertThat(
            download("dana", "/dashboard/models/" + model + "/versions/9.9.9/report.pdf")
                .statusCode())
        .isEqualTo(404);
    Response css = ApiClient.anonymous(port).get("/css/modelops.css");
    assertThat(css.status()).isEqualTo(200);
    Response signIn = ApiClient.anonymous(port).get("/login");
    assertThat(signIn.header("Content-Security-Policy"))
        .contains("default-src 'none'", "style-src 'self'");
    assertThat(signIn.body()).contains("/css/modelops.css").doesNotContain("<style");
  }

  private HttpResponse<byte[]> download(String user, String path) throws Exception {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void shouldRefuseAnonymousReadersAndAnswer404ForUnknownVersions() {
    Response anonymous = ApiClient.anonymous(port).get(report("1.0.0"));
    Response unknown = ApiClient.as(port, "dana").get(report("9.9.9"));
    Response badFormat = ApiClient.as(port, "dana").get(report("1.0.0") + "?format=pdf");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(badFormat.status()).isEqualTo(400);
  }

  @Test
  void shouldAskForCredentialsBeforeShowingTheDashboard() {
    Response dashboard = ApiClient.anonymous(port).get("/dashboard", Map.of("Accept", BROWSER));
    Response csv = ApiClient.anonymous(port).get("/dashboard/inventory.csv");
    Response wrongPassword = ApiClient.as(port, "nobody", "wrong").get("/dashboard");

    // a browser is sent to the sign-in page, never asked for Basic credentials
    assertThat(dashboard.status()).isEqualTo(302);
    assertThat(dashboard.header("Location")).endsWith("/login");
    assertThat(dashboard.header("WWW-Authenticate")).isNull();
    assertThat(dashboard.body()).doesNotContain(model);
    // a script is told how to authenticate
    assertThat(csv.status()).isEqualTo(401);
    assertThat(csv.header("WWW-Authenticate")).isEqualTo("Basic realm=\"ModelOps\"");
    assertThat(wrongPassword.status()).isEqualTo(401);
  }

  @Test
  void shouldShowModelsByStageWithApprovalsRollbacksAndLinks() {
    // when: operations open the dashboard
    Response response = ApiClient.as(port, "oscar").get("/dashboard", Map.of("Accept", BROWSER));

    // then
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/html");
    assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
    String html = response.body();
    assertThat(html)
        .doesNotContain("<b>review desk")
        .contains("=1+1 &lt;b&gt;review desk&lt;/b&gt;");
    assertThat(row(section(html, "stage-production"), model, "1.0.0"))
        .contains("IN_PRODUCTION", "HIGH", owner);
    assertThat(row(section(html, "stage-other"), model, "1.1.0")).contains("ROLLED_BACK", "LOW");
    assertThat(section(html, "stage-in_review")).contains(overdueModel, freshModel);
    assertThat(html)
        .contains("/dashboard/models/" + model + "/versions/1.0.0/report?format=html")
        .contains("/camunda/app/cockpit/default/#/process-instance/");

    String pending = section(html, "pending");
    assertThat(pending)
        .contains("/camunda/app/tasklist/default/#/?task=" + overdueTask)
        .contains("/camunda/app/tasklist/default/#/?task=" + freshTask)
        .contains("model-validators");
    String freshRow = row(pending, freshModel, "1.0.0");
    assertThat(freshRow.split("UTC", -1)).as("created and deadline: " + freshRow).hasSize(3);
    assertThat(freshRow).doesNotContain("passed");
    String overdue = section(html, "overdue");
    assertThat(overdue).contains(overdueTask, overdueModel).doesNotContain(freshTask);

    String interventions = section(html, "interventions");
    assertThat(row(interventions, model, "1.1.0"))
        .contains("ROLLBACK", "oscar", "Declines up 30 %");
  }

  @Test
  void shouldShowOtherGroupsApprovalsOnlyAsCounts() {
    String validator = ApiClient.as(port, "vera").get("/dashboard").body();
    String dataScientist = ApiClient.as(port, "dana").get("/dashboard").body();

    assertThat(section(validator, "pending")).contains(overdueTask, freshTask);
    assertThat(section(dataScientist, "pending"))
        .doesNotContain(overdueTask, freshTask)
        .contains("Waiting for other groups", "model-validators");
    assertThat(section(dataScientist, "overdue"))
        .doesNotContain(overdueTask)
        .contains("more overdue for other groups");
    assertThat(dataScientist).contains(overdueModel, freshModel);
  }

  @Test
  void shouldFilterServerSide() {
    String production =
        ApiClient.as(port, "dana")
            .get("/dashboard?stage=PRODUCTION&owner=" + owner + "&riskTier=HIGH")
            .body();
    String review =
        ApiClient.as(port, "dana").get("/dashboard?owner=" + encode(reviewOwner)).body();

    assertThat(row(section(production, "stage-production"), model, "1.0.0")).isNotEmpty();
    assertThat(production).contains("Other (0)").doesNotContain(overdueModel);
    assertThat(review).contains(overdueModel, freshModel).doesNotContain(model + "<");
    assertThat(ApiClient.as(port, "dana").get("/dashboard?riskTier=EXTREME").status())
        .isEqualTo(400);
  }

  @Test
  void shouldExportOneCsvRowPerVersionMatchingTheCatalog() {
    // when
    Response all = ApiClient.as(port, "dana").get("/dashboard/inventory.csv");
    Response mine = ApiClient.as(port, "dana").get("/dashboard/inventory.csv?owner=" + owner);
    Response review =
        ApiClient.as(port, "dana").get("/dashboard/inventory.csv?owner=" + encode(reviewOwner));

    // then: one row per version of the catalog
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.header("Content-Type")).startsWith("text/csv");
    assertThat(all.header("Content-Disposition")).contains("attachment", "model-inventory.csv");
    List<String> lines = List.of(all.body().split("\r\n"));
    assertThat(lines.get(0))
        .isEqualTo(
            "model,version,risk_tier,model_type,owner,status,stage,registered_by,registered_at,"
                + "lifecycle_instance,declared_risk_tier,computed_risk_tier,revalidation_due_at,"
                + "revalidation_overdue,attestation_overdue");
    assertThat(lines).hasSize(1 + (int) versionsInCatalog());

    assertThat(List.of(mine.body().split("\r\n")))
        .hasSize(3)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        model + ",1.0.0,HIGH,ML," + owner + ",IN_PRODUCTION,PRODUCTION,ci-bot,"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(model + ",1.1.0,LOW,ML," + owner + ",ROLLED_BACK,RETIRED,ci-bot,"));
    // spreadsheets must not run the owner as a formula
    assertThat(List.of(review.body().split("\r\n")))
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).doesNotContain(",=1+1"))
        .anySatisfy(line -> assertThat(line).contains(",'=1+1 <b>review desk</b> " + run + ","));
  }

  /** The sum of the version counts of all models in GET /api/models. */
  private long versionsInCatalog() {
    long versions = 0;
    for (int page = 0; ; page++) {
      JsonNode items =
          ApiClient.as(port, "dana").get("/api/models?size=500&page=" + page).json().path("items");
      if (items.isEmpty()) {
        return versions;
      }
      for (JsonNode item : items) {
        versions += item.path("versionCount").asLong();
      }
    }
  }

  /** The HTML of a section of the page, by id. */
  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertThat(start).as("section " + id).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }

  /** The table row of a model version in a section, or "". */
  private static String row(String section, String model, String version) {
    for (String row : section.split("<tr")) {
      if (row.contains("<td>" + model + "</td>") && row.contains("<td>" + version + "</td>")) {
        return row;
      }
    }
    return "";
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private String report(String version) {
    return "/api/models/" + model + "/versions/" + version + "/report";
  }

  private static List<String> decidedBy(JsonNode activities, String activityId) {
    List<String> users = new ArrayList<>();
    for (JsonNode activity : activities) {
      if (activity.path("activityId").asText().equals(activityId)) {
        users.add(activity.path("completedBy").asText());
      }
    }
    return users;
  }

  private static JsonNode requirement(JsonNode compliance, String id) {
    return StreamSupport.stream(compliance.spliterator(), false)
        .filter(r -> r.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private String register(ObjectNode body) {
    return register(model, body);
  }

  private String register(String model, ObjectNode body) {
    Response response =
        ApiClient.as(port, "ci-bot").post("/api/models/" + model + "/versions", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("processInstanceId").asText();
  }

  private void releaseThroughCanary(String version) {
    awaitStage(version, "CANARY");
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      points.add(Map.of("name", "error_rate", "value", 0.01));
      points.add(Map.of("name", "latency_p95_ms", "value", 120 + i));
    }
    Response posted =
        ApiClient.as(port, MonitoringScenario.MONITOR)
            .post(
                "/api/models/" + model + "/versions/" + version + "/metrics",
                Map.of("points", points));
    assertThat(posted.status()).as(posted.body()).isEqualTo(202);
    makeDue(
        version(version).path("processInstanceId").asText(), ModelLifecycle.TIMER_CANARY_WINDOW);
    awaitStatus(version, "IN_PRODUCTION");
  }

  private String awaitTask(String instance, String user) {
    return Tasks.awaitTask(port, instance, user, TIMEOUT);
  }

  private void complete(String user, String taskId, Map<String, Object> variables) {
    Response response =
        ApiClient.as(port, user)
            .post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  private static Map<String, Object> review(String decision, String comment) {
    return Map.of(
        "reviewDecision", Map.of("value", decision), "reviewComment", Map.of("value", comment));
  }

  private void makeDue(String instance, String activityId) {
    io.modelops.orchestrator.support.TestJobs.makeDue(managementService, instance, activityId);
  }

  private JsonNode awaitStatus(String version, String status) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> version(version), v -> v.path("status").asText().equals(status));
  }

  private JsonNode awaitStage(String version, String stage) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> version(version), v -> v.path("stage").asText().equals(stage));
  }

  private JsonNode version(String version) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/" + version).json();
  }
}
