package io.modelops.orchestrator.notification;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued mails. Each mail is claimed with a conditional update first, so several nodes can
 * poll the same outbox; failures back off exponentially and end as FAILED after the configured
 * number of attempts.
 */
@Component
class OutboxMailSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxMailSender.class);
  private static final int BATCH = 50;
  private static final Duration SENDING_LEASE = Duration.ofMinutes(5);

  private final NotificationOutbox outbox;
  private final JavaMailSender mailSender;
  private final MailProperties properties;

  public OutboxMailSender(
      NotificationOutbox outbox, JavaMailSender mailSender, MailProperties properties) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.properties = properties;
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
      boolean giveUp = attempt >= properties.maxAttempts();
      Duration backoff = backoff(attempt);
      outbox.markFailed(message.id(), e.getMessage(), giveUp, backoff);
      log.warn(
          "Mail '{}' not sent (attempt {} of {}): {}{}",
          message.subject(),
          attempt,
          properties.maxAttempts(),
          e.getMessage(),
          giveUp ? "; giving up" : "; next attempt in " + backoff);
    }
  }

  Duration backoff(int attempt) {
    Duration wait = properties.initialBackoff();
    for (int i = 1; i < attempt && wait.compareTo(properties.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
  }
}
