package io.modelops.orchestrator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak heap of this JVM while it runs: heap used (live data and garbage not yet collected,
 * sampled every 50 ms) and heap left after the garbage collections (the live data, from each pool's
 * usage after its last collection).
 */
final class HeapSampler implements AutoCloseable {

  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "heap-sampler"));

  HeapSampler start() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    scheduler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
    return this;
  }

  private void sample() {
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long afterGc = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      if (pool.getCollectionUsage() != null) {
        afterGc += pool.getCollectionUsage().getUsed();
      }
    }
    peakUsed.accumulateAndGet(used, Math::max);
    peakAfterGc.accumulateAndGet(afterGc, Math::max);
  }

  double peakUsedMb() {
    return peakUsed.get() / 1024.0 / 1024.0;
  }

  double peakAfterGcMb() {
    return peakAfterGc.get() / 1024.0 / 1024.0;
  }

  static double maxHeapMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1024.0 / 1024.0;
  }

  @Override
  public void close() {
    sample();
    scheduler.shutdownNow();
  }
}
