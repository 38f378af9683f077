package io.modelops.orchestrator.monitoring;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary {@code COPY} format: the server stores them without parsing text
 * (UUIDs, timestamps and doubles as their internal bytes), and building them costs the client less
 * than CSV.
 *
 * <p>The format: a signature, flags and header extension length, then per row the number of fields
 * and each field as its length and bytes (length -1 for NULL), then -1 as the trailer. {@code
 * timestamptz} is microseconds since 2000-01-01T00:00Z.
 */
final class PgBinaryRows {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };
  private static final long POSTGRES_EPOCH_SECONDS =
      OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();

  private PgBinaryRows() {}

  /**
   * The rows (model_version_id, name, metric_value, observed_at, segment, posted_by) of the points,
   * in that column order.
   */
  static byte[] metricPoints(
      UUID versionId, List<MetricPoint> points, OffsetDateTime defaultTime, String postedBy) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + points.size() * 80);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(SIGNATURE);
      out.writeInt(0); // flags: no OIDs
      out.writeInt(0); // no header extension
      long defaultMicros = micros(defaultTime.toInstant());
      for (MetricPoint p : points) {
        out.writeShort(6);
        out.writeInt(16);
        out.writeLong(versionId.getMostSignificantBits());
        out.writeLong(versionId.getLeastSignificantBits());
        text(out, p.name());
        out.writeInt(8);
        out.writeDouble(p.value());
        out.writeInt(8);
        out.writeLong(p.timestamp() == null ? defaultMicros : micros(p.timestamp().toInstant()));
        text(out, p.segment());
        text(out, postedBy);
      }
      out.writeShort(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Microseconds since PostgreSQL's epoch, rounded to the nearest microsecond as PostgreSQL does.
   */
  static long micros(Instant instant) {
    long seconds = Math.subtractExact(instant.getEpochSecond(), POSTGRES_EPOCH_SECONDS);
    return Math.addExact(
        Math.multiplyExact(seconds, 1_000_000L), (instant.getNano() + 500) / 1_000);
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
