package io.modelops.orchestrator.catalog;

/** How much money a wrong output of the model can cost the firm or the people it decides on. */
public enum FinancialImpact {
  NONE,
  /** Small amounts per decision, or losses the business absorbs routinely. */
  LIMITED,
  /** Losses that matter to the firm's results or to a person's finances (loans, claims, prices). */
  MATERIAL
}
