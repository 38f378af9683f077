package io.modelops.orchestrator.web.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ReadableTest {

  @Test
  void shouldStateDriftAsTrueInequalities() {
    assertThat(Readable.drift("PSI", 0.009544, 0.1, false, false))
        .isEqualTo("PSI 0.0095 < 0.10, no drift");
    assertThat(Readable.drift("PSI", 0.3124, 0.25, false, true))
        .isEqualTo("PSI 0.31 ≥ 0.25, drift");
    assertThat(Readable.drift("KS", 0.00123, 0.05, true, true))
        .isEqualTo("KS p-value 0.0012 < 0.05, drift");
    assertThat(Readable.drift("CHI_SQUARE", 0.43, 0.05, true, false))
        .isEqualTo("CHI_SQUARE p-value 0.43 ≥ 0.05, no drift");
  }

  @Test
  void shouldShowMoreDigitsWhenTwoWouldLookEqualToTheThreshold() {
    assertThat(Readable.drift("PSI", 0.0996, 0.1, false, false))
        .isEqualTo("PSI 0.0996 < 0.10, no drift");
    assertThat(Readable.drift("JENSEN_SHANNON", 0.1004, 0.1, false, true))
        .isEqualTo("JENSEN_SHANNON 0.1004 ≥ 0.10, drift");
  }

  @Test
  void shouldFormatTimesToTheMinuteInUtc() {
    assertThat(Readable.time(OffsetDateTime.parse("2026-12-07T20:25:27.859096893Z")))
        .isEqualTo("2026-12-07 20:25 UTC");
    assertThat(Readable.time(OffsetDateTime.parse("2026-12-07T21:25:27+01:00")))
        .isEqualTo("2026-12-07 20:25 UTC");
    assertThat(ReportTime.format(OffsetDateTime.parse("2026-12-07T20:25:27Z")))
        .isEqualTo("2026-12-07 20:25 UTC");
    assertThat(Readable.time(null)).isEmpty();
  }

  @Test
  void shouldSayDurationsInWords() {
    assertThat(Readable.duration("PT1H")).isEqualTo("1 hour");
    assertThat(Readable.duration("PT90M")).isEqualTo("1 hour 30 minutes");
    assertThat(Readable.duration("P3D")).isEqualTo("3 days");
    assertThat(Readable.duration("PT30M")).isEqualTo("30 minutes");
    assertThat(Readable.duration("P1M")).isEqualTo("1 month");
    assertThat(Readable.duration("soon")).isEqualTo("soon");
  }

  @Test
  void shouldWriteNumbersAndLimitsAsPeopleDo() {
    assertThat(Readable.number(0.009544)).isEqualTo("0.0095");
    assertThat(Readable.number(84.3)).isEqualTo("84");
    assertThat(Readable.limit(0.1)).isEqualTo("0.10");
    assertThat(Readable.limit(0.025)).isEqualTo("0.025");
    assertThat(Readable.limit(200)).isEqualTo("200");
  }

  @Test
  void shouldCountWithTheRightPlural() {
    assertThat(Readable.count(1, "health evaluation")).isEqualTo("1 health evaluation");
    assertThat(Readable.count(2, "health evaluation")).isEqualTo("2 health evaluations");
    assertThat(Readable.count(0, "metric point")).isEqualTo("0 metric points");
    assertThat(Readable.count(1, "metric point")).isEqualTo("1 metric point");
    assertThat(Readable.count(3, "match")).isEqualTo("3 matches");
    assertThat(Readable.count(2, "policy")).isEqualTo("2 policies");
    assertThat(Readable.count(2, "day")).isEqualTo("2 days");
  }
}
