package io.modelops.orchestrator.retraining;

import java.math.BigInteger;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version labels of candidates: the champion's label with its last number counted up. */
final class CandidateVersions {

  private static final Pattern LAST_NUMBER = Pattern.compile("^(.*?)(\\d+)(\\D*)$");

  private CandidateVersions() {}

  /**
   * The first free label after {@code champion}: 1.4.0 → 1.4.1 (or 1.4.2 when 1.4.1 exists), 7 → 8,
   * 2.0-rc1 → 2.0-rc2; a label without a number gets ".1".
   */
  static String next(String champion, Collection<String> taken) {
    Matcher m = LAST_NUMBER.matcher(champion);
    String prefix;
    String suffix;
    BigInteger number;
    int width;
    if (m.matches()) {
      prefix = m.group(1);
      suffix = m.group(3);
      width = m.group(2).length();
      number = new BigInteger(m.group(2)).add(BigInteger.ONE);
    } else {
      prefix = champion + ".";
      suffix = "";
      width = 1;
      number = BigInteger.ONE;
    }
    while (true) {
      String digits = "0".repeat(Math.max(0, width - number.toString().length())) + number;
      String label = prefix + digits + suffix;
      if (!taken.contains(label)) {
        return label;
      }
      number = number.add(BigInteger.ONE);
    }
  }
}
