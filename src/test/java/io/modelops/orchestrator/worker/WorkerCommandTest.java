package io.modelops.orchestrator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {

  @Test
  void shouldPassTheEnvironmentAndKeepTheLastLineOfOutput() throws Exception {
    // when
    WorkerCommand.Outcome outcome =
        WorkerCommand.run(
            List.of(
                "sh",
                "-c",
                "echo working >&2; echo progress; echo \"{\\\"model\\\":\\\"$MODELOPS_MODEL\\\"}\""),
            Map.of("MODELOPS_MODEL", "credit-risk"),
            null,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            () -> {});

    // then
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.lastLine()).isEqualTo("{\"model\":\"credit-risk\"}");
    assertThat(outcome.stderr()).contains("working");
  }

  @Test
  void shouldReportTheExitCodeAndTheLastLineOfErrorsAsTheReason() throws Exception {
    // when
    WorkerCommand.Outcome outcome =
        WorkerCommand.run(
            List.of("sh", "-c", "echo 'loading' >&2; echo 'AUC 0.61 below 0.7' >&2; exit 2"),
            Map.of(),
            null,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            () -> {});

    // then
    assertThat(outcome.exitCode()).isEqualTo(WorkerCommand.BUSINESS_FAILURE);
    assertThat(outcome.reason()).isEqualTo("AUC 0.61 below 0.7");
  }

  @Test
  void shouldBeatWhileTheCommandRunsAndKillItAfterTheTimeout() throws Exception {
    // given
    AtomicInteger beats = new AtomicInteger();

    // when
    WorkerCommand.Outcome outcome =
        WorkerCommand.run(
            List.of("sh", "-c", "sleep 30"),
            Map.of(),
            null,
            Duration.ofMillis(600),
            Duration.ofMillis(100),
            beats::incrementAndGet);

    // then
    assertThat(outcome.timedOut()).isTrue();
    assertThat(beats.get()).isGreaterThanOrEqualTo(2);
  }
}
