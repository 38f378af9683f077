package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.MonitoringScenario;
import io.modelops.orchestrator.support.Registrations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated corpus of malformed and hostile requests against every {@code /api} endpoint: each
 * must be answered with a 4xx problem (never a 5xx), and no row may change.
 */
@IntegrationTest
class HostileInputIT {

  private static final List<String> HOSTILE_STRINGS =
      List.of(
          "../../etc/passwd",
          "'; DROP TABLE model; --",
          "${7*7}",
          "#{T(java.lang.Runtime).getRuntime().exec('id')}",
          "<script>alert(1)</script>",
          "a\u0000b",
          "line\nbreak",
          "x".repeat(5000),
          "\u202Eevil",
          " ");

  private static final List<String> PATTERN_FIELDS = List.of("version", "framework");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private record Attempt(String name, String method, String path, String body) {}

  private List<Attempt> corpus() {
    List<Attempt> corpus = new ArrayList<>();
    String versions = "/api/models/hostile-model/versions";

    // hostile strings in every pattern-checked field, and in lineage and metric names
    for (String value : HOSTILE_STRINGS) {
      for (String field : PATTERN_FIELDS) {
        corpus.add(body("pattern " + field, versions, b -> b.put(field, value)));
      }
      corpus.add(
          body("runId", versions, b -> ((ObjectNode) b.path("lineage")).put("runId", value)));
      corpus.add(
          body("metric name", versions, b -> ((ObjectNode) b.path("metrics")).put(value, 0.9)));
      corpus.add(body("artifactUri", versions, b -> b.put("artifactUri", value)));
      corpus.add(
          new Attempt(
              "model name in path",
              "POST",
              "/api/models/" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "/versions",
              Registrations.example("1.0.0").toString()));
      corpus.add(
          new Attempt(
              "model name in GET",
              "GET",
              "/api/models/" + URLEncoder.encode(value, StandardCharsets.UTF_8),
              null));
    }
    // wrong types
    for (Map.Entry<String, Object> wrong :
        Map.<String, Object>of(
                "version",
                1.0,
                "riskTier",
                3,
                "metrics",
                "auc=0.9",
                "lineage",
                "commit",
                "signature",
                List.of(1, 2),
                "owner",
                Map.of("a", 1),
                "modelType",
                true,
                "fairness",
                List.of())
            .entrySet()) {
      corpus.add(
          new Attempt(
              "wrong type " + wrong.getKey(),
              "POST",
              versions,
              Registrations.example("1.0.0")
                  .set(
                      wrong.getKey(),
                      new com.fasterxml.jackson.databind.ObjectMapper()
                          .valueToTree(wrong.getValue()))
                  .toString()));
    }
    // missing required fields, extra fields, empty and broken bodies
    for (String field : List.of("version", "artifactUri", "modelType", "riskTier", "owner")) {
      corpus.add(body("missing " + field, versions, b -> b.remove(field)));
    }
    corpus.add(body("extra field", versions, b -> b.put("isAdmin", true)));
    corpus.add(
        body("nested extra field", versions, b -> ((ObjectNode) b.path("lineage")).put("x", 1)));
    for (String raw :
        List.of(
            "",
            "null",
            "[]",
            "{",
            "{\"version\":",
            "not json",
            "{\"version\":\"1\",\"version\":\"2\"}",
            "{\"metrics\":{\"auc\":NaN}}",
            "{\"metrics\":{\"auc\":Infinity}}",
            "\u0000\u0001")) {
      corpus.add(new Attempt("raw body " + raw.length(), "POST", versions, raw));
    }
    // numbers out of range
    corpus.add(
        body(
            "infinite metric",
            versions,
            b -> ((ObjectNode) b.path("metrics")).put("auc", 1e308 * 10)));
    corpus.add(body("fairness rate above 1", versions, b -> b.set("fairness", fairness(1.5))));
    corpus.add(body("negative fairness rate", versions, b -> b.set("fairness", fairness(-0.1))));
    corpus.add(
        body(
            "too many inputs",
            versions,
            b -> {
              ArrayNode inputs = JsonNodeFactory.instance.arrayNode();
              for (int i = 0; i < 501; i++) {
                inputs.addObject().put("name", "f" + i).put("type", "double");
              }
              ((ObjectNode) b.path("signature")).set("inputs", inputs);
            }));
    // paging and query parameters
    for (String query :
        List.of("page=-1", "size=0", "size=-5", "size=100000", "page=abc", "size=1e3")) {
      corpus.add(new Attempt("paging " + query, "GET", "/api/models?" + query, null));
    }
    for (String query : List.of("from=yesterday", "to=2026-13-45T00:00:00Z", "size=0", "page=-1")) {
      corpus.add(new Attempt("audit " + query, "GET", "/api/audit?" + query, null));
    }
    corpus.add(
        new Attempt("stages at", "GET", "/api/models/hostile-model/stages?at=not-a-time", null));
    corpus.add(
        new Attempt(
            "report format",
            "GET",
            "/api/models/hostile-model/versions/1.0.0/report?format=pdf",
            null));
    // metrics, rollback, stop
    String metrics = "/api/models/hostile-model/versions/1.0.0/metrics";
    for (String raw :
        List.of(
            "{}",
            "{\"points\":[]}",
            "{\"points\":null}",
            "{\"points\":[{\"name\":\"a b\",\"value\":1}]}",
            "{\"points\":[{\"name\":\"e\",\"value\":\"x\"}]}",
            "{\"points\":[{\"name\":\"e\"}]}",
            "{\"points\":[{\"name\":\"e\",\"value\":1,\"timestamp\":\"yesterday\"}]}",
            "{\"points\":[{\"name\":\"e\",\"value\":1,\"timestamp\":\"+300000-01-01T00:00:00Z\"}]}",
            "{\"points\":[{\"name\":\"e\",\"value\":1e999}]}",
            "{\"points\":{\"name\":\"e\"}}")) {
      corpus.add(new Attempt("metrics " + raw, "POST", metrics, raw));
    }
    corpus.add(
        new Attempt(
            "metrics unknown version",
            "POST",
            metrics,
            "{\"points\":[{\"name\":\"error_rate\",\"value\":0.1}]}"));
    for (String raw :
        List.of(
            "{}",
            "{\"reason\":\"\"}",
            "{\"reason\":null}",
            "{\"reason\":\"" + "r".repeat(1001) + "\"}")) {
      corpus.add(
          new Attempt(
              "rollback " + raw.length(), "POST", "/api/models/hostile-model/rollback", raw));
      corpus.add(
          new Attempt(
              "stop " + raw.length(),
              "POST",
              "/api/models/hostile-model/versions/1.0.0/stop",
              raw));
    }
    corpus.add(
        new Attempt(
            "rollback unknown model",
            "POST",
            "/api/models/hostile-model/rollback",
            "{\"reason\":\"x\"}"));
    // retraining: manual requests, runs, pipeline callbacks
    for (String raw :
        List.of(
            "{}",
            "{\"reason\":\"\"}",
            "{\"reason\":null}",
            "{\"reason\":[1]}",
            "{\"reason\":\"" + "r".repeat(2001) + "\"}",
            "{\"reason\":\"x\",\"command\":\"rm -rf /\"}",
            "{\"reason\":\"x\",\"trainingDataRef\":\"" + "d".repeat(2049) + "\"}",
            "{\"reason\":\"${7*7}\",\"reason\":\"twice\"}")) {
      corpus.add(
          new Attempt("retrain " + raw.length(), "POST", "/api/models/hostile-model/retrain", raw));
    }
    corpus.add(
        new Attempt(
            "retrain unknown model",
            "POST",
            "/api/models/hostile-model/retrain",
            "{\"reason\":\"x\"}"));
    corpus.add(
        new Attempt(
            "retrain traversal",
            "POST",
            "/api/models/..%2F..%2Fetc/retrain",
            "{\"reason\":\"x\"}"));
    corpus.add(new Attempt("retraining not an id", "GET", "/api/retraining/not-a-uuid", null));
    corpus.add(
        new Attempt(
            "retraining unknown",
            "GET",
            "/api/retraining/00000000-0000-0000-0000-000000000000",
            null));
    corpus.add(
        new Attempt(
            "retrainings paging", "GET", "/api/models/hostile-model/retraining?size=100000", null));
    String result = "/api/retraining/00000000-0000-0000-0000-000000000000/result";
    for (String raw :
        List.of(
            "{}",
            "{\"status\":\"MAYBE\"}",
            "{\"status\":\"SUCCEEDED\"}",
            "{\"status\":\"SUCCEEDED\",\"result\":{\"artifactUri\":\"javascript:alert(1)\",\"metrics\":{\"auc\":0.9}}}",
            "{\"status\":\"SUCCEEDED\",\"result\":{\"artifactUri\":\"s3://m\",\"metrics\":{\"auc\":\"NaN\"}}}",
            "{\"status\":\"SUCCEEDED\",\"result\":{\"artifactUri\":\"s3://m\",\"metrics\":{}}}",
            "{\"status\":\"FAILED\"}")) {
      corpus.add(new Attempt("training result " + raw.length(), "POST", result, raw));
    }
    corpus.add(
        new Attempt(
            "training result not an id",
            "POST",
            "/api/retraining/1%20OR%201=1/result",
            "{\"status\":\"FAILED\"}"));
    // feature windows, health, monitoring profiles at registration
    String windows = "/api/models/hostile-model/versions/1.0.0/feature-windows";
    for (String raw :
        List.of(
            "{}",
            "{\"features\":null}",
            "{\"features\":[]}",
            "{\"features\":{\"a b\":{\"type\":\"numeric\",\"values\":[1]}}}",
            "{\"features\":{\"../etc/passwd\":{\"type\":\"numeric\",\"values\":[1]}}}",
            "{\"features\":{\"x\":{\"type\":\"weird\",\"values\":[1]}}}",
            "{\"features\":{\"x\":{\"values\":[1]}}}",
            "{\"features\":{\"x\":{\"type\":\"numeric\",\"values\":\"1\"}}}",
            "{\"features\":{\"x\":{\"type\":\"numeric\",\"values\":[1e999]}}}",
            "{\"features\":{\"x\":{\"type\":\"binned\",\"edges\":[1],\"counts\":[-1]}}}",
            "{\"features\":{\"x\":{\"type\":\"categorical\",\"counts\":{\"a\":-5}}}}",
            "{\"observedAt\":\"yesterday\",\"features\":{\"x\":{\"type\":\"numeric\",\"values\":[1]}}}",
            "{\"observedAt\":\"+300000-01-01T00:00:00Z\",\"features\":{\"x\":{\"type\":\"numeric\",\"values\":[1]}}}")) {
      corpus.add(new Attempt("feature window " + raw, "POST", windows, raw));
    }
    corpus.add(
        new Attempt(
            "feature window unknown version",
            "POST",
            windows,
            "{\"features\":{\"x\":{\"type\":\"numeric\",\"values\":[1]}}}"));
    corpus.add(
        new Attempt(
            "health unknown version",
            "GET",
            "/api/models/hostile-model/versions/1.0.0/health",
            null));
    corpus.add(
        new Attempt(
            "health bad name", "GET", "/api/models/Hostile_Model/versions/1.0.0/health", null));
    corpus.add(
        body(
            "empty reference profile",
            versions,
            b -> b.set("monitoring", b.objectNode().set("reference", b.objectNode()))));
    corpus.add(
        body(
            "reference without values",
            versions,
            b ->
                b.set(
                    "monitoring",
                    b.objectNode()
                        .set(
                            "reference",
                            b.objectNode()
                                .set(
                                    "x",
                                    b.objectNode()
                                        .put("type", "numeric")
                                        .set("values", b.arrayNode()))))));
    corpus.add(
        body(
            "drift p-value above 1",
            versions,
            b ->
                b.set(
                    "monitoring",
                    b.objectNode()
                        .<ObjectNode>set(
                            "reference",
                            b.objectNode()
                                .set(
                                    "x",
                                    b.objectNode()
                                        .put("type", "numeric")
                                        .set("values", b.arrayNode().add(1))))
                        .set("drift", b.objectNode().put("pValue", 2)))));
    corpus.add(
        body(
            "metric limit without bounds",
            versions,
            b ->
                b.set(
                    "monitoring",
                    b.objectNode()
                        .<ObjectNode>set(
                            "reference",
                            b.objectNode()
                                .set(
                                    "x",
                                    b.objectNode()
                                        .put("type", "numeric")
                                        .set("values", b.arrayNode().add(1))))
                        .set("metricLimits", b.objectNode().set("error_rate", b.objectNode())))));
    corpus.add(new Attempt("unsupported method", "PUT", versions, "{}"));
    return corpus;
  }

