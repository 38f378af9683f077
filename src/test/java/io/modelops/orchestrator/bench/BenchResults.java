package io.modelops.orchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Results of the benchmarks: each one adds its rounds to {@code target/bench/results.json} (one
 * entry per benchmark, replaced when it runs again) and prints the summary table.
 */
final class BenchResults {

  static final Path FILE = Path.of("target", "bench", "results.json");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Whether a higher value is better (throughput) or a lower one (latency, time). */
  enum Goal {
    AT_LEAST,
    AT_MOST
  }

  /** One benchmark: the value of every measured round, its unit and target. */
  record Result(String id, String name, String unit, double[] rounds, Goal goal, double target) {
    double median() {
      double[] sorted = rounds.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
      return Arrays.stream(rounds).min().orElse(Double.NaN);
    }

    double max() {
      return Arrays.stream(rounds).max().orElse(Double.NaN);
    }

    /** Without a target (NaN) a result is shown for information and counts as met. */
    boolean met() {
      if (Double.isNaN(target)) {
        return true;
      }
      return goal == Goal.AT_LEAST ? median() >= target : median() <= target;
    }
  }

  static synchronized void record(Result result) {
    try {
      Files.createDirectories(FILE.getParent());
      ObjectNode root =
          Files.exists(FILE) ? (ObjectNode) JSON.readTree(FILE.toFile()) : JSON.createObjectNode();
      root.put("machine", machine());
      ObjectNode benchmarks = root.with("benchmarks");
      ObjectNode entry = benchmarks.putObject(result.id());
      entry.put("name", result.name());
      entry.put("unit", result.unit());
      entry.put("median", result.median());
      entry.put("min", result.min());
      entry.put("max", result.max());
      ArrayNode rounds = entry.putArray("rounds");
      Arrays.stream(result.rounds()).forEach(rounds::add);
      entry.put(
          "target",
          Double.isNaN(result.target())
              ? "-"
              : (result.goal() == Goal.AT_LEAST ? ">= " : "<= ") + result.target());
      entry.put("targetMet", result.met());
      JSON.writeValue(FILE.toFile(), root);
      print(benchmarks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(ObjectNode benchmarks) {
    StringBuilder table =
        new StringBuilder("\n=== Benchmarks (").append(machine()).append(") ===\n");
    table.append(
        String.format(
            Locale.ROOT,
            "%-4s %-52s %14s %14s %-14s %s%n",
            "id",
            "benchmark",
            "median",
            "spread",
            "target",
            "met"));
    benchmarks
        .fields()
        .forEachRemaining(
            e -> {
              var b = e.getValue();
              table.append(
                  String.format(
                      Locale.ROOT,
                      "%-4s %-52s %14s %14s %-14s %s%n",
                      e.getKey(),
                      b.path("name").asText(),
                      fmt(b.path("median").asDouble()) + " " + b.path("unit").asText(),
                      fmt(b.path("min").asDouble()) + "-" + fmt(b.path("max").asDouble()),
                      b.path("target").asText(),
                      b.path("targetMet").asBoolean() ? "yes" : "NO"));
            });
    System.out.println(table);
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + System.getProperty("java.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch");
  }

  private BenchResults() {}
}
