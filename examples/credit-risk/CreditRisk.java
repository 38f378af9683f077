import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Credit-risk example of the ModelOps Orchestrator: synthetic data, a logistic regression trainer
 * that follows the contract of the orchestrator's reference training worker, registration, and
 * simulated serving traffic (metrics, feature windows, drift).
 *
 * <pre>
 * java examples/credit-risk/CreditRisk.java generate --rows 5000 --seed 1 --shift 0 --out data.csv
 * java examples/credit-risk/CreditRisk.java train --data data.csv [--min-auc 0.7] [--out-dir dir]
 * java examples/credit-risk/CreditRisk.java register --url http://localhost:8080 --user ci-bot --password ci-bot --model credit-risk --version 1.0.0
 * java examples/credit-risk/CreditRisk.java traffic --url http://localhost:8080 --user monty --password monty --model credit-risk --version 1.0.0 [--drift 2.0]
 * </pre>
 *
 * JDK only; run it from the repository root. Logs go to stderr; {@code train} prints its result
 * as the last line of stdout.
 */
public class CreditRisk {

  static final String[] NUMERIC = {"income", "debt_ratio", "age", "loan_amount", "employment_years"};
  static final String CATEGORICAL = "home_ownership";
  static final String[] HOME = {"mortgage", "own", "rent"};
  static final String LABEL = "default";
  static final String DATA_DIR = "examples/credit-risk/data";
  static final int MIN_ROWS = 200;

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    Args a = new Args(Arrays.copyOfRange(args, 1, args.length));
    try {
      switch (args[0]) {
        case "generate" -> generate(a);
        case "train" -> train(a);
        case "register" -> register(a);
        case "traffic" -> traffic(a);
        default -> usage();
      }
    } catch (BusinessFailure e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  static void usage() {
    System.err.println("usage: java examples/credit-risk/CreditRisk.java generate|train|register|traffic [--option value ...]");
    System.exit(64);
  }

  // ---------------------------------------------------------------- data

  /** One applicant: numeric features, home ownership, and whether the loan defaulted. */
  record Row(double[] x, String home, int label) {}

  /**
   * Synthetic applicants. {@code shift} moves the population (lower income, higher debt ratio and
   * loan amounts, more renters) and changes the ground truth (debt ratio and loan amount weigh
   * more, income less): a model trained at shift 0 degrades on shifted data.
   */
  static List<Row> generate(int rows, long seed, double shift) {
    Random r = new Random(seed);
    List<Row> out = new ArrayList<>(rows);
    double pRent = Math.min(0.35 + 0.12 * shift, 0.9);
    double pOwn = Math.max(0.25 - 0.08 * shift, 0.02);
    for (int i = 0; i < rows; i++) {
      double income = Math.exp(Math.log(52_000 * (1 - 0.1 * Math.min(shift, 5))) + 0.4 * r.nextGaussian());
      double debt = clamp(0.32 + 0.04 * shift + 0.12 * r.nextGaussian(), 0.01, 0.99);
      double age = clamp(41 + 12 * r.nextGaussian(), 18, 80);
      double loan = Math.max(1_000, 15_000 * (1 + 0.12 * shift) + 7_000 * r.nextGaussian());
      double employment = clamp((age - 18) * 0.35 + 4 * r.nextGaussian(), 0, 45);
      double u = r.nextDouble();
      String home = u < pRent ? "rent" : u < pRent + pOwn ? "own" : "mortgage";
      double z = -1.3 - 0.25 * shift
          - (1.0 - 0.3 * shift) * (income - 52_000) / 20_000
          + (1.1 + 0.35 * shift) * (debt - 0.32) / 0.12
          - (0.25 - 0.25 * shift) * (age - 41) / 12
          + (0.5 + 0.3 * shift) * (loan - 15_000) / 7_000
          - (0.45 - 0.3 * shift) * (employment - 8) / 5
          + switch (home) { case "rent" -> 0.45; case "own" -> -0.4; default -> 0.0; };
      int label = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      double[] x = {round(income, 0), round(debt, 4), round(age, 0), round(loan, 0), round(employment, 1)};
      out.add(new Row(x, home, label));
    }
    return out;
  }

  static void generate(Args a) throws IOException {
    List<Row> rows = generate(a.integer("rows", 5000), a.integer("seed", 1), a.number("shift", 0));
    Path out = Path.of(a.require("out"));
    writeCsv(out, rows, false);
    log("wrote %d rows to %s", rows.size(), out);
  }

  static void writeCsv(Path file, List<Row> rows, boolean append) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    boolean header = !append || !Files.exists(file);
    StringBuilder s = new StringBuilder();
    if (header) {
      s.append(String.join(",", NUMERIC)).append(',').append(CATEGORICAL).append(',').append(LABEL).append('\n');
    }
    for (Row row : rows) {
      for (double v : row.x()) {
        s.append(num(v)).append(',');
      }
      s.append(row.home()).append(',').append(row.label()).append('\n');
    }
    if (header) {
      Files.writeString(file, s);
    } else {
      Files.writeString(file, s, java.nio.file.StandardOpenOption.APPEND);
    }
  }

