package io.modelops.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.deployment.DeploymentStage;
import io.modelops.orchestrator.deployment.StageEvent;
import io.modelops.orchestrator.monitoring.FeatureSpec;
import io.modelops.orchestrator.monitoring.MonitoringProfile;
import io.modelops.orchestrator.web.html.SvgChart.Chart;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void shouldDrawTheDriftOfEachFeatureAgainstItsThreshold() {
    List<Chart> charts =
        ReportCharts.drift(
            List.of(
                new ReportCharts.DriftPoint(T0, "age", 0.02, 0.1),
                new ReportCharts.DriftPoint(T0, "<b>income</b>", 0.3, 0.1),
                new ReportCharts.DriftPoint(T0.plusHours(1), "age", 0.04, 0.1),
                new ReportCharts.DriftPoint(T0.plusHours(1), "<b>income</b>", 0.35, 0.1)));

    assertThat(charts)
        .extracting(Chart::title)
        .containsExactly("Drift of <b>income</b>", "Drift of age");
    assertThat(charts)
        .allSatisfy(c -> assertThat(c.series()).containsExactly("drift score", "threshold"));
    assertThat(charts.get(0).svg())
        .contains("Drift of &lt;b&gt;income&lt;/b&gt;")
        .doesNotContain("<b>");
    assertThat(charts.get(1).rows()).hasSize(2);
  }

  @Test
  void shouldSaySoWhenThereIsNoDriftYet() {
    List<Chart> charts = ReportCharts.drift(List.of());

    assertThat(charts).singleElement().satisfies(c -> assertThat(c.empty()).isTrue());
    assertThat(charts.get(0).summary()).contains("No health evaluation");
  }

  @Test
  void shouldCompareReferenceAndCurrentSharesPerCategoryAndBin() {
    Map<String, FeatureSpec> reference =
        Map.of(
            "channel", new FeatureSpec.Categorical(Map.of("card", 80L, "cash", 20L)),
            "amount", new FeatureSpec.Numeric(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    Map<String, FeatureSpec> current =
        Map.of(
            "channel", new FeatureSpec.Categorical(Map.of("card", 50L, "cash", 50L)),
            "amount", new FeatureSpec.Numeric(new double[] {9, 10, 10, 10}));

    List<Chart> charts = ReportCharts.distributions(reference, current);

    assertThat(charts)
        .extracting(Chart::title)
        .containsExactly("Distribution of amount", "Distribution of channel");
    assertThat(charts)
        .allSatisfy(c -> assertThat(c.series()).containsExactly("reference", "current"));
    assertThat(charts.get(1).rows())
        .containsExactly(List.of("card", "80", "50"), List.of("cash", "20", "50"));
    assertThat(charts.get(0).rows()).hasSize(10);
    assertThat(charts.get(0).rows().get(9)).containsExactly("9.1–10", "10", "75");
  }

  @Test
  void shouldDrawMetricsWithTheirLimits() {
    List<ReportCharts.MetricValue> values =
        List.of(
            new ReportCharts.MetricValue("", "error_rate", 0.01, T0),
            new ReportCharts.MetricValue("", "error_rate", 0.07, T0.plusHours(1)),
            new ReportCharts.MetricValue("", "latency_ms", 120, T0));

    List<Chart> charts =
        ReportCharts.metrics(
            values, Map.of("error_rate", new MonitoringProfile.MetricLimit(null, 0.05)));

    assertThat(charts).hasSize(2);
    assertThat(charts.get(0).series()).containsExactly("error_rate", "max 0.05");
    assertThat(charts.get(1).series()).containsExactly("latency_ms");
  }

  @Test
  void shouldDrawCanaryAgainstProductionDuringTheCanaryOnly() {
    List<StageEvent> history =
        List.of(
            new StageEvent(1, "2.0.0", DeploymentStage.STAGING, "DEPLOY", 0, "s", "ci", T0, null),
            new StageEvent(
                2, "2.0.0", DeploymentStage.CANARY, "DEPLOY", 10, "c", "ci", T0.plusHours(1), null),
            new StageEvent(
                3,
                "2.0.0",
                DeploymentStage.PRODUCTION,
                "PROMOTE",
                100,
                "p",
                "oscar",
                T0.plusHours(3),
                null));

    var window = ReportCharts.canaryWindow(history).orElseThrow();
    List<Chart> charts =
        ReportCharts.canary(
            "2.0.0",
            List.of(
                new ReportCharts.MetricValue("2.0.0", "accuracy", 0.91, T0.plusHours(2)),
                new ReportCharts.MetricValue("1.0.0", "accuracy", 0.89, T0.plusHours(2))));

    assertThat(window).containsExactly(T0.plusHours(1), T0.plusHours(3));
    assertThat(charts)
        .singleElement()
        .satisfies(c -> assertThat(c.series()).containsExactly("canary 2.0.0", "production 1.0.0"));
    assertThat(ReportCharts.canaryWindow(history.subList(0, 1))).isEmpty();
  }
}
