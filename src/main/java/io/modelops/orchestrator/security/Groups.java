package io.modelops.orchestrator.security;

import java.util.List;

/** The groups of the security model (see docs/security.md). */
public final class Groups {

  /** Administrators: everything, including Camunda Admin. */
  public static final String ADMIN = "camunda-admin";

  /** Register versions and follow their own models. */
  public static final String DATA_SCIENTISTS = "data-scientists";

  /** Independent validation: review model versions. */
  public static final String VALIDATORS = "model-validators";

  /** Second line of defence: reviews of high-risk models. */
  public static final String RISK = "model-risk";

  /** Operations: production releases, rollback, triage, incidents in Cockpit. */
  public static final String OPS = "ml-ops";

  /** Machine users of CI/CD pipelines: register versions and post metrics only. */
  public static final String CI = "ci-pipelines";

  /**
   * Monitoring identities (e.g. the serving platform's metrics exporter): the only ones whose
   * metric points and feature windows gate a canary or production, and never for a version they
   * registered.
   */
  public static final String MONITORS = "model-monitors";

  /**
   * Evaluation identities (e.g. the reference evaluation worker): the only ones who work on
   * independent evaluations (external task topic model-evaluation) and post their computed metrics,
   * and never for a version they registered.
   */
  public static final String EVALUATORS = "model-evaluators";

  public static final List<String> ALL =
      List.of(ADMIN, DATA_SCIENTISTS, VALIDATORS, RISK, OPS, CI, MONITORS, EVALUATORS);

  /** Prefix of the Spring Security authority that stands for membership of a group. */
  public static final String AUTHORITY_PREFIX = "GROUP_";

  public static String authority(String group) {
    return AUTHORITY_PREFIX + group;
  }

  private Groups() {}
}
