package io.modelops.orchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The binary COPY rows, byte by byte; MetricPointStorageIT reads them back from PostgreSQL. */
class PgBinaryRowsTest {

  @Test
  void shouldCountMicrosecondsFromPostgresEpochRoundingToTheNearest() {
    assertThat(PgBinaryRows.micros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
    assertThat(PgBinaryRows.micros(Instant.parse("2000-01-01T00:00:01.000001Z")))
        .isEqualTo(1_000_001);
    assertThat(PgBinaryRows.micros(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo(-1_000_000);
    assertThat(PgBinaryRows.micros(Instant.parse("1999-12-31T23:59:59.9999995Z"))).isZero();
    assertThat(PgBinaryRows.micros(Instant.parse("2000-01-01T00:00:00.000000499Z"))).isZero();
    assertThat(PgBinaryRows.micros(Instant.parse("2026-12-02T12:00:00Z")))
        .isEqualTo(849_528_000_000_000L);
  }

  @Test
  void shouldRefuseAnInstantBeyondMicrosecondRangeInsteadOfOverflowing() {
    assertThatThrownBy(() -> PgBinaryRows.micros(Instant.MAX))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void shouldWriteHeaderRowsAndTrailer() {
    // given
    UUID version = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    OffsetDateTime now = OffsetDateTime.parse("2000-01-01T00:00:02Z");

    // when
    ByteBuffer bytes =
        ByteBuffer.wrap(
            PgBinaryRows.metricPoints(
                version,
                List.of(
                    new MetricPoint("é", 0.5, null, null),
                    new MetricPoint(
                        "ab", -2.0, OffsetDateTime.parse("2000-01-01T01:00:00+01:00"), "eu")),
                now,
                "monty"));

    // then
    byte[] signature = new byte[11];
    bytes.get(signature);
    assertThat(signature)
        .isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
    assertThat(bytes.getInt()).isZero();
    assertThat(bytes.getInt()).isZero();
    // first row: 6 fields, uuid, "é" in UTF-8 (2 bytes), 0.5, the default time, NULL segment,
    // the poster
    assertThat(bytes.getShort()).isEqualTo((short) 6);
    assertThat(bytes.getInt()).isEqualTo(16);
    assertThat(new UUID(bytes.getLong(), bytes.getLong())).isEqualTo(version);
    assertThat(bytes.getInt()).isEqualTo(2);
    byte[] name = new byte[2];
    bytes.get(name);
    assertThat(new String(name, StandardCharsets.UTF_8)).isEqualTo("é");
    assertThat(bytes.getInt()).isEqualTo(8);
    assertThat(bytes.getDouble()).isEqualTo(0.5);
    assertThat(bytes.getInt()).isEqualTo(8);
    assertThat(bytes.getLong()).isEqualTo(2_000_000);
    assertThat(bytes.getInt()).isEqualTo(-1);
    assertThat(bytes.getInt()).isEqualTo(5);
    byte[] poster = new byte[5];
    bytes.get(poster);
    assertThat(new String(poster, StandardCharsets.UTF_8)).isEqualTo("monty");
    // second row: its own time, in UTC (01:00+01:00 is the epoch itself), and a segment
    assertThat(bytes.getShort()).isEqualTo((short) 6);
    bytes.position(bytes.position() + 4 + 16 + 4 + 2 + 4);
    assertThat(bytes.getDouble()).isEqualTo(-2.0);
    assertThat(bytes.getInt()).isEqualTo(8);
    assertThat(bytes.getLong()).isZero();
    assertThat(bytes.getInt()).isEqualTo(2);
    bytes.position(bytes.position() + 2);
    assertThat(bytes.getInt()).isEqualTo(5);
    bytes.position(bytes.position() + 5);
    assertThat(bytes.getShort()).isEqualTo((short) -1);
    assertThat(bytes.hasRemaining()).isFalse();
  }
}
