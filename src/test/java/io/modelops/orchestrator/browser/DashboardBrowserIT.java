package io.modelops.orchestrator.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestJobs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inventory dashboard in a real browser: the counts and versions of an owner's models, a filter
 * that narrows them, and the CSV export of what is shown.
 */
@BrowserTest
@IntegrationTest
class DashboardBrowserIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> CSV_HEADER =
      List.of(
          "model",
          "version",
          "risk_tier",
          "model_type",
          "owner",
          "status",
          "stage",
          "registered_by",
          "registered_at",
          "lifecycle_instance",
          "declared_risk_tier",
          "computed_risk_tier",
          "revalidation_due_at",
          "revalidation_overdue",
          "attestation_overdue");

  @Autowired ManagementService managementService;

  @LocalServerPort int port;

  @Test
  void riskOfficerFiltersTheInventoryAndExportsWhatIsShown(Browser browser) throws IOException {
    // given: an owner with four models in production, canary and review, of all risk tiers
    String suffix = String.valueOf(System.nanoTime() % 100_000);
    String owner = "retail-credit-" + suffix;
    String fraud = "fraud-detector-" + suffix;
    String demand = "demand-forecast-" + suffix;
    String churn = "churn-predictor-" + suffix;
    String credit = "credit-scoring-" + suffix;
    register(fraud, "1.0.0", "LOW", owner);
    register(demand, "1.0.0", "LOW", owner);
    register(churn, "1.0.0", "MEDIUM", owner);
    register(credit, "1.0.0", "HIGH", owner);
    register(credit, "1.1.0", "HIGH", owner);
    awaitVersion(fraud, "1.0.0", "stage", "CANARY");
    promoteHealthyCanary(fraud, "1.0.0");
    awaitVersion(fraud, "1.0.0", "status", "IN_PRODUCTION");
    awaitVersion(demand, "1.0.0", "stage", "CANARY");
    awaitVersion(churn, "1.0.0", "status", "IN_REVIEW");
    awaitVersion(credit, "1.0.0", "status", "IN_REVIEW");
    awaitVersion(credit, "1.1.0", "status", "IN_REVIEW");

    // when: rita (model risk) opens the dashboard
    browser.viewport(1280, 800);
    InventoryDashboard dashboard = new InventoryDashboard(browser, port).login("rita", "rita");

    // then: the whole inventory, the new versions among it, each version counted once
    List<InventoryDashboard.Row> all = dashboard.versions();
    assertThat(all)
        .extracting(r -> r.model() + ":" + r.version())
        .contains(
            fraud + ":1.0.0",
            demand + ":1.0.0",
            churn + ":1.0.0",
            credit + ":1.0.0",
            credit + ":1.1.0");
    Map<String, Long> summary = dashboard.summary();
    assertThat(summary.get("Versions")).isEqualTo(all.size());
    assertThat(summary.get("Models"))
        .isEqualTo(all.stream().map(InventoryDashboard.Row::model).distinct().count());

    // when: she filters by the owner
    dashboard.choose("Owner", owner).filter();

    // then: the owner's models, counted and listed by stage
    assertThat(browser.driver().getCurrentUrl()).contains("owner=" + owner);
    assertThat(dashboard.summary())
        .containsEntry("Models", 4L)
        .containsEntry("Versions", 5L)
        .containsEntry("Production", 1L)
        .containsEntry("Canary", 1L)
        .containsEntry("Staging", 0L)
        .containsEntry("In review", 3L)
        .containsEntry("Other", 0L);
    assertThat(dashboard.stageHeading("PRODUCTION")).isEqualTo("Production (1)");
    assertThat(dashboard.versionsIn("PRODUCTION"))
        .containsExactly(new InventoryDashboard.Row(fraud, "1.0.0", "LOW", owner, "IN_PRODUCTION"));
    assertThat(dashboard.versionsIn("CANARY"))
        .extracting(InventoryDashboard.Row::model)
        .containsExactly(demand);
    assertThat(dashboard.versionsIn("IN_REVIEW"))
        .extracting(r -> r.model() + ":" + r.version() + ":" + r.riskTier())
        .containsExactlyInAnyOrder(
            churn + ":1.0.0:MEDIUM", credit + ":1.0.0:HIGH", credit + ":1.1.0:HIGH");
    browser.screenshot("inventory");

    // when: she narrows it to HIGH risk
    dashboard.choose("Risk tier", "HIGH").filter();

    // then: only the HIGH-risk model is left
    assertThat(browser.driver().getCurrentUrl()).contains("riskTier=HIGH", "owner=" + owner);
    assertThat(dashboard.summary())
        .containsEntry("Models", 1L)
        .containsEntry("Versions", 2L)
        .containsEntry("Production", 0L)
        .containsEntry("Canary", 0L)
        .containsEntry("In review", 2L);
    assertThat(dashboard.versionsIn("PRODUCTION")).isEmpty();
    assertThat(dashboard.versionsIn("CANARY")).isEmpty();
    List<InventoryDashboard.Row> shown = dashboard.versionsIn("IN_REVIEW");
    assertThat(shown)
        .extracting(r -> r.model() + ":" + r.version())
        .containsExactlyInAnyOrder(credit + ":1.0.0", credit + ":1.1.0");

    // when: she exports the filtered inventory
    assertThat(dashboard.exportLink()).contains("riskTier=HIGH", "owner=" + owner);
    dashboard.exportCsv();

    // then: the file has one row per version shown, with the same filter applied
    Path csv = browser.downloads().resolve("model-inventory.csv");
    await()
        .atMost(TIMEOUT)
        .until(() -> Files.isRegularFile(csv) && !downloadInProgress(browser.downloads()));
    List<List<String>> rows = csvRows(csv);
    assertThat(rows.get(0)).isEqualTo(CSV_HEADER);
    List<List<String>> versions = rows.subList(1, rows.size());
    assertThat(versions).hasSize(dashboard.summary().get("Versions").intValue());
    assertThat(versions)
        .extracting(r -> r.get(0) + ":" + r.get(1))
        .containsExactlyInAnyOrderElementsOf(
            shown.stream().map(r -> r.model() + ":" + r.version()).toList());
    assertThat(versions).allSatisfy(r -> assertThat(r.get(2)).isEqualTo("HIGH"));
    assertThat(versions).allSatisfy(r -> assertThat(r.get(4)).isEqualTo(owner));
    assertThat(versions).allSatisfy(r -> assertThat(r.get(5)).isEqualTo("IN_REVIEW"));
  }

  @Test
  void readerSeesChartsOnTheDashboardAndInTheReport(Browser browser) throws Exception {
    // given: a LOW-risk model promoted after a healthy canary with metrics, a HIGH one in review
    String suffix = String.valueOf(System.nanoTime() % 100_000);
    String owner = "charts-team-" + suffix;
    String model = "charted-model-" + suffix;
    String reviewed = "reviewed-model-" + suffix;
    register(model, "1.0.0", "LOW", owner);
    register(reviewed, "1.0.0", "HIGH", owner);
    awaitVersion(reviewed, "1.0.0", "status", "IN_REVIEW");
    awaitVersion(model, "1.0.0", "stage", "CANARY");
    promoteHealthyCanary(model, "1.0.0");
    awaitVersion(model, "1.0.0", "status", "IN_PRODUCTION");

    // when: victor opens the dashboard of the owner's models
    browser.viewport(1280, 1000);
    new InventoryDashboard(browser, port).login("victor", "victor");
    browser.open("http://localhost:" + port + "/dashboard?owner=" + owner);

    // then: three charts, drawn as SVG with their series and labels
    browser.visible(By.cssSelector("#charts svg.chart"));
    assertThat(browser.driver().findElements(By.cssSelector("#charts svg.chart"))).hasSize(3);
    assertThat(seriesOf(browser, "chart-versions-by-stage"))
        .containsExactly("LOW", "MEDIUM", "HIGH");
    assertThat(seriesOf(browser, "chart-approval-ages")).containsExactly("on time", "overdue");
    assertThat(texts(browser, "#chart-versions-by-stage svg text.tick"))
        .contains("Production", "Canary", "Staging", "In review", "Other");
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("#chart-production-health svg"))
                .getAttribute("aria-labelledby"))
        .isEqualTo("chart-production-health-title chart-production-health-desc");
    browser.screenshot("dashboard");

    // when: he opens the version's report
    browser.click(browser.visible(By.linkText("Report")));

    // then: its metrics against their limits and the canary against production, drawn
    browser.visible(By.cssSelector("#monitoring svg.chart"));
    assertThat(texts(browser, "#monitoring figure.chart figcaption"))
        .contains(
            "error_rate over time",
            "latency_p95_ms over time",
            "error_rate: canary and production");
    assertThat(seriesOf(browser, "chart-metric-0")).containsExactly("error_rate", "max 0.05");
    assertThat(seriesOf(browser, "chart-canary-0")).containsExactly("canary 1.0.0");
    assertThat(texts(browser, "#monitoring p.chart-empty"))
        .contains(
            "No health evaluation with drift statistics yet.", "No reference profile registered.");
    assertThat(browser.driver().findElements(By.cssSelector("#annex-iv tbody tr"))).hasSize(16);
    browser.script("document.getElementById('monitoring').scrollIntoView();");
    browser.screenshot("report");

    // and the PDF of the same report downloads (kept next to the screenshots)
    HttpResponse<byte[]> pdf =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + port
                                + "/dashboard/models/"
                                + model
                                + "/versions/1.0.0/report.pdf"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString("victor:victor".getBytes(StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    Files.createDirectories(Browser.SCREENSHOTS);
    Files.write(Browser.SCREENSHOTS.resolve("DashboardBrowserIT.report.pdf"), pdf.body());
  }

  private static List<String> seriesOf(Browser browser, String chart) {
    return browser.driver().findElements(By.cssSelector("#" + chart + " svg g.series")).stream()
        .map(g -> g.getAttribute("data-series"))
        .toList();
  }

  private static List<String> texts(Browser browser, String selector) {
    return browser.driver().findElements(By.cssSelector(selector)).stream()
        .map(e -> e.getAttribute("textContent").strip())
        .toList();
  }

  private void register(String model, String version, String riskTier, String owner) {
    Response response =
        ApiClient.as(port, "ci-bot")
            .post(
                "/api/models/" + model + "/versions",
                Registrations.example(version, riskTier)
                    .put("owner", owner)
                    .put("artifactUri", "s3://models/" + model + "/" + version + "/model.pkl"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  /** Healthy canary metrics, then the end of the canary window: the version is promoted. */
  private void promoteHealthyCanary(String model, String version) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      points.add(Map.of("name", "error_rate", "value", 0.01));
      points.add(Map.of("name", "latency_p95_ms", "value", 120 + i));
    }
    Response metrics =
        ApiClient.as(port, io.modelops.orchestrator.support.MonitoringScenario.MONITOR)
            .post(
                "/api/models/" + model + "/versions/" + version + "/metrics",
                Map.of("points", points));
    assertThat(metrics.status()).as(metrics.body()).isEqualTo(202);
    String instance = version(model, version).path("processInstanceId").asText();
    TestJobs.makeDue(managementService, instance, ModelLifecycle.TIMER_CANARY_WINDOW);
  }

  private void awaitVersion(String model, String version, String field, String value) {
    await()
        .atMost(TIMEOUT)
        .until(() -> version(model, version).path(field).asText(), value::equals);
  }

  private JsonNode version(String model, String version) {
    return ApiClient.as(port, "ci-bot").get("/api/models/" + model + "/versions/" + version).json();
  }

  private static boolean downloadInProgress(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
    }
  }

  /** The rows of the export; none of its cells here needs quoting. */
  private static List<List<String>> csvRows(Path csv) throws IOException {
    String content = Files.readString(csv, StandardCharsets.UTF_8);
    assertThat(content).doesNotContain("\"");
    return content
        .lines()
        .filter(line -> !line.isEmpty())
        .map(line -> Arrays.asList(line.split(",", -1)))
        .toList();
  }
}