  @Test
  void shouldAnswerEveryHostileRequestWithA4xxProblemAndChangeNothing() {
    Map<String, Long> before = rowCounts();
    ApiClient admin = ApiClient.as(port, "admin");
    ApiClient monitor = ApiClient.as(port, MonitoringScenario.MONITOR);
    List<Attempt> corpus = corpus();
    Map<String, String> wrong = new LinkedHashMap<>();
    int fourXx = 0;
    int fiveXx = 0;
    for (Attempt attempt : corpus) {
      // health evidence is accepted from monitoring identities only: they send it
      ApiClient client =
          attempt.path().contains("/metrics") || attempt.path().contains("/feature-windows")
              ? monitor
              : admin;
      Response response =
          switch (attempt.method()) {
            case "GET" -> client.get(attempt.path());
            case "PUT" -> client.put(attempt.path(), attempt.body());
            default -> client.post(attempt.path(), attempt.body());
          };
      String type = response.header("Content-Type");
      if (response.status() >= 500) {
        fiveXx++;
      } else if (response.status() >= 400) {
        fourXx++;
      }
      if (response.status() < 400
          || response.status() >= 500
          || type == null
          || !type.startsWith("application/problem+json")) {
        wrong.put(
            attempt.name() + " " + attempt.method() + " " + abbreviate(attempt.path()),
            response.status() + " " + type + " " + abbreviate(response.body()));
      }
    }
    Map<String, Long> after = rowCounts();

    System.out.printf(
        "Hostile input corpus: %d requests, %d answered 4xx, %d answered 5xx, rows changed: %s%n",
        corpus.size(), fourXx, fiveXx, !before.equals(after));
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
    assertThat(wrong).as("requests not answered with a 4xx problem").isEmpty();
    assertThat(after).isEqualTo(before);
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        List.of(
            "model",
            "model_version",
            "metric_point",
            "validation_report",
            "monitoring_profile",
            "feature_window",
            "health_evaluation",
            "model_alert",
            "retraining_request",
            "retraining_trigger",
            "retraining_policy")) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  private static Attempt body(String name, String path, Consumer<ObjectNode> change) {
    ObjectNode body = Registrations.example("1.0.0");
    change.accept(body);
    return new Attempt(name, "POST", path, body.toString());
  }

  private static ObjectNode fairness(double rate) {
    ObjectNode fairness = JsonNodeFactory.instance.objectNode();
    fairness.putObject("gender").put("female", rate).put("male", 0.5);
    return fairness;
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
