package io.modelops.orchestrator.inventory;

import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.monitoring.HealthStatus;
import io.modelops.orchestrator.web.html.SvgChart;
import io.modelops.orchestrator.web.html.SvgChart.Bars;
import io.modelops.orchestrator.web.html.SvgChart.Chart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The charts of the dashboard, from the same data as its tables. */
final class DashboardCharts {

  /** Upper bounds of the age groups of pending approvals, in hours; the last group is open. */
  static final long[] AGE_HOURS = {24, 72, 168};

  static final List<String> AGE_LABELS = List.of("< 1 day", "1–3 days", "3–7 days", "> 7 days");

  static List<Chart> of(Dashboard d) {
    return List.of(versionsByStage(d), productionHealth(d), approvalAges(d));
  }

  /** Versions by inventory stage, one bar per risk tier. */
  static Chart versionsByStage(Dashboard d) {
    List<String> stages =
        Arrays.stream(InventoryStage.values()).map(InventoryStage::label).toList();
    List<Bars> series = new ArrayList<>();
    for (RiskTier tier : RiskTier.values()) {
      List<Double> counts = new ArrayList<>();
      for (InventoryStage stage : InventoryStage.values()) {
        counts.add(
            (double)
                d.versions().stream()
                    .filter(v -> v.inventoryStage() == stage && v.riskTier() == tier)
                    .count());
      }
      series.add(new Bars(tier.name(), counts));
    }
    return SvgChart.bars(
        "chart-versions-by-stage",
        "Versions by stage and risk tier",
        "Stage",
        "Versions",
        stages,
        series,
        "No model version matches the filter.");
  }

  /** Production versions by their latest health, one bar per risk tier. */
  static Chart productionHealth(Dashboard d) {
    List<InventoryRow> production = d.versionsIn(InventoryStage.PRODUCTION);
    List<String> statuses = Arrays.stream(HealthStatus.values()).map(Enum::name).toList();
    List<Bars> series = new ArrayList<>();
    for (RiskTier tier : RiskTier.values()) {
      List<Double> counts = new ArrayList<>();
      for (HealthStatus status : HealthStatus.values()) {
        counts.add(
            (double)
                production.stream()
                    .filter(v -> v.riskTier() == tier)
                    .filter(
                        v ->
                            (d.healthOf(v) == null ? HealthStatus.NO_DATA : d.healthOf(v))
                                == status)
                    .count());
      }
      series.add(new Bars(tier.name(), counts));
    }
    return SvgChart.bars(
        "chart-production-health",
        "Production versions by health and risk tier",
        "Latest health",
        "Versions",
        statuses,
        series,
        "No version in production matches the filter.");
  }

  /** Pending approvals (all groups) by how long they have waited, on time and overdue. */
  static Chart approvalAges(Dashboard d) {
    double[] onTime = new double[AGE_LABELS.size()];
    double[] overdue = new double[AGE_LABELS.size()];
    for (Dashboard.ApprovalAge a : d.approvalAges()) {
      int group = ageGroup(a.age());
      if (a.overdue()) {
        overdue[group]++;
      } else {
        onTime[group]++;
      }
    }
    return SvgChart.bars(
        "chart-approval-ages",
        "Age of pending approvals",
        "Waiting for",
        "Approvals",
        AGE_LABELS,
        List.of(
            new Bars("on time", Arrays.stream(onTime).boxed().toList()),
            new Bars("overdue", Arrays.stream(overdue).boxed().toList())),
        "No approval is pending.");
  }

  static int ageGroup(Duration age) {
    long hours = age.toHours();
    for (int i = 0; i < AGE_HOURS.length; i++) {
      if (hours < AGE_HOURS[i]) {
        return i;
      }
    }
    return AGE_HOURS.length;
  }

  private DashboardCharts() {}
}
