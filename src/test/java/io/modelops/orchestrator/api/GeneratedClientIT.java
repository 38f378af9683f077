package io.modelops.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.modelops.client.ApiClient;
import io.modelops.client.ApiException;
import io.modelops.client.api.CatalogApi;
import io.modelops.client.api.GovernanceApi;
import io.modelops.client.api.MonitoringApi;
import io.modelops.client.model.Binned;
import io.modelops.client.model.Categorical;
import io.modelops.client.model.FeatureSpec;
import io.modelops.client.model.FeatureWindowRequest;
import io.modelops.client.model.Field;
import io.modelops.client.model.Lineage;
import io.modelops.client.model.MetricBatch;
import io.modelops.client.model.MetricPoint;
import io.modelops.client.model.ModelReport;
import io.modelops.client.model.ModelVersionView;
import io.modelops.client.model.MonitoringProfile;
import io.modelops.client.model.Numeric;
import io.modelops.client.model.RegistrationRequest;
import io.modelops.client.model.RiskAssessment;
import io.modelops.client.model.Signature;
import io.modelops.client.model.WindowAccepted;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.TestJobs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Java client generated at build time from the committed contract (openapi-generator, library
 * {@code native}) drives the API as an integrator's would: a pipeline registers a version with a
 * reference profile, the monitoring identity posts a feature window with numeric, binned and
 * categorical features and metric points, and model risk reads the report. Only the engine's timers
 * are brought forward directly.
 */
@IntegrationTest
class GeneratedClientIT {

  private static final AtomicInteger MODELS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired ManagementService managementService;

