package io.modelops.orchestrator.process;

import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A typed, named process variable. Delegates, listeners and tests read and write variables only
 * through these constants, so that a variable name lives in exactly one place.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;

  private ProcessVariable(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  public static ProcessVariable<String> stringVariable(String name) {
    return new ProcessVariable<>(name, String.class);
  }

  public static ProcessVariable<Integer> integerVariable(String name) {
    return new ProcessVariable<>(name, Integer.class);
  }

  public static ProcessVariable<Boolean> booleanVariable(String name) {
    return new ProcessVariable<>(name, Boolean.class);
  }

  public String name() {
    return name;
  }

  /** The value, or {@code null} when the variable is not set. */
  public T get(VariableScope scope) {
    return type.cast(scope.getVariable(name));
  }

  /** The value; fails with a message naming the variable when it is missing. */
  public T require(VariableScope scope) {
    T value = get(scope);
    if (value == null) {
      throw new IllegalStateException("Process variable '" + name + "' is not set");
    }
    return value;
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  /** Sets the value on the scope itself (a task-local variable), not on its parents. */
  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }

  /** Puts the value into a variables map, e.g. for starting a process or completing a task. */
  public Map<String, Object> putInto(Map<String, Object> variables, T value) {
    variables.put(name, value);
    return variables;
  }

  @Override
  public String toString() {
    return name;
  }
}
