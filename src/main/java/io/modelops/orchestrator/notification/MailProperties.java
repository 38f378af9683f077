package io.modelops.orchestrator.notification;

import java.nio.file.Path;
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
 * @param mode how mail leaves: {@code smtp} (the SMTP server of {@code spring.mail.host}), {@code
 *     folder} (each mail written as an {@code .eml} file to {@code folder}), or {@code auto}: SMTP
 *     when an SMTP host is configured, the folder otherwise
 * @param folder where the folder mode writes mails
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
    @DefaultValue("30m") Duration maxBackoff,
    @DefaultValue("auto") Mode mode,
    @DefaultValue("./data/mail") Path folder) {

  /** How mail leaves the outbox. */
  public enum Mode {
    AUTO,
    SMTP,
    FOLDER
  }

  public MailProperties {
    MailAddresses.require(from, "modelops.mail.from");
    defaultRecipients = defaultRecipients == null ? List.of() : List.copyOf(defaultRecipients);
    mode = mode == null ? Mode.AUTO : mode;
    folder = folder == null ? Path.of("./data/mail") : folder;
    for (int i = 0; i < defaultRecipients.size(); i++) {
      MailAddresses.require(
          defaultRecipients.get(i), "modelops.mail.default-recipients[" + i + "]");
    }
  }
}
