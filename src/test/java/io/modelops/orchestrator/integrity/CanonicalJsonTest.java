package io.modelops.orchestrator.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelops.orchestrator.audit.AuditHashing;
import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.RegistrationRequest;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The canonical JSON must come out byte for byte as the three mappers it replaces wrote it: audit
 * details are hashed into the chain, frozen policies and registrations are fingerprinted, alert
 * events and training requests are signed. The mappers below are copies of those three
 * configurations as they stood.
 */
class CanonicalJsonTest {

  /** As {@code AuditLog} and {@code AlertWebhook} configured it. */
  private static final ObjectMapper AUDIT_AND_ALERTS =
      JsonMapper.builder()
          .findAndAddModules()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  /** As {@code RegistrationService} configured it: dates left as timestamps. */
  private static final ObjectMapper REGISTRATION =
      JsonMapper.builder()
          .findAndAddModules()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  enum Tier {
    HIGH
  }

  /** Properties declared out of alphabetical order. */
  record Evidence(
      String zulu,
      BigDecimal amount,
      Instant at,
      Double ratio,
      String nothing,
      List<Object> items) {}

  private static Map<String, Object> representative() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", 1);
    nested.put("a", List.of("x", 2.5, false));
    nested.put("m", null);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("zulu", "Zürich → ✓ 𝛼 \u2028 \"quoted\" \\ </script> \t");
    value.put(
        "evidence",
        new Evidence(
            "ünïcode",
            new BigDecimal("1234.5000"),
            Instant.parse("2026-11-23T09:15:30.123456789Z"),
            0.1,
            null,
            List.of(3, "b", nested)));
    value.put("nothing", null);
    value.put("amount", new BigDecimal("1E+3"));
    value.put("at", Instant.parse("2026-11-23T09:15:30Z"));
    value.put("offset", OffsetDateTime.parse("2026-11-23T10:15:30.123+01:00"));
    value.put("day", LocalDate.parse("2026-11-23"));
    value.put("duration", Duration.ofMinutes(90));
    value.put("count", 42L);
    value.put("ratio", 1.0E-7);
    value.put("flag", true);
    value.put("tier", Tier.HIGH);
    value.put("id", UUID.fromString("6f1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f"));
    value.put("nested", nested);
    return value;
  }

  /** The same without dates and times. */
  private static Map<String, Object> timeless() {
    Map<String, Object> value = representative();
    value.remove("evidence");
    value.remove("at");
    value.remove("offset");
    value.remove("day");
    return value;
  }

  @Test
  void shouldWriteTheBytesOfTheAuditLogAndTheAlertWebhook() throws Exception {
    Map<String, Object> value = representative();

    assertThat(CanonicalJson.bytes(value)).isEqualTo(AUDIT_AND_ALERTS.writeValueAsBytes(value));
    assertThat(CanonicalJson.write(value)).isEqualTo(AUDIT_AND_ALERTS.writeValueAsString(value));
  }

  @Test
  void shouldEscapeCharactersBeyondTheBasicPlaneInBytesOnlyAsBefore() {
    Map<String, Object> value = Map.of("name", "Zürich ✓ 𝛼");

    assertThat(CanonicalJson.write(value)).isEqualTo("{\"name\":\"Zürich ✓ 𝛼\"}");
    assertThat(new String(CanonicalJson.bytes(value), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"Zürich ✓ \\uD835\\uDEFC\"}");
  }

  @Test
  void shouldPinTheCanonicalForm() {
    assertThat(CanonicalJson.write(representative())).isEqualTo(PINNED);
    assertThat(new String(CanonicalJson.bytes(representative()), StandardCharsets.UTF_8))
        .isEqualTo(PINNED.replace("𝛼", "\\uD835\\uDEFC"));
    assertThat(CanonicalJson.sha256(representative()))
        .isEqualTo(sha256(CanonicalJson.bytes(representative())))
        .isEqualTo(PINNED_SHA256);
  }

  @Test
  void shouldWriteTheBytesOfTheRegistrationFingerprintForValuesWithoutTimes() throws Exception {
    assertThat(CanonicalJson.bytes(timeless()))
        .isEqualTo(REGISTRATION.writeValueAsBytes(timeless()));
    // The registration mapper wrote dates as numbers; the canonical JSON writes ISO text. Only
    // values with dates differ, and a registration holds none (next test).
    assertThat(REGISTRATION.writeValueAsString(representative()))
        .contains("\"at\":1795425330.000000000", "\"day\":[2026,11,23]");
    assertThat(CanonicalJson.write(representative()))
        .contains("\"at\":\"2026-11-23T09:15:30Z\"", "\"day\":\"2026-11-23\"");
  }

  @Test
  void shouldFindNoDateOrTimeInARegistrationSoItsFingerprintKeepsItsBytes() {
    assertThat(temporalTypesIn(RegistrationRequest.class)).isEmpty();
  }

  @Test
  void shouldKeepTheAuditDetailsAndHashOfAnExistingEvent() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("riskTier", "HIGH");
    details.put("artifactUri", "s3://models/fraud/1.0.0/model.pkl");
    details.put("computedRiskTier", null);
    details.put("referenceFeatures", 3);
    details.put("reason", "Größere Änderung ✓");

    String json = AuditLog.json(details);

    assertThat(json)
        .isEqualTo(
            "{\"artifactUri\":\"s3://models/fraud/1.0.0/model.pkl\",\"computedRiskTier\":null,"
                + "\"reason\":\"Größere Änderung ✓\",\"referenceFeatures\":3,\"riskTier\":\"HIGH\"}");
    assertThat(
            AuditHashing.hash(
                AuditHashing.GENESIS,
                1,
                OffsetDateTime.parse("2026-11-23T10:15:30.123+01:00"),
                "ci-bot",
                "MODEL_VERSION_REGISTERED",
                "fraud",
                "1.0.0",
                "pi-1",
                json))
        .isEqualTo(PINNED_AUDIT_HASH);
  }

  /** The canonical text of {@link #representative()}. */
  private static final String PINNED =
      "{\"amount\":1E+3,\"at\":\"2026-11-23T09:15:30Z\",\"count\":42,\"day\":\"2026-11-23\","
          + "\"duration\":5400.000000000,\"evidence\":{\"amount\":1234.5000,"
          + "\"at\":\"2026-11-23T09:15:30.123456789Z\","
          + "\"items\":[3,\"b\",{\"a\":[\"x\",2.5,false],\"m\":null,\"z\":1}],\"nothing\":null,"
          + "\"ratio\":0.1,\"zulu\":\"ünïcode\"},\"flag\":true,"
          + "\"id\":\"6f1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f\","
          + "\"nested\":{\"a\":[\"x\",2.5,false],\"m\":null,\"z\":1},\"nothing\":null,"
          + "\"offset\":\"2026-11-23T10:15:30.123+01:00\",\"ratio\":1.0E-7,\"tier\":\"HIGH\","
          + "\"zulu\":\"Zürich → ✓ 𝛼 \u2028 \\\"quoted\\\" \\\\ </script> \\t\"}";

  private static final String PINNED_SHA256 =
      "ecc3027789d7190dda7a33209091e6f84f8c10ac932e2ddfdd5864fd83441893";

  /** The hash of the first event of a chain, computed before the canonical JSON had one owner. */
  private static final String PINNED_AUDIT_HASH =
      "8339da60fa342e24f48cdf627a6eaebbb9a7f6d1be76f1d523dbc45b2d1666b0";

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every date or time type reachable from a type's record components and subtypes. */
  private static Set<String> temporalTypesIn(Class<?> root) {
    Set<String> result = new java.util.TreeSet<>();
    Set<Type> seen = new HashSet<>();
    List<Type> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      Type type = todo.remove(todo.size() - 1);
      if (!seen.add(type)) {
        continue;
      }
      if (type instanceof ParameterizedType p) {
        todo.add(p.getRawType());
        todo.addAll(Arrays.asList(p.getActualTypeArguments()));
      } else if (type instanceof GenericArrayType a) {
        todo.add(a.getGenericComponentType());
      } else if (type instanceof WildcardType w) {
        todo.addAll(Arrays.asList(w.getUpperBounds()));
      } else if (type instanceof Class<?> c) {
        if (c.isArray()) {
          todo.add(c.getComponentType());
        } else if (c.getName().startsWith("java.time.")
            || java.util.Date.class.isAssignableFrom(c)
            || java.util.Calendar.class.isAssignableFrom(c)
            || java.time.temporal.TemporalAccessor.class.isAssignableFrom(c)
            || java.time.temporal.TemporalAmount.class.isAssignableFrom(c)) {
          result.add(c.getName());
        } else if (c.isRecord()) {
          for (RecordComponent component : c.getRecordComponents()) {
            todo.add(component.getGenericType());
          }
        } else if (c.isSealed()) {
          todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
        } else if (!c.isPrimitive()
            && !c.isEnum()
            && !c.getName().startsWith("java.")
            && !c.getName().startsWith("com.fasterxml.")) {
          result.add("not a record, cannot check: " + c.getName());
        }
      }
    }
    return result;
  }
}
