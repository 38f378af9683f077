package io.modelops.orchestrator.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies of one round of requests, in milliseconds, and their percentiles. */
final class Latencies {

  private final double[] millis;
  private final AtomicInteger next = new AtomicInteger();

  Latencies(int requests) {
    this.millis = new double[requests];
  }

  /** Records the time since {@code startNanos}; safe from several threads. */
  void since(long startNanos) {
    millis[next.getAndIncrement()] = (System.nanoTime() - startNanos) / 1e6;
  }

  /** The nearest-rank percentile, e.g. {@code percentile(95)}. */
  double percentile(double p) {
    double[] sorted = Arrays.copyOf(millis, next.get());
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
