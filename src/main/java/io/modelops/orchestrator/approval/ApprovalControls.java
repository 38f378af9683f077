package io.modelops.orchestrator.approval;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.deployment.CanaryAnalysisLog;
import io.modelops.orchestrator.evidence.Attachments;
import io.modelops.orchestrator.findings.FindingView;
import io.modelops.orchestrator.findings.FindingsRegister;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.validation.ValidationReport;
import io.modelops.orchestrator.validation.ValidationReportRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The guards in front of "Model version approved", the staging deployment, the canary and the
 * promotion, in one place. Each checks the approvals recorded in the catalog against the version's
 * frozen policy, whatever path the lifecycle took to get there (a modification, a message, edited
 * variables): a path without them fails with a {@link ControlViolationException}, which stops the
 * job with an incident and a {@code CONTROL_VIOLATION} audit event.
 *
 * <ul>
 *   <li><b>every gate</b>: the attachments the version's effective tier requires before release
 *       ({@code modelops.evidence.required-before-release}, e.g. a validation memo for HIGH);
 *   <li><b>approved</b>: the policy is frozen and the stored validation report passed; without
 *       review groups the automatic approval is recorded; otherwise, for each review group of the
 *       policy, an APPROVE on the review step for that group by a member who is not the registrant,
 *       every group by a different person, and no review decision that is not an approval;
 *   <li><b>release cleared</b> (canary): approved, and when the policy requires it, the newest
 *       decision on "Approve production release" is an APPROVE by a member of ml-ops who is neither
 *       the registrant nor a reviewer of the version; and no finding of severity HIGH or CRITICAL
 *       is unresolved (neither closed nor under a risk acceptance that still holds);
 *   <li><b>promotion</b>: release cleared, and the newest stored canary analysis is HEALTHY, or an
 *       eligible person decided PROMOTE on the canary after it.
 * </ul>
 */
@Component("approvalControls")
public class ApprovalControls {

  /** The controlled steps, each implying the ones before it. */
  public enum Gate {
    APPROVED,
    RELEASE_CLEARED,
    PROMOTION
  }

  private final CatalogRepository catalog;
  private final ApprovalPolicies policies;
  private final ApprovalRepository approvals;
  private final ValidationReportRepository reports;
  private final CanaryAnalysisLog canaries;
  private final IdentityService identityService;
  private final Attachments attachments;
  private final FindingsRegister findings;

  public ApprovalControls(
      CatalogRepository catalog,
      ApprovalPolicies policies,
      ApprovalRepository approvals,
      ValidationReportRepository reports,
      CanaryAnalysisLog canaries,
      IdentityService identityService,
      Attachments attachments,
      FindingsRegister findings) {
    this.attachments = attachments;
    this.catalog = catalog;
    this.policies = policies;
    this.approvals = approvals;
    this.reports = reports;
    this.canaries = canaries;
    this.identityService = identityService;
    this.findings = findings;
  }

  /** Guard of "Model version approved" and "Deploy to staging". */
  public void checkApproved(DelegateExecution execution) {
    enforce(execution, Gate.APPROVED);
  }

  /** Guard of "Start canary". */
  public void checkReleaseCleared(DelegateExecution execution) {
    enforce(execution, Gate.RELEASE_CLEARED);
  }

  /** Guard of "Promote to production". */
  public void checkPromotion(DelegateExecution execution) {
    enforce(execution, Gate.PROMOTION);
  }

  private void enforce(DelegateExecution execution, Gate gate) {
    ModelVersion version = catalog.requireVersionOfLifecycle(execution.getProcessInstanceId());
    List<String> missing = missing(version, gate);
    if (!missing.isEmpty()) {
      throw ControlViolationException.at(execution, version, missing);
    }
  }

  /** What the version lacks to pass the gate; empty when it may pass. */
  public List<String> missing(ModelVersion version, Gate gate) {
    BiPredicate<String, String> member =
        (user, group) ->
            EngineInternals.withoutAuthorization(
                identityService,
                () ->
                    identityService.createUserQuery().userId(user).memberOfGroup(group).count()
                        > 0);
    List<String> missing =
        new ArrayList<>(
            missing(
                version,
                gate,
                policies.policyOf(version.id()),
                approvals.findByVersion(version.id()),
                reports.findLatest(version.id()),
                canaries.latest(version.id()),
                member));
    // the evidence the effective tier requires (modelops.evidence.required-before-release)
    missing.addAll(attachments.missingBeforeRelease(version));
    if (gate != Gate.APPROVED) {
      missing.addAll(unresolvedFindings(findings.blockingRelease(version.id())));
    }
    return missing;
  }

  /** The release is blocked by each unresolved HIGH or CRITICAL finding, named. */
  static List<String> unresolvedFindings(List<FindingView> blocking) {
    return blocking.stream()
        .map(
            f ->
                "the finding "
                    + f.line()
                    + " blocks the production release until a validator closes it or model"
                    + " risk accepts its risk")
        .toList();
  }

