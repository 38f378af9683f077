package io.modelops.orchestrator.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one canonical JSON of the orchestrator: the bytes that are hashed or signed and that others
 * recompute. Properties and map keys are sorted, nothing is indented, dates and times are ISO 8601
 * text, the rest is Jackson's default (numbers as given, {@code null} written).
 *
 * <p>Text and bytes differ in one respect, and both are kept because stored hashes depend on them:
 * {@link #write} keeps characters outside the Basic Multilingual Plane (emoji, mathematical
 * letters) as they are, while {@link #bytes} escapes them as their two UTF-16 surrogates ({@code
 * "𝛼"} becomes backslash-u {@code D835}, backslash-u {@code DEFC}). Everything else, including all
 * other non-ASCII characters, is the same UTF-8 in both.
 *
 * <ul>
 *   <li>{@link #write}: audit details (stored as text and hashed into the audit chain), frozen
 *       approval policies, the JSON columns of a registration.
 *   <li>{@link #bytes} and {@link #sha256}: registration fingerprints (compared when a version is
 *       registered again), the signed bodies of alert events and training requests.
 * </ul>
 *
 * Changing this configuration changes stored hashes: existing audit chains would no longer verify
 * and repeated registrations would conflict. {@code CanonicalJsonTest} pins the output.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .findAndAddModules()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  /** The canonical JSON of a value, as text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw notSerialisable(value, e);
    }
  }

  /**
   * The canonical JSON of a value as UTF-8 bytes, characters outside the Basic Multilingual Plane
   * escaped (see above).
   */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw notSerialisable(value, e);
    }
  }

  /** SHA-256 (lowercase hex) of {@link #bytes} of a value. */
  public static String sha256(Object value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(value)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static IllegalArgumentException notSerialisable(Object value, JsonProcessingException e) {
    return new IllegalArgumentException(
        "Not serialisable as canonical JSON: "
            + (value == null ? "null" : value.getClass().getName()),
        e);
  }

  private CanonicalJson() {}
}
