package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a review decision must satisfy, in one place: used inside the engine by {@link
 * ReviewDecisionListener} (the guarantee) and in front of the engine REST API by {@link
 * ReviewRequestFilter} (so API clients get 403/400 instead of the engine's generic 500).
 */
public final class ReviewGuard {

  /** Task definition keys of review tasks guarded by these rules. */
  public static final Set<String> REVIEW_TASKS = Set.of(ModelLifecycle.TASK_REVIEW);

  static final int MAX_COMMENT = 4000;

  /** Why a decision is refused; {@code forbidden} distinguishes 403 from 400. */
  public record Refusal(boolean forbidden, String field, String message) {}

  /** Checks a decision; empty when it may be recorded. */
  public static Optional<Refusal> check(
      ModelVersion version, String reviewer, Object decision, Object comment) {
    if (reviewer.equals(version.registeredBy())) {
      return Optional.of(
          new Refusal(
              true,
              null,
              "Segregation of duties: "
                  + reviewer
                  + " registered "
                  + version.modelName()
                  + ":"
                  + version.version()
                  + " and cannot review it; another member of the review group must decide"));
    }
    if (!ModelLifecycle.DECISION_APPROVE.equals(decision)
        && !ModelLifecycle.DECISION_REJECT.equals(decision)) {
      return Optional.of(
          new Refusal(
              false,
              ModelLifecycle.REVIEW_DECISION.name(),
              "Choose a decision: "
                  + ModelLifecycle.REVIEW_DECISION
                  + " must be APPROVE or REJECT (got "
                  + decision
                  + ")"));
    }
    if (!(comment instanceof String text) || text.isBlank()) {
      return Optional.of(
          new Refusal(
              false,
              ModelLifecycle.REVIEW_COMMENT.name(),
              "A review decision needs a comment (" + ModelLifecycle.REVIEW_COMMENT + ") that gives"
                  + " the reasons; a rejection's comment is sent to the owner"));
    }
    if (text.length() > MAX_COMMENT) {
      return Optional.of(
          new Refusal(
              false,
              ModelLifecycle.REVIEW_COMMENT.name(),
              "The comment exceeds " + MAX_COMMENT + " characters"));
    }
    return Optional.empty();
  }

  private ReviewGuard() {}
}
