package io.modelops.orchestrator.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The mail outbox. {@link #enqueue} joins the caller's transaction, so a mail exists exactly when
 * the process step that caused it committed. The dedup key makes a re-run step enqueue nothing.
 */
@Repository
class NotificationOutbox {

  public static final String PENDING = "PENDING";
  public static final String SENDING = "SENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";

  /** No recipient could be found; kept for the record. */
  public static final String UNDELIVERABLE = "UNDELIVERABLE";

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(NotificationOutbox.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  public NotificationOutbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Queues a mail unless one with the same dedup key exists; returns whether it was queued. */
  public boolean enqueue(String dedupKey, List<String> recipients, String subject, String body) {
    Set<String> unique = new LinkedHashSet<>();
    for (String recipient : recipients) {
      if (recipient == null || recipient.isBlank()) {
        continue;
      }
      if (MailAddresses.isValid(recipient)) {
        unique.add(recipient);
      } else {
        // e.g. an owner address stored before addresses were checked: the others still get it
        log.warn(
            "Mail '{}': recipient skipped, not one plain address: '{}'",
            dedupKey,
            MailAddresses.printable(recipient));
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean exists =
        jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE dedup_key = ?")
                .param(dedupKey)
                .query(Integer.class)
                .single()
            > 0;
    if (exists) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO notification_outbox (id, dedup_key, recipients, subject, body, status,"
                + " attempts, created_at, next_attempt_at, last_error)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
        .params(
            UUID.randomUUID(),
            dedupKey,
            String.join(",", unique),
            truncate(subject, 500),
            body,
            unique.isEmpty() ? UNDELIVERABLE : PENDING,
            now,
            now,
            unique.isEmpty() ? "no recipient known" : null)
        .update();
    return true;
  }

  /** Mails due for an attempt; SENDING rows older than the lease are due again (crash recovery). */
  public List<OutboxMessage> due(int limit, Duration sendingLease) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return jdbc.sql(
            "SELECT id, recipients, subject, body, attempts FROM notification_outbox"
                + " WHERE (status = ? AND next_attempt_at <= ?)"
                + " OR (status = ? AND next_attempt_at <= ?)"
                + " ORDER BY next_attempt_at FETCH FIRST ? ROWS ONLY")
        .params(PENDING, now, SENDING, now.minus(sendingLease), limit)
        .query(
            (rs, i) ->
                new OutboxMessage(
                    rs.getObject("id", UUID.class),
                    Arrays.asList(rs.getString("recipients").split(",")),
                    rs.getString("subject"),
                    rs.getString("body"),
                    rs.getInt("attempts")))
        .list();
  }

  /** Claims a mail for sending; false when another node claimed it first. */
  public boolean claim(OutboxMessage message) {
    return jdbc.sql(
                "UPDATE notification_outbox SET status = ?, attempts = attempts + 1,"
                    + " next_attempt_at = ? WHERE id = ? AND attempts = ? AND status IN (?, ?)")
            .params(
                SENDING,
                OffsetDateTime.now(clock),
                message.id(),
                message.attempts(),
                PENDING,
                SENDING)
            .update()
        == 1;
  }

  public void markSent(UUID id) {
    jdbc.sql(
            "UPDATE notification_outbox SET status = ?, sent_at = ?, last_error = NULL WHERE id = ?")
        .params(SENT, OffsetDateTime.now(clock), id)
        .update();
  }

  public void markFailed(UUID id, String error, boolean giveUp, Duration retryIn) {
    jdbc.sql(
            "UPDATE notification_outbox SET status = ?, last_error = ?, next_attempt_at = ?"
                + " WHERE id = ?")
        .params(
            giveUp ? FAILED : PENDING,
            truncate(error, 2000),
            OffsetDateTime.now(clock).plus(retryIn),
            id)
        .update();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
