package io.modelops.orchestrator.process;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.runtime.WhitelistingDeserializationTypeValidator;

/**
 * Which classes an object variable may be deserialized into (Camunda's deserialization type
 * validation). Unlike Camunda's default, which allows the whole {@code java.lang} package (and so
 * {@code java.lang.ProcessBuilder}), only these are allowed: the boxed primitives, {@code String}
 * and {@code Object}, the usual collections, and what the engine's generic properties {@code
 * deserialization-allowed-classes} and {@code deserialization-allowed-packages} add (comma
 * separated; a package allows its subpackages).
 */
final class AllowListDeserializationTypeValidator
    implements WhitelistingDeserializationTypeValidator {

  static final Set<String> BASE_CLASSES =
      Set.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Character",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.ArrayList",
          "java.util.Arrays$ArrayList",
          "java.util.LinkedList",
          "java.util.List",
          "java.util.Collection",
          "java.util.Map",
          "java.util.Set",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet");

  private volatile Set<String> classes = Set.of();
  private volatile Set<String> packages = Set.of();

  @Override
  public void setAllowedClasses(String allowedClasses) {
    classes = split(allowedClasses);
  }

  @Override
  public void setAllowedPackages(String allowedPackages) {
    packages = split(allowedPackages);
  }

  @Override
  public boolean validate(String className) {
    if (className == null || className.isBlank()) {
      return true;
    }
    if (BASE_CLASSES.contains(className) || classes.contains(className)) {
      return true;
    }
    for (String allowed : packages) {
      if (className.startsWith(allowed + ".")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> split(String list) {
    Set<String> result = new HashSet<>();
    if (list != null) {
      for (String element : list.split(",")) {
        String trimmed = element.strip();
        if (!trimmed.isEmpty()) {
          result.add(trimmed);
        }
      }
    }
    return Set.copyOf(result);
  }
}
