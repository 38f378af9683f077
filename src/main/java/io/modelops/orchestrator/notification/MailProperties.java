package io.modelops.orchestrator.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail. Mails are written to an outbox table in the transaction of the process step that
 * causes them and sent by a background poller, so an SMTP outage delays mail but loses none.
 *
 * @param enabled whether the poller sends mail at all
 * @param from sender address
 * @param defaultRecipients added to every mail (e.g. a model-risk mailbox)
 * @param pollInterval how often the outbox is polled
 * @param maxAttempts attempts before a mail is marked FAILED
 * @param initialBackoff wait after the first failed attempt; doubles up to {@code maxBackoff}
 * @param maxBackoff longest wait between attempts
 * @throws IllegalArgumentException when {@code from} or a default recipient is not one plain
 *     address ({@link MailAddresses}): the application does not start with them
 */
@ConfigurationProperties("modelops.mail")
public record MailProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("modelops@localhost") String from,
    @DefaultValue List<String> defaultRecipients,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("20") int maxAttempts,
    @DefaultValue("30s") Duration initialBackoff,
    @DefaultValue("30m") Duration maxBackoff) {

  public MailProperties {
    MailAddresses.require(from, "modelops.mail.from");
    defaultRecipients = defaultRecipients == null ? List.of() : List.copyOf(defaultRecipients);
    for (int i = 0; i < defaultRecipients.size(); i++) {
      MailAddresses.require(
          defaultRecipients.get(i), "modelops.mail.default-recipients[" + i + "]");
    }
  }
}
