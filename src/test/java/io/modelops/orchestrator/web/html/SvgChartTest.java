package io.modelops.orchestrator.web.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelops.orchestrator.web.html.SvgChart.Bars;
import io.modelops.orchestrator.web.html.SvgChart.Chart;
import io.modelops.orchestrator.web.html.SvgChart.Line;
import io.modelops.orchestrator.web.html.SvgChart.Point;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {

  private static final String SCRIPT = "<script>alert('x')</script>";

  @Test
  void shouldDrawOneGroupPerLineWithLegendTitleAndDataTable() {
    // given
    List<Line> lines =
        List.of(
            new Line("drift score", List.of(new Point(0, 0.05), new Point(3600, 0.2)), false),
            Line.limit("threshold", 0.1, 0, 3600));

    // when
    Chart chart = SvgChart.timeLines("chart-drift-0", "Drift of age", "Score", lines, "none");

    // then
    assertThat(chart.empty()).isFalse();
    assertThat(count(chart.svg(), "<g class=\"series")).isEqualTo(2);
    assertThat(chart.svg())
        .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .contains("role=\"img\"", "aria-labelledby=\"chart-drift-0-title chart-drift-0-desc\"")
        .contains("<title id=\"chart-drift-0-title\">Drift of age</title>")
        .contains("data-series=\"drift score\"", "data-series=\"threshold\"")
        .contains("stroke-dasharray", "Time (UTC)", ">Score</text>")
        .contains("class=\"legend\"", ">drift score</text>", ">threshold</text>");
    assertThat(count(chart.svg(), "<g class=\"legend-item\">")).isEqualTo(2);
    assertThat(chart.series()).containsExactly("drift score", "threshold");
    assertThat(chart.columns()).containsExactly("Time (UTC)", "drift score", "threshold");
    assertThat(chart.rows()).hasSize(2);
    assertThat(chart.rows().get(1)).containsExactly("1970-01-01 01:00 UTC", "0.2", "0.1");
    assertThat(chart.summary()).contains("drift score: 2 points, latest 0.2", "threshold 0.1");
  }

  @Test
  void shouldEscapeNamesAndTitlesFromData() {
    Chart lines =
        SvgChart.timeLines(
            "x",
            "Drift of " + SCRIPT,
            SCRIPT,
            List.of(new Line(SCRIPT, List.of(new Point(0, 1)), false)),
            "none");
    Chart bars =
        SvgChart.bars(
            "y",
            SCRIPT,
            "Bin",
            "Share",
            List.of(SCRIPT, "\"quoted\" & more"),
            List.of(new Bars(SCRIPT, List.of(1.0, 2.0))),
            "none");

    for (Chart chart : List.of(lines, bars)) {
      assertThat(chart.svg())
          .doesNotContain("<script", "'x'")
          .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }
    assertThat(bars.svg()).contains("&quot;quoted&quot; &amp; more").doesNotContain("\"quoted\"");
  }

  @Test
  void shouldKeepIdsToSafeCharacters() {
    Chart chart =
        SvgChart.timeLines(
            "chart\" onload=\"alert(1)",
            "t",
            "y",
            List.of(new Line("a", List.of(new Point(0, 1)), false)),
            "none");

    assertThat(chart.id()).isEqualTo("chart__onload__alert_1_");
    assertThat(chart.svg()).doesNotContain("onload=\"");
  }

  @Test
  void shouldDrawGroupedBarsOnePerSeriesAndCategory() {
    Chart chart =
        SvgChart.bars(
            "chart-versions",
            "Versions by stage and risk tier",
            "Stage",
            "Versions",
            List.of("Production", "Canary", "Staging"),
            List.of(
                new Bars("LOW", List.of(1.0, 0.0, 2.0)),
                new Bars("MEDIUM", List.of(0.0, 1.0, 0.0)),
                new Bars("HIGH", List.of(3.0, 0.0, 0.0))),
            "none");

    assertThat(count(chart.svg(), "<g class=\"series")).isEqualTo(3);
    assertThat(count(chart.svg(), "<rect ")).isEqualTo(9);
    assertThat(chart.svg()).contains(">Production</text>", ">Canary</text>", ">Staging</text>");
    assertThat(chart.rows())
        .containsExactly(
            List.of("Production", "1", "0", "3"),
            List.of("Canary", "0", "1", "0"),
            List.of("Staging", "2", "0", "0"));
  }

  @Test
  void shouldSayThereIsNoDataInsteadOfDrawingEmptyAxes() {
    Chart noLines =
        SvgChart.timeLines(
            "a", "Drift", "Score", List.of(Line.limit("threshold", 0.1, 0, 1)), "No data yet.");
    Chart noBars =
        SvgChart.bars(
            "b",
            "Versions",
            "Stage",
            "n",
            List.of("x"),
            List.of(new Bars("s", List.of(0.0))),
            "None.");

    assertThat(noLines.empty()).isTrue();
    assertThat(noLines.svg()).isNull();
    assertThat(noLines.summary()).isEqualTo("No data yet.");
    assertThat(noBars.empty()).isTrue();
    assertThat(noBars.summary()).isEqualTo("None.");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
