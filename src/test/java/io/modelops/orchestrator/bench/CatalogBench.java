package io.modelops.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * B2: latency of {@code POST /api/models/{name}/versions} with 20 concurrent clients (each its own
 * HTTP client, Basic auth as {@code ci-bot}); every registration starts its lifecycle, which runs
 * meanwhile up to its review. B6: latency of the catalog's reads with 10,000 versions in it (1,000
 * models of 10 versions, inserted in bulk): the model list (pages of 50), a model and a version.
 */
@IntegrationTest
class CatalogBench {

  private static final int ROUNDS = 3;
  private static final int CLIENTS = 20;
  private static final int REGISTRATIONS_PER_CLIENT = 15;
  private static final int MODELS = 1_000;
  private static final int VERSIONS_PER_MODEL = 10;
  private static final int READS_PER_ROUND = 300;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void b2RegistrationLatencyAt20Clients() throws Exception {
    registrations("bench-reg-w", 5);
    double[] p50 = new double[ROUNDS];
    double[] p95 = new double[ROUNDS];
    double[] p99 = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      Latencies latencies = registrations("bench-reg-r" + r, REGISTRATIONS_PER_CLIENT);
      p50[r] = latencies.percentile(50);
      p95[r] = latencies.percentile(95);
      p99[r] = latencies.percentile(99);
    }
    String name = "registration latency, 20 clients, ";
    record("B2", name + "p95", p95, 50);
    record("B2a", name + "p50", p50, Double.NaN);
    record("B2b", name + "p99", p99, Double.NaN);
  }

  /** Each client registers {@code perClient} new models, all clients at once. */
  private Latencies registrations(String prefix, int perClient) throws Exception {
    Latencies latencies = new Latencies(CLIENTS * perClient);
    concurrently(
        c -> {
          ApiClient client = ApiClient.as(port, "ci-bot");
          return () -> {
            for (int i = 0; i < perClient; i++) {
              String model = prefix + "-c" + c + "-" + i;
              long start = System.nanoTime();
              ApiClient.Response response =
                  client.post("/api/models/" + model + "/versions", Registrations.example("1.0.0"));
              latencies.since(start);
              assertThat(response.status()).as(response.body()).isEqualTo(201);
            }
            return null;
          };
        });
    return latencies;
  }

  private static void concurrently(IntFunction<java.util.concurrent.Callable<Void>> clients)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Void>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        java.util.concurrent.Callable<Void> client = clients.apply(c);
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.call();
                }));
      }
      go.countDown();
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void b6CatalogReadsWith10000Versions() {
    insertCatalog();
    ApiClient reader = ApiClient.as(port, "admin");
    long pages = (jdbc.sql("SELECT COUNT(*) FROM model").query(Long.class).single() + 49) / 50;
    Random random = new Random(6);
    Map<String, IntFunction<String>> reads =
        Map.of(
            "B6",
            i -> "/api/models?size=50&page=" + random.nextInt((int) pages),
            "B6a",
            i -> "/api/models/" + model(random.nextInt(MODELS)),
            "B6b",
            i ->
                "/api/models/"
                    + model(random.nextInt(MODELS))
                    + "/versions/1."
                    + (1 + random.nextInt(VERSIONS_PER_MODEL))
                    + ".0");
    Map<String, String> names =
        Map.of(
            "B6", "catalog 10,000 versions: model list page (50), p95",
            "B6a", "catalog 10,000 versions: model with versions, p95",
            "B6b", "catalog 10,000 versions: version detail, p95");
    for (String id : List.of("B6", "B6a", "B6b")) {
      reads(reader, reads.get(id), 100); // warm-up
      long seqScans = sequentialScans();
      double[] p95 = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        p95[r] = reads(reader, reads.get(id), READS_PER_ROUND).percentile(95);
      }
      System.out.printf(
          "[bench] %s: %d sequential scans of model/model_version in %d reads%n",
          id, sequentialScans() - seqScans, ROUNDS * READS_PER_ROUND);
      record(id, names.get(id), p95, 50);
    }
  }

  private static Latencies reads(ApiClient reader, IntFunction<String> paths, int count) {
    Latencies latencies = new Latencies(count);
    for (int i = 0; i < count; i++) {
      String path = paths.apply(i);
      long start = System.nanoTime();
      ApiClient.Response response = reader.get(path);
      latencies.since(start);
      assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
    }
    return latencies;
  }

  private long sequentialScans() {
    return jdbc.sql(
            "SELECT COALESCE(SUM(seq_scan), 0) FROM pg_stat_user_tables"
                + " WHERE relname IN ('model', 'model_version')")
        .query(Long.class)
        .single();
  }

  private static String model(int i) {
    return String.format("bench-catalog-%04d", i);
  }

  /** 1,000 models with 10 versions each, as a catalog that has been in use for a while. */
  private void insertCatalog() {
    jdbc.sql(
            """
            INSERT INTO model (id, name, created_at, created_by)
            SELECT gen_random_uuid(), 'bench-catalog-' || lpad(g::text, 4, '0'),
              now() - interval '400 days', 'ci-bot'
            FROM generate_series(0, ? - 1) g
            """)
        .param(MODELS)
        .update();
    int versions =
        jdbc.sql(
                """
                INSERT INTO model_version (id, model_id, version, artifact_uri, framework,
                  model_type, risk_tier, owner, owner_email, description, metrics_json,
                  signature_json, deployment_target, status, stage, registered_by, registered_at,
                  updated_at, registration_hash)
                SELECT gen_random_uuid(), m.id, '1.' || v || '.0',
                  's3://models/' || m.name || '/1.' || v || '.0/model.pkl', 'sklearn', 'ML', 'LOW',
                  'team', 'team@example.com', 'A model of the catalog benchmark',
                  '{"auc":0.9,"accuracy":0.88}',
                  '{"inputs":[{"name":"amount","type":"double"}],"outputs":[]}', 'GITOPS',
                  CASE WHEN v = ? THEN 'IN_PRODUCTION' ELSE 'RETIRED' END,
                  CASE WHEN v = ? THEN 'PRODUCTION' ELSE 'RETIRED' END, 'ci-bot',
                  now() - (? - v) * interval '30 days', now(), md5(m.name || v)
                FROM model m CROSS JOIN generate_series(1, ?) v
                WHERE m.name LIKE 'bench-catalog-%'
                """)
            .params(VERSIONS_PER_MODEL, VERSIONS_PER_MODEL, VERSIONS_PER_MODEL, VERSIONS_PER_MODEL)
            .update();
    assertThat(versions).isEqualTo(MODELS * VERSIONS_PER_MODEL);
    jdbc.sql("ANALYZE model").update();
    jdbc.sql("ANALYZE model_version").update();
  }

  private static void record(String id, String name, double[] rounds, double target) {
    BenchResults.record(
        new BenchResults.Result(id, name, "ms", rounds, BenchResults.Goal.AT_MOST, target));
  }
}
