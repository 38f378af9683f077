package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a review decision must satisfy, in one place: used inside the engine by {@link
 * ReviewDecisionListener} (the guarantee) and in front of the engine REST API by {@link
 * ReviewRequestFilter} (so API clients get 403/400 instead of the engine's generic 500).
 *
 * <ul>
 *   <li>Segregation of duties: the registrant never reviews their version, and nobody decides twice
 *       on the same version (the validator cannot also give the risk approval).
 *   <li>The decision is APPROVE, APPROVE_WITH_CONDITIONS, REJECT or REQUEST_CHANGES; anything but
 *       an approval needs a comment, which is mailed to the owner.
 *   <li>Approval with conditions needs at least one unresolved finding the reviewer raised on the
 *       version; a plain approval is refused while there is one (see {@link #checkConditions}).
 * </ul>
 */
final class ReviewGuard {

  /** Task definition keys of review tasks guarded by these rules. */
  public static final Set<String> REVIEW_TASKS = Set.of(ModelLifecycle.TASK_REVIEW);

  static final Set<String> DECISIONS =
      Set.of(
          ModelLifecycle.DECISION_APPROVE,
          ModelLifecycle.DECISION_APPROVE_WITH_CONDITIONS,
          ModelLifecycle.DECISION_REJECT,
          ModelLifecycle.DECISION_REQUEST_CHANGES);

  static final int MAX_COMMENT = 4000;

  /** Why a decision is refused; {@code forbidden} distinguishes 403 from 400. */
  public record Refusal(boolean forbidden, String field, String message) {}

  /**
   * Who decided on the version before, for the "nobody decides twice" rule. The model-risk decision
   * on the tier ("Decide risk tier") classifies the version, it does not review it, so it does not
   * use up the risk function's review.
   */
  public static List<String> earlierDeciders(Collection<Approval> approvals) {
    return approvals.stream()
        .filter(a -> !ModelLifecycle.TASK_DECIDE_RISK_TIER.equals(a.step()))
        .map(Approval::decidedBy)
        .toList();
  }

  /**
   * Checks a decision; empty when it may be recorded.
   *
   * @param earlierDeciders users who already decided on this version
   */
  public static Optional<Refusal> check(
      ModelVersion version,
      String reviewer,
      Collection<String> earlierDeciders,
      Object decision,
      Object comment) {
    String subject = version.modelName() + ":" + version.version();
    if (reviewer.equals(version.registeredBy())) {
      return forbidden(
          "Segregation of duties: "
              + reviewer
              + " registered "
              + subject
              + " and cannot review it; another member of the review group must decide");
    }
    if (earlierDeciders.contains(reviewer)) {
      return forbidden(
          "Segregation of duties: "
              + reviewer
              + " already decided on "
              + subject
              + "; each review of a version needs a different person");
    }
    // Set.of(...).contains(null) throws: a missing decision is a 400, not an error
    if (decision == null || !DECISIONS.contains(decision)) {
      return invalid(
          ModelLifecycle.REVIEW_DECISION.name(),
          "Choose a decision: "
              + ModelLifecycle.REVIEW_DECISION
              + " must be APPROVE, APPROVE_WITH_CONDITIONS, REJECT or REQUEST_CHANGES (got "
              + decision
              + ")");
    }
    boolean hasComment = comment instanceof String text && !text.isBlank();
    if (!ModelLifecycle.isApproval((String) decision) && !hasComment) {
      return invalid(
          ModelLifecycle.REVIEW_COMMENT.name(),
          "A "
              + (ModelLifecycle.DECISION_REJECT.equals(decision) ? "rejection" : "change request")
              + " needs a comment ("
              + ModelLifecycle.REVIEW_COMMENT
              + ") that tells the owner why; it is mailed to them");
    }
    if (hasComment && ((String) comment).length() > MAX_COMMENT) {
      return invalid(
          ModelLifecycle.REVIEW_COMMENT.name(),
          "The comment exceeds " + MAX_COMMENT + " characters");
    }
    return Optional.empty();
  }

  /**
   * The findings rule of an approval: APPROVE_WITH_CONDITIONS needs at least one unresolved finding
   * raised by the reviewer on the version (the conditions), and a plain APPROVE is refused while
   * the reviewer has one (it is an approval with conditions). Empty when the decision may stand.
   *
   * @param unresolvedRaised unresolved findings the reviewer raised on the version
   */
  public static Optional<Refusal> checkConditions(Object decision, long unresolvedRaised) {
    if (ModelLifecycle.DECISION_APPROVE_WITH_CONDITIONS.equals(decision) && unresolvedRaised == 0) {
      return invalid(
          ModelLifecycle.REVIEW_DECISION.name(),
          "An approval with conditions needs at least one open finding you raised on this version"
              + " (POST /api/models/{name}/versions/{version}/findings); without findings,"
              + " approve");
    }
    if (ModelLifecycle.DECISION_APPROVE.equals(decision) && unresolvedRaised > 0) {
      return invalid(
          ModelLifecycle.REVIEW_DECISION.name(),
          "You raised "
              + unresolvedRaised
              + " open finding(s) on this version: approve with conditions"
              + " (APPROVE_WITH_CONDITIONS), or reject or request changes");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> forbidden(String message) {
    return Optional.of(new Refusal(true, null, message));
  }

  private static Optional<Refusal> invalid(String field, String message) {
    return Optional.of(new Refusal(false, field, message));
  }

  private ReviewGuard() {}
}
