package io.modelops.orchestrator.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetrainingSettingsTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 2, 10, 15, 0, 0, ZoneOffset.UTC);

  @Test
  void shouldScheduleADurationFromNow() {
    assertThat(RetrainingSettings.nextRun("P30D", NOW)).isEqualTo(NOW.plusDays(30));
    assertThat(RetrainingSettings.nextRun("PT1H", NOW)).isEqualTo(NOW.plusHours(1));
  }

  @Test
  void shouldScheduleACronExpressionAtItsNextTime() {
    // 03:00 on the first of every month
    assertThat(RetrainingSettings.nextRun("0 0 3 1 * *", NOW))
        .isEqualTo(OffsetDateTime.of(2027, 1, 1, 3, 0, 0, 0, ZoneOffset.UTC));
  }

  @Test
  void shouldRefuseSchedulesThatAreInvalidOrTooFrequent() {
    assertThat(RetrainingSettings.nextRun("PT5M", NOW)).isNull();
    assertThat(RetrainingSettings.nextRun("0 * * * * *", NOW)).isNull(); // every minute
    assertThat(RetrainingSettings.nextRun("P1M", NOW)).isNull(); // months are not a Duration
    assertThat(RetrainingSettings.nextRun("every day", NOW)).isNull();
    assertThat(new RetrainingSettings("PT5M", null).isScheduleValid()).isFalse();
    assertThat(new RetrainingSettings(null, null).isScheduleValid()).isTrue();
    assertThat(new RetrainingSettings(null, null).effectiveTrainer())
        .isEqualTo(RetrainingSettings.Trainer.WORKER);
  }
}
