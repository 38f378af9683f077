package io.modelops.orchestrator.notification;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * The local mail mode: each mail becomes an {@code .eml} file (RFC 822, opens in any mail client)
 * in one folder, instead of going to an SMTP server. Files are written under a temporary name and
 * then renamed, so a reader never sees half a mail.
 */
final class MailFolder {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path folder;
  private final Clock clock;
  private final Session session = Session.getInstance(new Properties());

  MailFolder(Path folder, Clock clock) {
    this.folder = folder.toAbsolutePath().normalize();
    this.clock = clock;
  }

  Path folder() {
    return folder;
  }

  /** Writes the mail; returns its file. */
  Path write(OutboxMessage message, String from, List<String> recipients)
      throws IOException, MessagingException {
    MimeMessage mail = new MimeMessage(session);
    mail.setFrom(new InternetAddress(from));
    for (String to : recipients) {
      mail.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
    mail.setText(message.body(), StandardCharsets.UTF_8.name());
    mail.setSentDate(Date.from(clock.instant()));
    mail.saveChanges();
    Files.createDirectories(folder);
    Path file = folder.resolve(STAMP.format(clock.instant()) + "-" + message.id() + ".eml");
    Path partial = folder.resolve("." + file.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(partial)) {
      mail.writeTo(out);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }
}