  @Test
  void shouldRegisterMonitorAndReportThroughTheGeneratedClient() throws ApiException {
    // given a model registered by the pipeline with a reference profile of three kinds of feature
    String model = "generated-client-" + MODELS.incrementAndGet();
    CatalogApi pipeline = new CatalogApi(client("ci-bot"));
    ModelVersionView registered = pipeline.register(model, registration(model, "1.0.0"));
    assertThat(registered.getModel()).isEqualTo(model);
    assertThat(registered.getRiskTier()).hasToString("LOW");

    // when it reaches its canary, the monitoring identity posts a feature window and metrics
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pipeline.version(model, "1.0.0").getStage().getValue().equals("CANARY"));
    MonitoringApi monitor = new MonitoringApi(client("monty"));
    WindowAccepted window =
        monitor.ingestWindow(
            model,
            "1.0.0",
            new FeatureWindowRequest()
                .putFeaturesItem("amount", numeric(11, 400, 100, 15))
                .putFeaturesItem("score", binned(new long[] {95, 210, 95}))
                .putFeaturesItem("channel", categorical(280, 100, 20)));
    assertThat(window.getFeatures()).isEqualTo(3);
    assertThat(window.getDrift()).isNotNull();
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      points.add(new MetricPoint().name("error_rate").value(0.01));
      points.add(new MetricPoint().name("latency_p95_ms").value(120.0 + i));
    }
    monitor.ingestMetrics(model, "1.0.0", new MetricBatch().points(points));
    TestJobs.makeDue(
        managementService, registered.getProcessInstanceId(), ModelLifecycle.TIMER_CANARY_WINDOW);

    // then the version reaches production, and model risk reads its report with the window
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> pipeline.version(model, "1.0.0").getStatus().getValue().equals("IN_PRODUCTION"));
    ModelReport report = new GovernanceApi(client("rita")).report(model, "1.0.0", null, null);
    assertThat(report.getModel()).isEqualTo(model);
    assertThat(report.getStatus()).hasToString("IN_PRODUCTION");
    assertThat(report.getMonitoring().getReferenceProfile()).isTrue();
    assertThat(report.getMonitoring().getFeatureWindows()).isEqualTo(1L);
    assertThat(report.getMonitoring().getMetricPoints()).isEqualTo(12L);
  }

  @Test
  void shouldSurfaceProblemsAsExceptionsWithTheirStatus() throws ApiException {
    // given a registered version
    String model = "generated-client-" + MODELS.incrementAndGet();
    new CatalogApi(client("ci-bot")).register(model, registration(model, "1.0.0"));

    // when the registration is invalid, and when the pipeline posts metrics of its own version
    ApiException invalid =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new CatalogApi(client("ci-bot"))
                    .register(model, registration(model, "1.0.1").owner("")));
    ApiException forbidden =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new MonitoringApi(client("ci-bot"))
                    .ingestMetrics(
                        model,
                        "1.0.0",
                        new MetricBatch()
                            .addPointsItem(new MetricPoint().name("error_rate").value(0.01))));

    // then each is an exception with its status and a problem+json body
    assertThat(invalid.getCode()).isEqualTo(400);
    assertThat(invalid.getResponseHeaders().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    assertThat(invalid.getResponseBody()).contains("\"owner\"");
    assertThat(forbidden.getCode()).isEqualTo(403);
    assertThat(forbidden.getResponseHeaders().firstValue("Content-Type"))
        .hasValue("application/problem+json");
  }

  /** A client of the running application with the Basic credentials of a demo user. */
  private ApiClient client(String user) {
    String token =
        Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + token));
    return client;
  }

  /**
   * A LOW-risk registration (approved by policy, canary without a release approval) with a
   * reference profile: the documented example's fields, built with the generated model.
   */
  private static RegistrationRequest registration(String model, String version) {
    return new RegistrationRequest()
        .version(version)
        .artifactUri("s3://models/" + model + "/" + version + "/model.pkl")
        .framework("sklearn")
        .modelType(RegistrationRequest.ModelTypeEnum.ML)
        .riskTier(RegistrationRequest.RiskTierEnum.LOW)
        .riskAssessment(
            new RiskAssessment()
                .automatedDecisions(false)
                .personalData(false)
                .specialCategoryData(false)
                .annexIIIArea(RiskAssessment.AnnexIIIAreaEnum.NONE)
                .financialImpact(RiskAssessment.FinancialImpactEnum.NONE)
                .clinicalImpact(false))
        .owner("fraud-analytics-team")
        .ownerEmail("fraud-analytics@example.com")
        .description("Gradient-boosted classifier scoring card transactions for fraud.")
        .intendedUse("Real-time scoring of card-not-present transactions.")
        .limitations("Not validated for corporate cards.")
        .modelCardUri("https://wiki.example.com/models/fraud-detector")
        .lineage(
            new Lineage()
                .sourceCommit("9fceb02d0ae598e95dc970b74767f19372d61af8")
                .trainingDataRef("s3://datasets/fraud/2026-10-01/")
                .runId("mlflow-run-5f2a"))
        .metrics(Map.of("auc", 0.91, "accuracy", 0.88, "f1", 0.74))
        .signature(
            new Signature()
                .addInputsItem(new Field().name("amount").type("double"))
                .addInputsItem(new Field().name("score").type("double"))
                .addInputsItem(new Field().name("channel").type("string"))
                .addOutputsItem(new Field().name("fraud_probability").type("double")))
        .fairness(
            Map.of(
                "gender", Map.of("female", 0.31, "male", 0.35),
                "age_band", Map.of("18-25", 0.29, "26-60", 0.33, "61+", 0.30)))
        .monitoring(
            new MonitoringProfile()
                .putReferenceItem("amount", numeric(1, 500, 100, 15))
                .putReferenceItem("score", binned(new long[] {120, 260, 120}))
                .putReferenceItem("channel", categorical(700, 250, 50)));
  }

  private static FeatureSpec numeric(long seed, int n, double mean, double sd) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(mean + sd * random.nextGaussian());
    }
    return new FeatureSpec(new Numeric().values(values));
  }

  private static FeatureSpec binned(long[] counts) {
    List<Long> list = new ArrayList<>();
    for (long c : counts) {
      list.add(c);
    }
    return new FeatureSpec(new Binned().edges(List.of(0.0, 0.3, 0.7, 1.0)).counts(list));
  }

  private static FeatureSpec categorical(long card, long transfer, long cash) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("card", card);
    counts.put("transfer", transfer);
    counts.put("cash", cash);
    return new FeatureSpec(new Categorical().counts(counts));
  }
}
