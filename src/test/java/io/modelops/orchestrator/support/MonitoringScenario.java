package io.modelops.orchestrator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.support.ApiClient.Response;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Production monitoring in integration tests: versions with a reference profile of two numeric
 * features (amount, age) and a categorical one (channel), feature windows posted as serving would,
 * monitoring timers fired on demand, and the mails that follow.
 */
public final class MonitoringScenario {

  /**
   * The demo monitoring identity (group model-monitors): the only kind of identity whose metric
   * points and feature windows are accepted and counted.
   */
  public static final String MONITOR = "monty";

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final double[] AMOUNT = normal(1, 500, 100, 15);
  public static final double[] AGE = normal(2, 500, 40, 10);

  private final int port;
  private final ManagementService managementService;
  private final ModelReleases releases;

  public MonitoringScenario(int port, ManagementService managementService, ModelReleases releases) {
    this.port = port;
    this.managementService = managementService;
    this.releases = releases;
  }

  /**
   * A LOW-risk registration with a reference profile of two numeric and one categorical feature.
   */
  public static ObjectNode withProfile(String model, String version) {
    ObjectNode body = ModelReleases.registration(model, version);
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("amount", Map.of("type", "numeric", "values", AMOUNT));
    reference.put("age", Map.of("type", "numeric", "values", AGE));
    reference.put(
        "channel",
        Map.of("type", "categorical", "counts", Map.of("card", 700, "transfer", 250, "cash", 50)));
    body.set("monitoring", JSON.valueToTree(Map.of("reference", reference)));
    return body;
  }

  public static Map<String, Object> window(
      double[] amount, double[] age, Map<String, Long> channel) {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("amount", Map.of("type", "numeric", "values", amount));
    features.put("age", Map.of("type", "numeric", "values", age));
    features.put("channel", Map.of("type", "categorical", "counts", channel));
    return Map.of("features", features);
  }

  public Response postWindow(
      String model, String version, double[] amount, double[] age, Map<String, Long> channel) {
    Response response =
        ApiClient.as(port, MONITOR)
            .post(
                "/api/models/" + model + "/versions/" + version + "/feature-windows",
                window(amount, age, channel));
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return response;
  }

  /** Fires the monitoring timer and waits until the n-th evaluation's action has run. */
  public JsonNode evaluate(String model, String version, int n) {
    String instance = releases.version(model, version).path("processInstanceId").asText();
    awaitMonitoringTimer(instance);
    releases.makeDue(model, version, ModelLifecycle.TIMER_MONITORING_INTERVAL);
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () -> health(model, version),
            h -> h.path("recent").size() == n && !h.path("latest").path("action").isNull());
    awaitMonitoringTimer(instance);
    return health(model, version);
  }

  /** Fires the monitoring timer and waits for the evaluation of a lifecycle that ends with it. */
  public JsonNode evaluateAndEnd(String model, String version) {
    awaitMonitoringTimer(releases.version(model, version).path("processInstanceId").asText());
    releases.makeDue(model, version, ModelLifecycle.TIMER_MONITORING_INTERVAL);
    return await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () -> health(model, version),
            h -> h.path("recent").size() == 1 && !h.path("latest").path("action").isNull());
  }

  /** Waits until the lifecycle waits at a monitoring timer that is not yet due. */
  public void awaitMonitoringTimer(String instance) {
    await()
        .atMost(ModelReleases.TIMEOUT)
        .until(
            () -> {
              Job job =
                  managementService
                      .createJobQuery()
                      .processInstanceId(instance)
                      .activityId(ModelLifecycle.TIMER_MONITORING_INTERVAL)
                      .singleResult();
              // besides it, only the timers of revalidation and attestation (months ahead) wait
              return job != null
                  && job.getDuedate().getTime() > System.currentTimeMillis()
                  && managementService.createJobQuery().processInstanceId(instance).count()
                      == 1
                          + timers(instance, ModelLifecycle.TIMER_REVALIDATION_DUE)
                          + timers(instance, ModelLifecycle.TIMER_ATTESTATION_DUE);
            });
  }

  private long timers(String instance, String activityId) {
    return managementService
        .createJobQuery()
        .processInstanceId(instance)
        .activityId(activityId)
        .duedateHigherThan(new java.util.Date())
        .count();
  }

  public JsonNode health(String model, String version) {
    return ApiClient.as(port, "oscar")
        .get("/api/models/" + model + "/versions/" + version + "/health")
        .json();
  }

  public static double[] normal(long seed, int n, double mean, double sd) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.round((mean + sd * random.nextGaussian()) * 100) / 100.0;
    }
    return values;
  }

  public static MimeMessage mail(String subject) {
    return Arrays.stream(TestMail.server().getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getSubject().contains(subject);
              } catch (MessagingException e) {
                return false;
              }
            })
        .findFirst()
        .orElse(null);
  }

  public static String body(MimeMessage mail) {
    return com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
  }

  public static List<String> recipients(MimeMessage mail) {
    try {
      return Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
