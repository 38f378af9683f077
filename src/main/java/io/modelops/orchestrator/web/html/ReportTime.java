package io.modelops.orchestrator.web.html;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

/** Times in reports: UTC, to the minute, the same on every page and in every export. */
public final class ReportTime {

  /** "2026-11-20 09:00 UTC"; "" for null ({@link Readable#time}). */
  public static String format(OffsetDateTime time) {
    return Readable.time(time);
  }

  /** An engine time (java.util.Date) as UTC; null stays null. */
  public static OffsetDateTime of(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }

  private ReportTime() {}
}
