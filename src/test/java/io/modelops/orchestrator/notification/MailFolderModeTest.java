package io.modelops.orchestrator.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;

/** Local runs without an SMTP server: mails land as .eml files, with one INFO line and no WARN. */
class MailFolderModeTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T20:25:27Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private final NotificationOutbox outbox = mock(NotificationOutbox.class);
  private final Logger logger = (Logger) LoggerFactory.getLogger(OutboxMailSender.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  @Test
  void shouldWriteMailsToTheFolderWhenNoSmtpHostIsConfigured() throws Exception {
    // given no SMTP host, and a mail in the outbox
    OutboxMailSender sender =
        new OutboxMailSender(
            outbox, noMailSender(), properties(MailProperties.Mode.AUTO), "", CLOCK);
    OutboxMessage message =
        new OutboxMessage(
            UUID.fromString("6f1c2a6e-0000-4000-8000-0000000000a1"),
            List.of("oscar@example.com", "dana@example.com"),
            "credit-risk:1.0.0 health alert",
            "credit-risk:1.0.0 is DRIFTING\n- income: PSI 0.31 ≥ 0.25, drift\n",
            0);
    when(outbox.due(anyInt(), any())).thenReturn(List.of(message));
    when(outbox.claim(message)).thenReturn(true);

    // when the outbox is polled, twice
    sender.sendDue();
    sender.sendDue();

    // then the mail is a file a mail client opens, and marked sent
    List<Path> files;
    try (Stream<Path> list = Files.list(dir.resolve("mail"))) {
      files = list.filter(f -> f.toString().endsWith(".eml")).toList();
    }
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString())
        .isEqualTo("20261207-202527-6f1c2a6e-0000-4000-8000-0000000000a1.eml");
    String eml = Files.readString(files.get(0), StandardCharsets.UTF_8);
    assertThat(eml)
        .contains("To: oscar@example.com, dana@example.com")
        .contains("From: modelops@localhost")
        .contains("Subject: credit-risk:1.0.0 health alert");
    verify(outbox, org.mockito.Mockito.times(2)).markSent(message.id());

    // and the folder is logged once at INFO, nothing at WARN
    assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.INFO))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains(dir.resolve("mail").toAbsolutePath().normalize().toString()));
  }

  @Test
  void shouldUseTheFolderWhenAskedEvenWithAnSmtpHost() {
    OutboxMailSender sender =
        new OutboxMailSender(
            outbox,
            noMailSender(),
            properties(MailProperties.Mode.FOLDER),
            "smtp.example.com",
            CLOCK);
    assertThat(sender).isNotNull();
    assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("mode=folder"));
  }

  @Test
  void shouldRefuseTheSmtpModeWithoutAnSmtpServer() {
    assertThatThrownBy(
            () ->
                new OutboxMailSender(
                    outbox, noMailSender(), properties(MailProperties.Mode.SMTP), "", CLOCK))
        .hasMessageContaining("no SMTP host is configured");
  }

  private MailProperties properties(MailProperties.Mode mode) {
    return new MailProperties(
        true,
        "modelops@localhost",
        List.of(),
        Duration.ofSeconds(5),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        mode,
        dir.resolve("mail"));
  }

  @SuppressWarnings("unchecked")
  private static ObjectProvider<JavaMailSender> noMailSender() {
    ObjectProvider<JavaMailSender> provider = mock(ObjectProvider.class);
    when(provider.getIfAvailable()).thenReturn(null);
    return provider;
  }
}
