package io.modelops.orchestrator.web.html;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** Times in reports: UTC, to the second, the same on every page and in every export. */
public final class ReportTime {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  /** "2026-11-20 09:00:00 UTC"; "" for null. */
  public static String format(OffsetDateTime time) {
    return time == null ? "" : FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** An engine time (java.util.Date) as UTC; null stays null. */
  public static OffsetDateTime of(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }

  private ReportTime() {}
}
