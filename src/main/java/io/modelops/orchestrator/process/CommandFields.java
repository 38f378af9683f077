package io.modelops.orchestrator.process;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.AuthorizationException;

/**
 * Reads what an engine command is about (its process instance, definition, task, reason) from the
 * command object. Camunda's commands keep these in protected fields without getters; the field
 * names are those of the engine version the orchestrator is built with, and {@code
 * LifecycleCommandFieldsTest} fails the build if an upgrade renames one. At run time a field that
 * cannot be read refuses the command: a check that cannot understand a command does not let it
 * pass.
 */
final class CommandFields {

  static Object read(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      Field field;
      try {
        field = type.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        continue;
      }
      try {
        field.setAccessible(true);
        return field.get(command);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw unreadable(command, name);
      }
    }
    throw unreadable(command, name);
  }

  static String string(Object command, String name) {
    Object value = read(command, name);
    return value == null ? null : value.toString();
  }

  private static AuthorizationException unreadable(Object command, String name) {
    return new AuthorizationException(
        "The engine command "
            + command.getClass().getSimpleName()
            + " cannot be checked (no field '"
            + name
            + "') and is refused");
  }

  private CommandFields() {}
}