  static List<Row> readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = List.of(lines.get(0).trim().split(","));
    int[] cols = new int[NUMERIC.length];
    for (int j = 0; j < NUMERIC.length; j++) {
      cols[j] = column(header, NUMERIC[j]);
    }
    int home = column(header, CATEGORICAL);
    int label = column(header, LABEL);
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(",");
      double[] x = new double[NUMERIC.length];
      for (int j = 0; j < x.length; j++) {
        x[j] = Double.parseDouble(f[cols[j]]);
      }
      rows.add(new Row(x, f[home], Integer.parseInt(f[label])));
    }
    return rows;
  }

  static int column(List<String> header, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("column '" + name + "' missing in the data");
    }
    return i;
  }

  // ---------------------------------------------------------------- model

  /** Logistic regression on standardised numeric features and one-hot home ownership. */
  record Model(double[] mean, double[] std, double intercept, double[] weights) {

    static final int WIDTH = NUMERIC.length + HOME.length;

    double[] design(Row row) {
      double[] v = new double[WIDTH];
      for (int j = 0; j < NUMERIC.length; j++) {
        v[j] = (row.x()[j] - mean[j]) / std[j];
      }
      int h = Arrays.asList(HOME).indexOf(row.home());
      if (h >= 0) {
        v[NUMERIC.length + h] = 1;
      }
      return v;
    }

    double probability(Row row) {
      double[] v = design(row);
      double z = intercept;
      for (int j = 0; j < WIDTH; j++) {
        z += weights[j] * v[j];
      }
      return 1 / (1 + Math.exp(-z));
    }

    /** Full-batch gradient descent on the mean log loss plus {@code l2}/2 · |w|². */
    static Model fit(List<Row> rows, int epochs, double rate, double l2) {
      double[] mean = new double[NUMERIC.length];
      double[] std = new double[NUMERIC.length];
      for (int j = 0; j < NUMERIC.length; j++) {
        final int c = j;
        mean[j] = rows.stream().mapToDouble(r -> r.x()[c]).average().orElse(0);
        double var = rows.stream().mapToDouble(r -> Math.pow(r.x()[c] - mean[c], 2)).average().orElse(1);
        std[j] = var > 0 ? Math.sqrt(var) : 1;
      }
      Model m = new Model(mean, std, 0, new double[WIDTH]);
      double[][] x = rows.stream().map(m::design).toArray(double[][]::new);
      double b = 0;
      double[] w = new double[WIDTH];
      for (int epoch = 0; epoch < epochs; epoch++) {
        double gb = 0;
        double[] gw = new double[WIDTH];
        for (int i = 0; i < x.length; i++) {
          double z = b;
          for (int j = 0; j < WIDTH; j++) {
            z += w[j] * x[i][j];
          }
          double err = 1 / (1 + Math.exp(-z)) - rows.get(i).label();
          gb += err;
          for (int j = 0; j < WIDTH; j++) {
            gw[j] += err * x[i][j];
          }
        }
        b -= rate * gb / x.length;
        for (int j = 0; j < WIDTH; j++) {
          w[j] -= rate * (gw[j] / x.length + l2 * w[j]);
        }
      }
      return new Model(mean, std, b, w);
    }

    String toJson() {
      List<String> columns = new ArrayList<>(List.of(NUMERIC));
      for (String h : HOME) {
        columns.add(CATEGORICAL + "=" + h);
      }
      return "{\"type\":\"logistic-regression\",\"numeric\":" + Json.write(List.of(NUMERIC))
          + ",\"columns\":" + Json.write(columns)
          + ",\"mean\":" + Json.write(mean) + ",\"std\":" + Json.write(std)
          + ",\"intercept\":" + num(intercept) + ",\"weights\":" + Json.write(weights) + "}";
    }

    @SuppressWarnings("unchecked")
    static Model fromJson(String json) {
      Map<String, Object> m = (Map<String, Object>) Json.parse(json);
      return new Model(
          doubles(m.get("mean")), doubles(m.get("std")), ((Number) m.get("intercept")).doubleValue(), doubles(m.get("weights")));
    }
  }

  /** Area under the ROC curve (Mann–Whitney, ties count half). */
  static double auc(double[] score, int[] label) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(score[p], score[q]));
    double rankSum = 0;
    long positives = 0;
    for (int i = 0; i < order.length; ) {
      int k = i;
      while (k + 1 < order.length && score[order[k + 1]] == score[order[i]]) {
        k++;
      }
      double rank = (i + k) / 2.0 + 1;
      for (int t = i; t <= k; t++) {
        if (label[order[t]] == 1) {
          rankSum += rank;
          positives++;
        }
      }
      i = k + 1;
    }
    long negatives = score.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** AUC and accuracy (threshold 0.5) of the model on the rows. */
  static Map<String, Double> evaluate(Model model, List<Row> rows) {
    double[] p = new double[rows.size()];
    int[] y = new int[rows.size()];
    int correct = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = model.probability(rows.get(i));
      y[i] = rows.get(i).label();
      if ((p[i] >= 0.5 ? 1 : 0) == y[i]) {
        correct++;
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("auc", round(auc(p, y), 4));
    metrics.put("accuracy", round((double) correct / p.length, 4));
    return metrics;
  }

  // ---------------------------------------------------------------- train

  /** What a training run produced: the last stdout line of {@code train}. */
  record TrainingResult(String json, Map<String, Double> metrics, Path model) {}

  static void train(Args a) throws Exception {
    Path outDir = a.has("out-dir") ? Path.of(a.get("out-dir"))
        : env("MODELOPS_OUTPUT_DIR") != null ? Path.of(env("MODELOPS_OUTPUT_DIR"))
        : Files.createTempDirectory("credit-risk-");
    TrainingResult result = train(a, Path.of(a.get("data", DATA_DIR + "/baseline.csv")), outDir);
    System.out.println(result.json());
  }

  static TrainingResult train(Args a, Path data, Path outDir) throws Exception {
    if (env("MODELOPS_MODEL") != null) {
      log("training %s (champion %s, candidate %s): %s", env("MODELOPS_MODEL"),
          env("MODELOPS_CHAMPION_VERSION"), env("MODELOPS_CANDIDATE_VERSION"), env("MODELOPS_REASON"));
    }
    if (!Files.exists(data)) {
      log("%s does not exist: generating it", data);
      writeCsv(data, generate(a.integer("rows", 5000), a.integer("seed", 1), a.number("shift", 0)), false);
    }
    List<Row> rows = new ArrayList<>(readCsv(data));
    if (rows.size() < MIN_ROWS) {
      throw new BusinessFailure(data + " has " + rows.size() + " rows; at least " + MIN_ROWS + " are needed");
    }
    java.util.Collections.shuffle(rows, new Random(a.integer("split-seed", 7)));
    int cut = (int) (rows.size() * 0.8);
    List<Row> train = rows.subList(0, cut);
    List<Row> holdout = rows.subList(cut, rows.size());
    Model model = Model.fit(train, a.integer("epochs", 300), 0.5, a.number("l2", 0.001));
    Map<String, Double> metrics = evaluate(model, holdout);
    log("trained on %d rows of %s, holdout %d rows: %s", train.size(), data, holdout.size(), metrics);
    double minAuc = a.number("min-auc", 0.6);
    if (!(metrics.get("auc") >= minAuc)) {
      throw new BusinessFailure("holdout AUC " + metrics.get("auc") + " is below --min-auc " + minAuc);
    }
    Files.createDirectories(outDir);
    Path modelFile = outDir.resolve("model.json").toAbsolutePath().normalize();
    Files.writeString(modelFile, model.toJson());
    String runId = env("MODELOPS_RUN_ID") != null ? env("MODELOPS_RUN_ID") : "credit-risk-" + UUID.randomUUID();
    String dataRef = data.toAbsolutePath().normalize().toUri() + "#sha256=" + sha256(data);
    String json = "{\"artifactUri\":" + Json.quote(modelFile.toUri().toString())
        + ",\"trainingDataRef\":" + Json.quote(dataRef)
        + ",\"runId\":" + Json.quote(runId)
        + ",\"sourceCommit\":" + Json.quote(sourceCommit())
        + ",\"metrics\":" + Json.write(metrics)
        + ",\"monitoring\":" + monitoringProfile(train) + "}";
    return new TrainingResult(json, metrics, modelFile);
  }

  /**
   * The reference profile of the training rows: numeric features as counts in ten quantile bins
   * (compared by PSI), home ownership as category counts.
   */
  static String monitoringProfile(List<Row> rows) {
    Map<String, Object> reference = new LinkedHashMap<>();
    Map<String, Object> methods = new LinkedHashMap<>();
    for (int j = 0; j < NUMERIC.length; j++) {
      final int c = j;
      double[] sorted = rows.stream().mapToDouble(r -> r.x()[c]).sorted().toArray();
      List<Double> distinct = new ArrayList<>();
      for (int q = 0; q <= 10; q++) {
        double e = sorted[Math.min((int) Math.round(q / 10.0 * (sorted.length - 1)), sorted.length - 1)];
        if (distinct.isEmpty() || e > distinct.get(distinct.size() - 1)) {
          distinct.add(e);
        }
      }
      double[] edges = distinct.stream().mapToDouble(Double::doubleValue).toArray();
      reference.put(NUMERIC[j], Map.of("type", "binned", "edges", edges, "counts", histogram(sorted, edges)));
      methods.put(NUMERIC[j], "PSI");
    }
    reference.put(CATEGORICAL, Map.of("type", "categorical", "counts", categoryCounts(rows)));
    return Json.write(Map.of("reference", reference, "drift", Map.of("methods", methods)));
  }

  /** Counts per bin as the orchestrator counts them: bin b holds edges[b] ≤ x < edges[b+1]. */
  static long[] histogram(double[] sorted, double[] edges) {
    long[] counts = new long[Math.max(edges.length - 1, 1)];
    int b = 0;
    for (double x : sorted) {
      while (b < counts.length - 1 && edges[b + 1] <= x) {
        b++;
      }
      counts[b]++;
    }
    return counts;
  }

  static Map<String, Long> categoryCounts(List<Row> rows) {
    Map<String, Long> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.home(), 1L, Long::sum));
    return counts;
  }

  // ---------------------------------------------------------------- register

  static void register(Args a) throws Exception {
    String model = a.get("model", "credit-risk");
    String version = a.require("version");
    Path data = Path.of(a.get("data", DATA_DIR + "/baseline.csv"));
    Path outDir = Path.of(a.get("out-dir", DATA_DIR + "/models/" + version));
    TrainingResult t = train(a, data, outDir);
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) Json.parse(t.json());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("artifactUri", result.get("artifactUri"));
    body.put("framework", "java-logistic-regression");
    body.put("modelType", "ML");
    String riskTier = a.get("risk-tier", "MEDIUM");
    body.put("riskTier", riskTier);
    body.put("riskAssessment", riskAssessment(riskTier));
    body.put("owner", "credit-risk-team");
    body.put("ownerEmail", "credit-risk@example.com");
    body.put("description", "Probability that a consumer loan defaults within 12 months (synthetic example).");
    body.put("intendedUse", "Ranking loan applications for manual review; not for automated declines.");
    body.put("limitations", "Trained on synthetic data; features income, debt ratio, age, loan amount, employment years, home ownership.");
    body.put("modelCardUri", "https://github.com/modelops/orchestrator/tree/main/examples/credit-risk");
    body.put("lineage", Map.of("sourceCommit", result.get("sourceCommit"),
        "trainingDataRef", result.get("trainingDataRef"), "runId", result.get("runId")));
    body.put("metrics", result.get("metrics"));
    List<Object> inputs = new ArrayList<>();
    for (String f : NUMERIC) {
      inputs.add(Map.of("name", f, "type", "double"));
    }
    inputs.add(Map.of("name", CATEGORICAL, "type", "string"));
    body.put("signature", Map.of("inputs", inputs, "outputs", List.of(Map.of("name", "default_probability", "type", "double"))));
    body.put("monitoring", result.get("monitoring"));
    Api api = new Api(a);
    Api.Response r = api.post("/api/models/" + model + "/versions", Json.write(body));
    System.out.println("POST /api/models/" + model + "/versions -> " + r.status());
    System.out.println(r.body());
    if (r.status() / 100 != 2) {
      System.exit(1);
    }
  }

  /**
   * The risk questionnaire, consistent with the declared tier (the orchestrator takes the highest
   * of both). The applicants are synthetic, so the example answers as a model that only ranks
   * applications for people to decide (MEDIUM: material financial impact). A credit model scoring
   * real applicants is used in an EU AI Act Annex III area (5(b), creditworthiness): register it
   * with {@code --risk-tier HIGH}, which answers ESSENTIAL_SERVICES.
   */
  static Map<String, Object> riskAssessment(String riskTier) {
    boolean low = "LOW".equals(riskTier);
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("automatedDecisions", false);
    answers.put("personalData", !low);
    answers.put("specialCategoryData", false);
    answers.put("annexIIIArea", "HIGH".equals(riskTier) ? "ESSENTIAL_SERVICES" : "NONE");
    answers.put("financialImpact", low ? "NONE" : "MATERIAL");
    answers.put("clinicalImpact", false);
    return answers;
  }

  // ---------------------------------------------------------------- traffic

  /**
   * Serving of a canary or production version, simulated: applicants drawn with {@code --drift} as
   * the population shift, scored with the version's model (its artifact), and reported as metric
   * points (one per metric and 100 requests) and one feature window per {@code --windows}.
   */
  @SuppressWarnings("unchecked")
  static void traffic(Args a) throws Exception {
    String model = a.get("model", "credit-risk");
    String version = a.require("version");
    double drift = a.number("drift", 0);
    int rowsPerWindow = a.integer("rows", 500);
    Api api = new Api(a);
    String base = "/api/models/" + model + "/versions/" + version;
    Api.Response v = api.get(base);
    if (v.status() != 200) {
      System.out.println("GET " + base + " -> " + v.status());
      fail(v);
    }
    String artifact = (String) ((Map<String, Object>) Json.parse(v.body())).get("artifactUri");
    Model scorer = Model.fromJson(Files.readString(Path.of(URI.create(artifact))));
    Random noise = new Random();
    for (int w = 0; w < a.integer("windows", 1); w++) {
      List<Row> rows = generate(rowsPerWindow, noise.nextLong(), drift);
      List<Object> points = new ArrayList<>();
      for (int from = 0; from < rows.size(); from += 100) {
        List<Row> chunk = rows.subList(from, Math.min(from + 100, rows.size()));
        points.add(Map.of("name", "accuracy", "value", evaluate(scorer, chunk).get("accuracy")));
        points.add(Map.of("name", "error_rate", "value", round(Math.abs(0.01 + 0.004 * noise.nextGaussian()), 4)));
        points.add(Map.of("name", "latency_p95_ms", "value", round(80 + 10 * noise.nextGaussian(), 1)));
      }
      Api.Response m = api.post(base + "/metrics", Json.write(Map.of("points", points)));
      System.out.println("POST " + base + "/metrics (" + points.size() + " points, accuracy "
          + evaluate(scorer, rows).get("accuracy") + ") -> " + m.status());
      if (m.status() / 100 != 2) {
        fail(m);
      }
      Map<String, Object> features = new LinkedHashMap<>();
      for (int j = 0; j < NUMERIC.length; j++) {
        final int c = j;
        features.put(NUMERIC[j], Map.of("type", "numeric", "values", rows.stream().mapToDouble(r -> r.x()[c]).toArray()));
      }
      features.put(CATEGORICAL, Map.of("type", "categorical", "counts", categoryCounts(rows)));
      Api.Response f = api.post(base + "/feature-windows", Json.write(Map.of("features", features)));
      System.out.println("POST " + base + "/feature-windows (" + rows.size() + " rows, drift " + drift + ") -> " + f.status());
      if (f.status() / 100 != 2) {
        fail(f);
      }
      Map<String, Object> d = (Map<String, Object>) ((Map<String, Object>) Json.parse(f.body())).get("drift");
      System.out.println("  drifted features: " + ((Number) d.get("driftedFeatures")).intValue() + ", share " + d.get("driftShare")
          + ", dataset drift: " + d.get("datasetDrift"));
      if (drift != 0) {
        Path latest = Path.of(DATA_DIR, "latest.csv");
        writeCsv(latest, rows, true);
        System.out.println("  appended " + rows.size() + " labelled rows to " + latest);
      }
    }
  }

  /** Prints the problem the orchestrator answered and exits with 1. */
  static void fail(Api.Response r) {
    System.out.println(r.body());
    System.exit(1);
  }

  // ---------------------------------------------------------------- plumbing

  /** The orchestrator's REST API with HTTP Basic authentication. */
  static final class Api {
    record Response(int status, String body) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String auth;

    Api(Args a) {
      url = a.get("url", "http://localhost:8080").replaceAll("/+$", "");
      auth = "Basic " + Base64.getEncoder().encodeToString(
          (a.require("user") + ":" + a.require("password")).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String path) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    Response post(String path, String json) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(url + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(
          request.header("Authorization", auth).header("Accept", "application/json, application/problem+json").build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    }
  }

  /** {@code --name value} options. */
  static final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 == args.length) {
          throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
        }
        values.put(args[i].substring(2), args[++i]);
      }
    }

    boolean has(String name) {
      return values.containsKey(name);
    }

    String get(String name) {
      return values.get(name);
    }

    String get(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }

    String require(String name) {
      if (!has(name)) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return get(name);
    }

    int integer(String name, int fallback) {
      return has(name) ? Integer.parseInt(get(name)) : fallback;
    }

    double number(String name, double fallback) {
      return has(name) ? Double.parseDouble(get(name)) : fallback;
    }
  }

  /** The run fails for a reason in the data or the model, not for a technical one: exit code 2. */
  static final class BusinessFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BusinessFailure(String message) {
      super(message);
    }
  }

  /** Just enough JSON: writes maps, lists, arrays, numbers and strings; parses into the same. */
  static final class Json {
    static String write(Object o) {
      if (o == null) {
        return "null";
      } else if (o instanceof String s) {
        return quote(s);
      } else if (o instanceof Number n) {
        return num(n.doubleValue());
      } else if (o instanceof Boolean b) {
        return b.toString();
      } else if (o instanceof double[] d) {
        return write(Arrays.stream(d).boxed().toList());
      } else if (o instanceof long[] l) {
        return write(Arrays.stream(l).boxed().toList());
      } else if (o instanceof Map<?, ?> m) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        m.forEach((k, v) -> j.add(quote(k.toString()) + ":" + write(v)));
        return j.toString();
      } else if (o instanceof Iterable<?> it) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        it.forEach(v -> j.add(write(v)));
        return j.toString();
      }
      throw new IllegalArgumentException("cannot write " + o.getClass());
    }

    static String quote(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
      }
      return b.append('"').toString();
    }

    static Object parse(String s) {
      return value(s, new int[] {0});
    }

    private static Object value(String s, int[] p) {
      skip(s, p);
      char c = s.charAt(p[0]);
      if (c == '{') {
        Map<String, Object> m = new LinkedHashMap<>();
        p[0]++;
        skip(s, p);
        if (s.charAt(p[0]) == '}') {
          p[0]++;
          return m;
        }
        while (true) {
          skip(s, p);
          String key = (String) value(s, p);
          skip(s, p);
          p[0]++; // ':'
          m.put(key, value(s, p));
          skip(s, p);
          if (s.charAt(p[0]++) == '}') {
            return m;
          }
        }
      } else if (c == '[') {
        List<Object> l = new ArrayList<>();
        p[0]++;
        skip(s, p);
        if (s.charAt(p[0]) == ']') {
          p[0]++;
          return l;
        }
        while (true) {
          l.add(value(s, p));
          skip(s, p);
          if (s.charAt(p[0]++) == ']') {
            return l;
          }
        }
      } else if (c == '"') {
        StringBuilder b = new StringBuilder();
        p[0]++;
        while (s.charAt(p[0]) != '"') {
          char ch = s.charAt(p[0]++);
          if (ch == '\\') {
            char e = s.charAt(p[0]++);
            switch (e) {
              case 'n' -> b.append('\n');
              case 't' -> b.append('\t');
              case 'r' -> b.append('\r');
              case 'b' -> b.append('\b');
              case 'f' -> b.append('\f');
              case 'u' -> {
                b.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
                p[0] += 4;
              }
              default -> b.append(e);
            }
          } else {
            b.append(ch);
          }
        }
        p[0]++;
        return b.toString();
      }
      int start = p[0];
      while (p[0] < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(p[0])) < 0) {
        p[0]++;
      }
      String token = s.substring(start, p[0]);
      return switch (token) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default -> Double.parseDouble(token);
      };
    }

    private static void skip(String s, int[] p) {
      while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) {
        p[0]++;
      }
    }
  }

  static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /**
   * The version of the training code, for the lineage a HIGH-risk model must document:
   * MODELOPS_SOURCE_COMMIT when the pipeline sets it, else the git commit of the working
   * directory (a clean checkout), else "sha256:" and the hash of this program's source.
   */
  static String sourceCommit() throws Exception {
    if (env("MODELOPS_SOURCE_COMMIT") != null) {
      return env("MODELOPS_SOURCE_COMMIT");
    }
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (git.waitFor() == 0 && out.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
        return out;
      }
    } catch (IOException noGit) {
      // no git here: fall back to the hash of the source
    }
    Path source = Path.of("examples/credit-risk/CreditRisk.java");
    if (!Files.isRegularFile(source)) {
      throw new IllegalStateException(
          "cannot tell the source commit: set MODELOPS_SOURCE_COMMIT or run from the repository root");
    }
    return "sha256:" + sha256(source);
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static String env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v;
  }

  static void log(String format, Object... args) {
    System.err.println("[credit-risk] " + String.format(Locale.ROOT, format, args));
  }
}
