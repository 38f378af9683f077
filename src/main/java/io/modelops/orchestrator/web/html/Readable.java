package io.modelops.orchestrator.web.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers, times, durations and drift results as people read them, the same in mails, Tasklist
 * forms, the model report, the dashboard and the text fields of the API: {@code 2026-12-07 20:25
 * UTC}, {@code 1 hour}, {@code PSI 0.0095 < 0.10, no drift}.
 */
public final class Readable {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private Readable() {}

  /** "2026-12-07 20:25 UTC" (UTC, to the minute); "" for null. */
  public static String time(OffsetDateTime time) {
    return time == null ? "" : TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /**
   * An ISO 8601 duration or period in words: PT1H → "1 hour", PT90M → "1 hour 30 minutes", P7D → "7
   * days", P1M → "1 month". A text that is neither is returned as it is; null gives "".
   */
  public static String duration(String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    String text = iso.strip();
    try {
      return duration(Duration.parse(text));
    } catch (DateTimeParseException notADuration) {
      try {
        Period p = Period.parse(text);
        List<String> parts = new ArrayList<>();
        add(parts, p.getYears(), "year");
        add(parts, p.getMonths(), "month");
        add(parts, p.getDays(), "day");
        return parts.isEmpty() ? "0 days" : String.join(" ", parts);
      } catch (DateTimeParseException notAPeriod) {
        return text;
      }
    }
  }

  /** A duration in words: "1 hour", "2 days 3 hours", "45 seconds". */
  public static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    add(parts, d.toDaysPart(), "day");
    add(parts, d.toHoursPart(), "hour");
    add(parts, d.toMinutesPart(), "minute");
    add(parts, d.toSecondsPart(), "second");
    return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
  }

  private static void add(List<String> parts, long n, String unit) {
    if (n != 0) {
      parts.add(n + " " + unit + (Math.abs(n) == 1 ? "" : "s"));
    }
  }

  /** A measured value to two significant digits: 0.009544 → "0.0095", 0.3124 → "0.31". */
  public static String number(double value) {
    return significant(value, 2);
  }

  /** A threshold or limit with at least two decimals: 0.1 → "0.10", 0.25 → "0.25", 200 → "200". */
  public static String limit(double value) {
    BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
    if (d.scale() <= 0 && Math.abs(value) >= 1) {
      return d.toPlainString();
    }
    return d.scale() < 2 ? d.setScale(2, RoundingMode.HALF_UP).toPlainString() : d.toPlainString();
  }

  /**
   * One drift result as a true statement: {@code PSI 0.0095 < 0.10, no drift}, {@code PSI 0.31 ≥
   * 0.25, drift}, {@code KS p-value 0.0012 < 0.05, drift}. Distances drift at or above their
   * threshold, p-values ({@code pValue}) below it; the score gets more digits when two would make
   * it look equal to the threshold.
   */
  public static String drift(
      String method, double score, double threshold, boolean pValue, boolean drifted) {
    String limit = limit(threshold);
    String shown = number(score);
    for (int digits = 3;
        digits <= 8 && score != threshold && parse(shown) == parse(limit);
        digits++) {
      shown = significant(score, digits);
    }
    String relation = score < threshold ? " < " : " ≥ ";
    return method
        + (pValue ? " p-value " : " ")
        + shown
        + relation
        + limit
        + (drifted ? ", drift" : ", no drift");
  }

  /**
   * A count with its noun, singular or plural: "1 health evaluation", "2 health evaluations", "0
   * metric points". Nouns ending in s, x, ch or sh take "es"; a consonant + y takes "ies".
   */
  public static String count(long n, String noun) {
    return n + " " + (Math.abs(n) == 1 ? noun : plural(noun));
  }

  static String plural(String noun) {
    if (noun.matches(".*(s|x|ch|sh)")) {
      return noun + "es";
    }
    if (noun.matches(".*[^aeiou]y")) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }

  private static String significant(double value, int digits) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_UP));
    return d.stripTrailingZeros().toPlainString();
  }

  private static double parse(String number) {
    try {
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
