package io.modelops.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelType;
import io.modelops.orchestrator.catalog.RiskTier;
import io.modelops.orchestrator.catalog.Stage;
import io.modelops.orchestrator.findings.Severity;
import io.modelops.orchestrator.monitoring.HealthStatus;
import io.modelops.orchestrator.web.html.TestTemplates;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardPageTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, ZoneOffset.UTC);
  private static final String SCRIPT = "<script>alert('x')</script>";

  @Test
  void shouldRenderChartsFindingsAndEscapedValues() {
    // given
    InventoryRow production =
        row(SCRIPT, "1.0.0", RiskTier.HIGH, LifecycleStatus.IN_PRODUCTION, Stage.PRODUCTION);
    InventoryRow review =
        row("churn", "2.0.0", RiskTier.LOW, LifecycleStatus.IN_REVIEW, Stage.NONE);
    Map<Severity, Long> findings = new EnumMap<>(Severity.class);
    findings.put(Severity.LOW, 0L);
    findings.put(Severity.MEDIUM, 2L);
    findings.put(Severity.HIGH, 1L);
    findings.put(Severity.CRITICAL, 0L);
    Dashboard d =
        new Dashboard(
            InventoryFilter.none(),
            "oscar",
            NOW,
            List.of(production, review),
            new Dashboard.Summary(2, 2, Map.of(), 2, 1, 0, 1, 2),
            true,
            List.of(),
            Map.of(),
            0,
            List.of(),
            Map.of(),
            List.of(),
            List.of("fraud-team"),
            List.of(
                new Dashboard.ApprovalAge(Duration.ofHours(2), false),
                new Dashboard.ApprovalAge(Duration.ofDays(9), true)),
            findings,
            1);

    // when
    String html =
        TestTemplates.pages()
            .render("dashboard", DashboardController.variables(d, TestTemplates.links()));

    // then
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)");
    assertThat(html).contains("<link rel=\"stylesheet\" href=\"/css/modelops.css\"");
    assertThat(count(html, "<svg ")).isEqualTo(3);
    String byStage = figure(html, "chart-versions-by-stage");
    assertThat(count(byStage, "<g class=\"series\"")).isEqualTo(RiskTier.values().length);
    assertThat(byStage).contains("Versions by stage and risk tier", ">Production</text>");
    String health = figure(html, "chart-production-health");
    assertThat(health).contains(">" + HealthStatus.NO_DATA.name() + "</text>");
    String ages = figure(html, "chart-approval-ages");
    assertThat(count(ages, "<g class=\"series\"")).isEqualTo(2);
    assertThat(ages)
        .contains("data-series=\"on time\"", "data-series=\"overdue\"", ">&gt; 7 days</text>");
    assertThat(html)
        .contains("<b>3</b>Open findings", "<b>1</b>Overdue findings")
        .contains("<td>MEDIUM</td><td>2</td>")
        .contains("1 finding past the due date.");
    assertThat(html).contains("<section id=\"stage-production\">", "<td>churn</td>");
  }

  @Test
  void shouldSayThereIsNothingToChartWhenTheInventoryIsEmpty() {
    Dashboard d =
        new Dashboard(
            InventoryFilter.none(),
            "dana",
            NOW,
            List.of(),
            new Dashboard.Summary(0, 0, Map.of(), 0, 0, 0, 0, 0),
            false,
            List.of(),
            Map.of(),
            0,
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            0);

    String html =
        TestTemplates.pages()
            .render("dashboard", DashboardController.variables(d, TestTemplates.links()));

    assertThat(html).doesNotContain("<svg");
    assertThat(html)
        .contains("No model version matches the filter.", "No approval is pending.")
        .contains("0 findings past the due date.");
  }

  private static InventoryRow row(
      String model, String version, RiskTier tier, LifecycleStatus status, Stage stage) {
    return new InventoryRow(
        model, version, tier, ModelType.ML, "fraud-team", status, stage, "dana", NOW, NOW, null);
  }

  private static String figure(String html, String id) {
    int start = html.indexOf("<figure class=\"chart\" id=\"" + id + "\"");
    assertThat(start).as(id).isNotNegative();
    return html.substring(start, html.indexOf("</figure>", start));
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
