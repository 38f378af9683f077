package io.modelops.orchestrator.notification;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued mails. Each mail is claimed with a conditional update first, so several nodes can
 * poll the same outbox; failures back off exponentially and end as FAILED after the configured
 * number of attempts. Mails go to the SMTP server, or in the folder mode ({@link MailProperties}
 * {@code mode}: {@code folder}, or {@code auto} without an SMTP host) to {@code .eml} files.
 */
@Component
class OutboxMailSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxMailSender.class);
  private static final int BATCH = 50;
  private static final Duration SENDING_LEASE = Duration.ofMinutes(5);

  private final NotificationOutbox outbox;
  private final JavaMailSender mailSender;
  private final MailFolder folder;
  private final MailProperties properties;

  public OutboxMailSender(
      NotificationOutbox outbox,
      ObjectProvider<JavaMailSender> mailSender,
      MailProperties properties,
      @Value("${spring.mail.host:}") String smtpHost,
      Clock clock) {
    this.outbox = outbox;
    this.properties = properties;
    boolean toFolder =
        properties.mode() == MailProperties.Mode.FOLDER
            || (properties.mode() == MailProperties.Mode.AUTO
                && (smtpHost == null || smtpHost.isBlank()));
    if (toFolder) {
      this.mailSender = null;
      this.folder = new MailFolder(properties.folder(), clock);
      if (properties.enabled()) {
        log.info(
            "Mail is written as .eml files to {} (modelops.mail.mode={}{}); configure an SMTP"
                + " host (MODELOPS_SMTP_HOST) to send it",
            folder.folder(),
            properties.mode().name().toLowerCase(java.util.Locale.ROOT),
            properties.mode() == MailProperties.Mode.AUTO ? ", no SMTP host configured" : "");
      }
    } else {
      this.mailSender = mailSender.getIfAvailable();
      this.folder = null;
      if (this.mailSender == null) {
        throw new IllegalStateException(
            "modelops.mail.mode is smtp but no SMTP host is configured (spring.mail.host,"
                + " MODELOPS_SMTP_HOST)");
      }
    }
  }

  @Scheduled(
      fixedDelayString = "${modelops.mail.poll-interval:5s}",
      initialDelayString = "${modelops.mail.poll-interval:5s}")
  public void sendDue() {
    if (!properties.enabled()) {
      return;
    }
    for (OutboxMessage message : outbox.due(BATCH, SENDING_LEASE)) {
      if (outbox.claim(message)) {
        send(message);
      }
    }
  }

  private void send(OutboxMessage message) {
    int attempt = message.attempts() + 1;
    // Mails queued before addresses were checked may hold one the mail sender would misread:
    // it is left out (and logged), the others still get the mail.
    String[] recipients =
        message.recipients().stream()
            .filter(
                recipient -> {
                  boolean valid = MailAddresses.isValid(recipient);
                  if (!valid) {
                    log.warn(
                        "Mail '{}': recipient skipped, not one plain address: '{}'",
                        message.subject(),
                        MailAddresses.printable(recipient));
                  }
                  return valid;
                })
            .toArray(String[]::new);
    if (recipients.length == 0) {
      outbox.markFailed(message.id(), "no valid recipient", true, Duration.ZERO);
      log.warn("Mail '{}' not sent: no valid recipient", message.subject());
      return;
    }
    if (folder != null) {
      try {
        Path file = folder.write(message, properties.from(), List.of(recipients));
        outbox.markSent(message.id());
        log.debug("Wrote mail '{}' to {}", message.subject(), file);
      } catch (IOException | MessagingException e) {
        failed(message, attempt, e.toString());
      }
      return;
    }
    try {
      SimpleMailMessage mail = new SimpleMailMessage();
      mail.setFrom(properties.from());
      mail.setTo(recipients);
      mail.setSubject(message.subject());
      mail.setText(message.body());
      mailSender.send(mail);
      outbox.markSent(message.id());
      log.info("Sent mail '{}' to {}", message.subject(), List.of(recipients));
    } catch (MailException e) {
      failed(message, attempt, e.getMessage());
    }
  }

  private void failed(OutboxMessage message, int attempt, String error) {
    boolean giveUp = attempt >= properties.maxAttempts();
    Duration backoff = backoff(attempt);
    outbox.markFailed(message.id(), error, giveUp, backoff);
    log.warn(
        "Mail '{}' not sent (attempt {} of {}): {}{}",
        message.subject(),
        attempt,
        properties.maxAttempts(),
        error,
        giveUp ? "; giving up" : "; next attempt in " + backoff);
  }

  Duration backoff(int attempt) {
    Duration wait = properties.initialBackoff();
    for (int i = 1; i < attempt && wait.compareTo(properties.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
  }
}
