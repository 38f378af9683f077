package io.modelops.orchestrator.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;

/**
 * The one rule for e-mail addresses, wherever they enter: registrations, configuration ({@code
 * modelops.mail.*}, administrator and demo users) and addresses read from Camunda's identity
 * service before they become recipients.
 *
 * <p>An address is exactly one plain {@code local@domain}: a dot-atom local part (letters, digits
 * and {@code !#$%&'*+/=?^_`{|}~-}, separated by single dots, at most 64 characters) and a host name
 * of at least two labels (letters, digits and inner hyphens; the last label not all digits), or
 * {@code localhost}. Quoted local parts, comments, display names, lists, IP literals, non-ASCII
 * characters (internationalised addresses need SMTPUTF8, which not every relay speaks; write the
 * domain in its {@code xn--} form) and whitespace are refused. On top of that, jakarta.mail, which
 * sends the mail, must parse it strictly as one address with no personal name and give back the
 * very same text: what we check is what the mail sender reads.
 */
public final class MailAddresses {

  /** Longest address (RFC 5321 forward path). */
  public static final int MAX_LENGTH = 254;

  public static final String MESSAGE =
      "must be one plain e-mail address like team@example.com (no display name, quotes,"
          + " comments, lists, IP addresses or non-ASCII characters)";

  private static final int MAX_LOCAL = 64;
  private static final int MAX_LABEL = 63;
  private static final String SINGLE_LABEL_DOMAIN = "localhost";
  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

  /** True when {@code address} follows the rule; null is not an address. */
  public static boolean isValid(String address) {
    return address != null && syntaxAllowed(address) && readBackUnchanged(address);
  }

  /** Empty when the address follows the rule, else why not (never null for a null address). */
  public static Optional<String> problem(String address) {
    return isValid(address) ? Optional.empty() : Optional.of(MESSAGE);
  }

  /**
   * The address, checked, for configuration values.
   *
   * @throws IllegalArgumentException naming the setting when it does not follow the rule
   */
  public static String require(String address, String setting) {
    if (!isValid(address)) {
      throw new IllegalArgumentException(
          setting + " " + MESSAGE + ": '" + printable(address) + "'");
    }
    return address;
  }

  /** The address for a log line: control characters shown as escapes, at most 100 characters. */
  public static String printable(String address) {
    if (address == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < address.length() && out.length() < 100; i++) {
      char c = address.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean syntaxAllowed(String address) {
    if (address.length() > MAX_LENGTH) {
      return false;
    }
    int at = address.indexOf('@');
    if (at <= 0 || at != address.lastIndexOf('@') || at > MAX_LOCAL) {
      return false;
    }
    return dotAtom(address, 0, at) && hostName(address.substring(at + 1));
  }

  private static boolean dotAtom(String s, int from, int to) {
    boolean previousDot = true; // no leading dot
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (previousDot) {
          return false;
        }
        previousDot = true;
      } else if (isAsciiLetterOrDigit(c) || ATEXT_SYMBOLS.indexOf(c) >= 0) {
        previousDot = false;
      } else {
        return false;
      }
    }
    return !previousDot; // no trailing dot, not empty
  }

  private static boolean hostName(String domain) {
    if (domain.equalsIgnoreCase(SINGLE_LABEL_DOMAIN)) {
      return true;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty()
          || label.length() > MAX_LABEL
          || label.charAt(0) == '-'
          || label.charAt(label.length() - 1) == '-') {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!isAsciiLetterOrDigit(c) && c != '-') {
          return false;
        }
      }
    }
    String top = labels[labels.length - 1];
    return !top.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** jakarta.mail reads it as one address, without a personal name, with the same text. */
  private static boolean readBackUnchanged(String address) {
    try {
      InternetAddress[] all = InternetAddress.parse(address, true);
      if (all.length != 1) {
        return false;
      }
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      return parsed.getPersonal() == null
          && address.equals(parsed.getAddress())
          && address.equals(all[0].getAddress())
          && address.equals(parsed.toString());
    } catch (AddressException e) {
      return false;
    }
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private MailAddresses() {}
}
