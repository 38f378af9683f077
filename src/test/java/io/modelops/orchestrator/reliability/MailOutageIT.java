package io.modelops.orchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import io.modelops.orchestrator.support.ApiClient;
import io.modelops.orchestrator.support.ApiClient.Response;
import io.modelops.orchestrator.support.IntegrationTest;
import io.modelops.orchestrator.support.Registrations;
import io.modelops.orchestrator.support.TestMail;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An SMTP outage end to end: versions are rejected while the mail server refuses connections, so
 * their mails wait in the outbox and are retried with back-off; once the server is back each mail
 * reaches each recipient exactly once.
 */
@IntegrationTest
class MailOutageIT {

  private static final int REJECTIONS = 20;
  private static final String REGISTRANT_EMAIL = "ci-bot@example.com";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  /** An outbox row of this test. */
  record Queued(String subject, String status, int attempts, String lastError) {}

  @Test
  void shouldKeepMailsInTheOutboxDuringAnSmtpOutageAndSendEachOnceWhenSmtpIsBack() {
    String run = "mail-outage-" + System.nanoTime() % 1_000_000 + "-";
    long outageStarted = System.nanoTime();
    TestMail.down();
    List<Queued> duringOutage;
    try {
      // when: 20 versions fail validation (LOW risk without a description) while SMTP is down
      for (int i = 0; i < REJECTIONS; i++) {
        ObjectNode body = Registrations.example("1.0.0", "LOW").put("ownerEmail", owner(i));
        body.remove("description");
        Response registered =
            ApiClient.as(port, "ci-bot").post("/api/models/" + run + i + "/versions", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
      }

      // then: every rejection mail is queued and stays in the outbox, tried and failed twice
      duringOutage =
          await("rejection mails retried during the outage")
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> outbox(run),
                  // a snapshot between attempts: a row claimed for its next attempt is SENDING
                  rows ->
                      rows.size() == REJECTIONS
                          && rows.stream()
                              .allMatch(r -> r.attempts() >= 2 && !"SENDING".equals(r.status())));
      assertThat(duringOutage)
          .allSatisfy(
              row -> {
                assertThat(row.status()).isEqualTo("PENDING");
                assertThat(row.lastError()).isNotBlank();
              });
    } finally {
      TestMail.server(); // SMTP back, on the same port
    }
    double outageSeconds = (System.nanoTime() - outageStarted) / 1e9;
    long backAt = System.nanoTime();

    // then: every mail is sent once SMTP is back
    List<Queued> sent =
        await("mails sent after the outage")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> outbox(run), rows -> rows.stream().allMatch(r -> r.status().equals("SENT")));
    double deliverySeconds = (System.nanoTime() - backAt) / 1e9;
    assertThat(sent).hasSize(REJECTIONS);

    // and each recipient got each mail exactly once: the owner and the registrant, none lost,
    // none twice, also a little later
    await("no mail twice")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertDeliveredOnce(run));
    int deliveries = delivered(run).size();
    int totalAttempts = sent.stream().mapToInt(Queued::attempts).sum();
    // each mail was sent by its last attempt; every attempt before failed
    int failedAttempts = totalAttempts - sent.size();

    System.out.printf(
        "[reliability] SMTP outage: mailsQueued=%d recipients=%d failedAttempts=%d"
            + " attempts=%d mailsSent=%d deliveries=%d lost=%d duplicates=%d outage=%.1fs"
            + " sentAfterSmtpBack=%.1fs%n",
        REJECTIONS,
        2 * REJECTIONS,
        failedAttempts,
        totalAttempts,
        sent.size(),
        deliveries,
        2 * REJECTIONS - distinct(run),
        deliveries - distinct(run),
        outageSeconds,
        deliverySeconds);
  }

  private void assertDeliveredOnce(String run) {
    List<Map.Entry<String, String>> delivered = delivered(run);
    for (int i = 0; i < REJECTIONS; i++) {
      String subject = subject(run, i);
      assertThat(delivered)
          .as("deliveries of '" + subject + "'")
          .filteredOn(d -> d.getValue().equals(subject))
          .extracting(Map.Entry::getKey)
          .containsExactlyInAnyOrder(owner(i), REGISTRANT_EMAIL);
    }
    assertThat(delivered).hasSize(2 * REJECTIONS);
  }

  /** (recipient mailbox, subject) of every mail of this test that GreenMail received. */
  private static List<Map.Entry<String, String>> delivered(String run) {
    GreenMail server = TestMail.server();
    List<Map.Entry<String, String>> delivered = new ArrayList<>();
    for (GreenMailUser mailbox : server.getUserManager().listUser()) {
      server
          .findReceivedMessages(
              user -> user.getEmail().equals(mailbox.getEmail()),
              message -> subject(message).startsWith("[ModelOps] " + run))
          .forEach(message -> delivered.add(Map.entry(mailbox.getEmail(), subject(message))));
    }
    return delivered;
  }

  private static long distinct(String run) {
    return delivered(run).stream().distinct().count();
  }

  private List<Queued> outbox(String run) {
    return jdbc.sql(
            "SELECT subject, status, attempts, last_error FROM notification_outbox WHERE subject"
                + " LIKE ?")
        .param("[ModelOps] " + run + "%")
        .query(
            (rs, i) -> new Queued(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
        .list();
  }

  private static String subject(String run, int i) {
    return "[ModelOps] " + run + i + ":1.0.0 was rejected";
  }

  private static String owner(int i) {
    return "owner-" + i + "@example.com";
  }

  private static String subject(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
