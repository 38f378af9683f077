package io.modelops.orchestrator.catalog;

/** The strict patterns names and labels must follow, shared by validation and docs. */
public final class Patterns {

  /** Model names: lowercase, DNS-label-like, so they are safe in URLs, git paths and K8s names. */
  public static final String MODEL_NAME = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";

  public static final String MODEL_NAME_MESSAGE =
      "must be 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit";

  /** Version labels: semantic versions and similar (1.4.0, 2026.11.1, 3-rc1). */
  public static final String VERSION = "^[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,62}[A-Za-z0-9])?$";

  public static final String VERSION_MESSAGE =
      "must be 1-64 letters, digits, '.', '_', '+' or '-', starting and ending with a letter or digit";

  /** Identifiers such as commits, run ids and frameworks. */
  public static final String TOKEN = "^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$";

  public static final String TOKEN_MESSAGE =
      "must start with a letter or digit and contain only letters, digits and . _ : / @ + -";

  /** Metric and feature names. */
  public static final String METRIC = "^[A-Za-z_][A-Za-z0-9_.-]{0,127}$";

  public static final String METRIC_MESSAGE =
      "must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or '_'";

  /** Group labels of a protected attribute (e.g. {@code 18-25}, {@code female}). */
  public static final String GROUP = "^[A-Za-z0-9_][A-Za-z0-9 _.+<>=-]{0,63}$";

  public static final String GROUP_MESSAGE = "must be a group label of at most 64 characters";

  /** Data types in a signature (double, string, tensor<float32>[-1,28,28]...). */
  public static final String TYPE = "^[A-Za-z][A-Za-z0-9_<>\\[\\](), -]{0,63}$";

  public static final String TYPE_MESSAGE = "must be a type name of at most 64 characters";

  private Patterns() {}
}
