package io.modelops.orchestrator.catalog;

/**
 * The area of Annex III of the EU AI Act (Regulation (EU) 2024/1689) a model is used in, or {@link
 * #NONE}. AI systems used in these areas are high-risk systems under Art. 6(2).
 */
public enum AnnexIIIArea {
  NONE,
  /** Remote biometric identification, categorisation, emotion recognition (point 1). */
  BIOMETRICS,
  /**
   * Safety components of critical infrastructure: traffic, water, gas, heating, electricity (2).
   */
  CRITICAL_INFRASTRUCTURE,
  /** Access to, admission to and assessment in education and vocational training (3). */
  EDUCATION,
  /** Recruitment, promotion, termination, task allocation, monitoring of workers (4). */
  EMPLOYMENT,
  /** Essential private and public services: creditworthiness, public benefits, insurance (5). */
  ESSENTIAL_SERVICES,
  /** Law enforcement (6). */
  LAW_ENFORCEMENT,
  /** Migration, asylum and border control (7). */
  MIGRATION,
  /** Administration of justice and democratic processes (8). */
  JUSTICE
}
