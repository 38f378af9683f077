package io.modelops.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportFormatTest {

  @Test
  void shouldAnswerJsonByDefault() {
    assertThat(ReportFormat.choose(null, null)).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.choose(null, "*/*")).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.choose(null, "application/json")).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.choose(null, "not a media type")).isEqualTo(ReportFormat.JSON);
  }

  @Test
  void shouldAnswerHtmlToBrowsers() {
    assertThat(
            ReportFormat.choose(
                null, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
        .isEqualTo(ReportFormat.HTML);
    assertThat(ReportFormat.choose(null, "text/html")).isEqualTo(ReportFormat.HTML);
  }

  @Test
  void shouldFollowTheQualityOfTheAcceptedTypes() {
    assertThat(ReportFormat.choose(null, "text/html;q=0.5, application/json"))
        .isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.choose(null, "application/json;q=0.2, text/html;q=0.9"))
        .isEqualTo(ReportFormat.HTML);
    assertThat(ReportFormat.choose(null, "text/html;q=0, */*")).isEqualTo(ReportFormat.JSON);
  }

  @Test
  void shouldLetTheFormatParameterWin() {
    assertThat(ReportFormat.choose("html", "application/json")).isEqualTo(ReportFormat.HTML);
    assertThat(ReportFormat.choose("JSON", "text/html")).isEqualTo(ReportFormat.JSON);
  }
}
