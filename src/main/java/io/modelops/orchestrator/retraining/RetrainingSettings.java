package io.modelops.orchestrator.retraining;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.scheduling.support.CronExpression;

/**
 * How a model is retrained: on which schedule (besides drift and manual requests) and by whom.
 * Given at registration; candidates from a retraining inherit it.
 */
@Schema(description = "Retraining settings of the model")
public record RetrainingSettings(
    @Schema(
            example = "P30D",
            description =
                "Retrain on a schedule while the version is in production: an ISO 8601 duration"
                    + " (at least PT1H, e.g. P30D) or a six-field cron expression (second minute"
                    + " hour day month weekday, e.g. \"0 0 3 1 * *\"). Without it, retraining"
                    + " follows drift and manual requests only.")
        @Size(max = 100)
        String schedule,
    @Schema(
            example = "WORKER",
            description =
                "WORKER: a training worker of the external task topic model-training (default);"
                    + " PIPELINE: the configured training pipeline webhook")
        Trainer trainer) {

  /** Who trains. */
  public enum Trainer {
    WORKER,
    PIPELINE
  }

  /** Shortest schedule interval accepted. */
  static final Duration MIN_INTERVAL = Duration.ofHours(1);

  public Trainer effectiveTrainer() {
    return trainer == null ? Trainer.WORKER : trainer;
  }

  @JsonIgnore
  @AssertTrue(
      message =
          "schedule must be an ISO 8601 duration of at least PT1H (e.g. P30D) or a six-field cron"
              + " expression (e.g. \"0 0 3 1 * *\")")
  public boolean isScheduleValid() {
    return schedule == null || nextRun(schedule, OffsetDateTime.now()) != null;
  }

  /**
   * The next run after {@code after} for a schedule, or null when the schedule is not valid.
   * Durations count from {@code after}.
   */
  public static OffsetDateTime nextRun(String schedule, OffsetDateTime after) {
    String value = schedule.strip();
    if (value.startsWith("P") || value.startsWith("p")) {
      try {
        Duration interval = Duration.parse(value);
        return interval.compareTo(MIN_INTERVAL) < 0 ? null : after.plus(interval);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (!CronExpression.isValidExpression(value)) {
      return null;
    }
    CronExpression cron = CronExpression.parse(value);
    OffsetDateTime first = cron.next(after);
    OffsetDateTime second = first == null ? null : cron.next(first);
    if (second == null || Duration.between(first, second).compareTo(MIN_INTERVAL) < 0) {
      return null;
    }
    return first;
  }
}