  /** The rules, on the facts given (no database): see the class comment. */
  static List<String> missing(
      ModelVersion version,
      Gate gate,
      Optional<ApprovalPolicy> frozen,
      List<Approval> decisions,
      Optional<ValidationReport> report,
      Optional<CanaryAnalysisLog.Entry> canary,
      BiPredicate<String, String> member) {
    List<String> missing = new ArrayList<>();
    if (frozen.isEmpty()) {
      missing.add("no approval policy was determined and frozen for this version");
      return missing;
    }
    ApprovalPolicy policy = frozen.get();
    String registrant = version.registeredBy();
    if (report.isEmpty() || !report.get().passed()) {
      missing.add("no passed validation report is stored for this version");
    }

    List<Approval> reviews = onStep(decisions, ModelLifecycle.TASK_REVIEW);
    Set<String> reviewers = new LinkedHashSet<>();
    reviews.forEach(r -> reviewers.add(r.decidedBy()));
    for (Approval review : reviews) {
      if (!ModelLifecycle.isApproval(review.decision())) {
        missing.add(
            "the review by "
                + review.decidedBy()
                + " ("
                + review.reviewGroup()
                + ") decided "
                + review.decision()
                + ", not an approval");
      }
      if (review.decidedBy().equals(registrant)) {
        missing.add("the registrant " + registrant + " decided a review of their own version");
      }
    }
    if (policy.reviewGroups().isEmpty()) {
      boolean automatic =
          decisions.stream()
              .anyMatch(
                  a ->
                      RecordAutomaticApprovalDelegate.POLICY_ACTOR.equals(a.decidedBy())
                          && ModelLifecycle.TASK_AUTO_APPROVAL.equals(a.step())
                          && ModelLifecycle.DECISION_APPROVE.equals(a.decision()));
      if (!automatic) {
        missing.add("no automatic approval is recorded, although the policy requires no review");
      }
    } else {
      List<String> approvers = new ArrayList<>();
      for (String group : policy.reviewGroups()) {
        Optional<Approval> approval =
            reviews.stream()
                .filter(r -> ModelLifecycle.isApproval(r.decision()))
                .filter(r -> group.equals(r.reviewGroup()))
                .filter(r -> !r.decidedBy().equals(registrant))
                .filter(r -> !approvers.contains(r.decidedBy()))
                .filter(r -> member.test(r.decidedBy(), group))
                .findFirst();
        if (approval.isEmpty()) {
          missing.add(
              "no approval of the "
                  + group
                  + " review by a member of "
                  + group
                  + " who is neither the registrant nor another group's reviewer");
        } else {
          approvers.add(approval.get().decidedBy());
        }
      }
    }
    if (gate == Gate.APPROVED) {
      return missing;
    }

    if (policy.productionApprovalRequired()) {
      Optional<Approval> release = latest(decisions, ModelLifecycle.TASK_APPROVE_RELEASE);
      if (release.isEmpty() || !ModelLifecycle.DECISION_APPROVE.equals(release.get().decision())) {
        missing.add("no approval of the production release (the policy requires one)");
      } else if (!eligibleOperator(release.get().decidedBy(), registrant, reviewers, member)) {
        missing.add(
            "the production release was approved by "
                + release.get().decidedBy()
                + ", who is the registrant, a reviewer of this version or not in "
                + Groups.OPS);
      }
    }
    if (gate == Gate.RELEASE_CLEARED) {
      return missing;
    }

    if (canary.isEmpty()) {
      missing.add("no canary analysis is stored for this version");
    } else if (!"HEALTHY".equals(canary.get().verdict())) {
      Optional<Approval> decision = latest(decisions, ModelLifecycle.TASK_DECIDE_CANARY);
      boolean promoted =
          decision.isPresent()
              && "PROMOTE".equals(decision.get().decision())
              && !decision.get().decidedAt().isBefore(canary.get().analyzedAt())
              && eligibleOperator(decision.get().decidedBy(), registrant, reviewers, member);
      if (!promoted) {
        missing.add(
            "the last canary analysis was "
                + canary.get().verdict()
                + " and no eligible member of "
                + Groups.OPS
                + " decided PROMOTE after it");
      }
    }
    return missing;
  }

  private static boolean eligibleOperator(
      String user, String registrant, Set<String> reviewers, BiPredicate<String, String> member) {
    return !user.equals(registrant) && !reviewers.contains(user) && member.test(user, Groups.OPS);
  }

  static List<Approval> onStep(List<Approval> decisions, String step) {
    return decisions.stream().filter(a -> step.equals(a.step())).toList();
  }

  /** The newest decision on a step (decisions are ordered by time). */
  static Optional<Approval> latest(List<Approval> decisions, String step) {
    List<Approval> onStep = onStep(decisions, step);
    return onStep.isEmpty() ? Optional.empty() : Optional.of(onStep.get(onStep.size() - 1));
  }
}
