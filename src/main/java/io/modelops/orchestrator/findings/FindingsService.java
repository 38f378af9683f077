package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.audit.AuditLog;
import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.LifecycleStatus;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.EngineInternals;
import io.modelops.orchestrator.process.ModelLifecycle;
import io.modelops.orchestrator.security.Groups;
import io.modelops.orchestrator.web.ConflictException;
import io.modelops.orchestrator.web.InvalidRequestException;
import io.modelops.orchestrator.web.ResourceNotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The findings register and its state machine. Who may do what is decided here, from the catalog,
 * the engine's tasks and group memberships, never from what the caller sends:
 *
 * <ul>
 *   <li><b>raise</b>: the assignee of an open review task of the version (so a member of its review
 *       group who claimed it), never the registrant; the version is {@code IN_REVIEW};
 *   <li><b>submit a remediation</b>: the finding's owner, while it is {@code OPEN};
 *   <li><b>close</b>: a member of model-validators or model-risk who is neither the owner, nor who
 *       raised it, nor the registrant of the version, once a remediation is submitted;
 *   <li><b>reopen</b> (reject the remediation): a member of model-validators or model-risk who is
 *       neither the owner nor the registrant, with a reason;
 *   <li><b>accept the risk</b>: a member of model-risk who is neither the owner nor the registrant,
 *       for a finding that is not closed, with a reason and an expiry date.
 * </ul>
 *
 * Every transition is stored in {@code finding_transition} and appended to the audit chain in the
 * same transaction, and moves the finding's remediation in Tasklist along ({@link
 * FindingRemediations}). A transition from the wrong status is a 409; a repeated request too.
 */
@Service
@EnableConfigurationProperties(FindingsProperties.class)
class FindingsService {

  static final String RAISED = "FINDING_RAISED";
  static final String REMEDIATION_SUBMITTED = "FINDING_REMEDIATION_SUBMITTED";
  static final String CLOSED = "FINDING_CLOSED";
  static final String REOPENED = "FINDING_REOPENED";
  static final String RISK_ACCEPTED = "FINDING_RISK_ACCEPTED";

  private final FindingRepository findings;
  private final CatalogRepository catalog;
  private final FindingDueDates dueDates;
  private final AuditLog audit;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final FindingsProperties properties;
  private final FindingRemediations remediations;
  private final Clock clock;

  FindingsService(
      FindingRepository findings,
      CatalogRepository catalog,
      FindingDueDates dueDates,
      AuditLog audit,
      TaskService taskService,
      IdentityService identityService,
      FindingsProperties properties,
      FindingRemediations remediations,
      Clock clock) {
    this.findings = findings;
    this.catalog = catalog;
    this.dueDates = dueDates;
    this.audit = audit;
    this.taskService = taskService;
    this.identityService = identityService;
    this.properties = properties;
    this.remediations = remediations;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<FindingView> list(String model, String version) {
    ModelVersion v = catalog.requireVersion(model, version);
    return views(v.id());
  }

  @Transactional(readOnly = true)
  public FindingView get(UUID id) {
    return view(require(id));
  }

  /** Every finding of a version, oldest first. */
  List<FindingView> views(UUID versionId) {
    return findings.findByVersion(versionId).stream().map(this::view).toList();
  }

  @Transactional
  public FindingView raise(
      String model, String version, FindingRequests.Raise request, String user) {
    ModelVersion v = catalog.requireVersion(model, version);
    String subject = v.modelName() + ":" + v.version();
    if (user.equals(v.registeredBy())) {
      throw forbidden(
          user + " registered " + subject + " and cannot raise findings on it; reviewers do");
    }
    if (v.status() != LifecycleStatus.IN_REVIEW) {
      throw new ConflictException(
          "Findings are raised during the review; " + subject + " is " + v.status());
    }
    Task review = heldReviewTask(v, user);
    String owner = request.owner() == null ? v.registeredBy() : request.owner();
    if (owner.equals(user)) {
      throw InvalidRequestException.of(
          "owner",
          "The reviewer who raises a finding cannot own it; leave owner out for the"
              + " registrant");
    }
    if (!userExists(owner)) {
      throw InvalidRequestException.of("owner", "No user " + owner);
    }
    findings.lockVersion(v.id());
    String title = request.title().strip();
    boolean duplicate =
        findings.findByVersion(v.id()).stream()
            .anyMatch(
                f ->
                    f.raisedBy().equals(user)
                        && f.status() != FindingStatus.CLOSED
                        && f.title()
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .equals(title.toLowerCase(Locale.ROOT)));
    if (duplicate) {
      throw new ConflictException(
          user + " already raised a finding \"" + title + "\" on " + subject);
    }
    OffsetDateTime now = now();
    String tier = v.riskTier() == null ? "HIGH" : v.riskTier().name();
    LocalDate due = today().plusDays(dueDates.days(request.severity(), tier));
    Finding finding =
        new Finding(
            UUID.randomUUID(),
            v.id(),
            v.modelName(),
            v.version(),
            title,
            request.description(),
            request.severity(),
            owner,
            tier,
            due,
            user,
            now,
            review.getId(),
            FindingStatus.OPEN,
            null,
            now);
    findings.insert(finding);
    findings.insertTransition(
        finding.id(), null, FindingStatus.OPEN, user, now, request.description(), null, null);
    Map<String, Object> details = details(finding);
    details.put("description", finding.description());
    details.put("riskTier", tier);
    details.put("reviewTaskId", review.getId());
    audit.record(RAISED, user, v.modelName(), v.version(), v.processInstanceId(), details);
    remediations.start(finding);
    return view(finding.id());
  }

  @Transactional
  public FindingView submitRemediation(UUID id, FindingRequests.Remediation request, String user) {
    Finding f = require(id);
    if (!user.equals(f.owner())) {
      throw forbidden("Only the owner of the finding (" + f.owner() + ") submits its remediation");
    }
    requireStatus(f, FindingStatus.OPEN, "submit a remediation");
    Map<String, Object> details = details(f);
    details.put("remediation", request.remediation());
    details.put("evidenceUri", request.evidenceUri());
    return move(
        f,
        FindingStatus.REMEDIATION_SUBMITTED,
        user,
        request.remediation(),
        request.evidenceUri(),
        null,
        REMEDIATION_SUBMITTED,
        details);
  }

  @Transactional
  public FindingView close(UUID id, FindingRequests.Verdict request, String user) {
    Finding f = require(id);
    requireValidator(user, "close");
    ModelVersion v = version(f);
    if (user.equals(f.owner()) || user.equals(f.raisedBy()) || user.equals(v.registeredBy())) {
      throw forbidden(
          "Segregation of duties: "
              + user
              + " owns, raised or registered what the finding is about; another validator"
              + " closes it");
    }
    requireStatus(f, FindingStatus.REMEDIATION_SUBMITTED, "close it");
    String comment = request == null ? null : request.comment();
    Map<String, Object> details = details(f);
    details.put("comment", comment);
    return move(f, FindingStatus.CLOSED, user, comment, null, null, CLOSED, details);
  }

  @Transactional
  public FindingView reopen(UUID id, FindingRequests.Verdict request, String user) {
    Finding f = require(id);
    requireValidator(user, "reject a remediation of");
    ModelVersion v = version(f);
    if (user.equals(f.owner()) || user.equals(v.registeredBy())) {
      throw forbidden(
          "Segregation of duties: "
              + user
              + " owns the finding or registered the version; a validator rejects the"
              + " remediation");
    }
    requireStatus(f, FindingStatus.REMEDIATION_SUBMITTED, "reject its remediation");
    String reason = request == null ? null : request.comment();
    if (reason == null || reason.isBlank()) {
      throw InvalidRequestException.of(
          "comment", "Say why the remediation is rejected; the owner reads it");
    }
    Map<String, Object> details = details(f);
    details.put("reason", reason);
    return move(f, FindingStatus.OPEN, user, reason, null, null, REOPENED, details);
  }

  @Transactional
  public FindingView acceptRisk(UUID id, FindingRequests.RiskAcceptance request, String user) {
    Finding f = require(id);
    if (!member(user, Groups.RISK)) {
      throw forbidden("Only model risk (" + Groups.RISK + ") accepts the risk of a finding");
    }
    ModelVersion v = version(f);
    if (user.equals(f.owner()) || user.equals(v.registeredBy())) {
      throw forbidden(
          "Segregation of duties: "
              + user
              + " owns the finding or registered the version and cannot accept its risk");
    }
    FindingStatus effective = f.effectiveStatus(today());
    if (effective == FindingStatus.CLOSED || effective == FindingStatus.RISK_ACCEPTED) {
      throw new ConflictException(
          "The finding is " + effective + "; only open findings can have their risk accepted");
    }
    LocalDate today = today();
    LocalDate latest = today.plusDays(properties.maxRiskAcceptanceDays());
    if (!request.expiresOn().isAfter(today) || request.expiresOn().isAfter(latest)) {
      throw InvalidRequestException.of(
          "expiresOn",
          "must be after today and at most "
              + properties.maxRiskAcceptanceDays()
              + " days ahead (on or before "
              + latest
              + ")");
    }
    Map<String, Object> details = details(f);
    details.put("reason", request.reason());
    details.put("expiresOn", request.expiresOn().toString());
    return move(
        f,
        FindingStatus.RISK_ACCEPTED,
        user,
        request.reason(),
        null,
        request.expiresOn(),
        RISK_ACCEPTED,
        details);
  }

  private FindingView move(
      Finding f,
      FindingStatus next,
      String user,
      String text,
      String evidenceUri,
      LocalDate acceptedUntil,
      String action,
      Map<String, Object> details) {
    OffsetDateTime now = now();
    FindingStatus from = f.effectiveStatus(today());
    // conditional on the stored status: a concurrent or repeated request finds it moved
    if (!findings.move(f.id(), f.status(), next, acceptedUntil, now)) {
      throw new ConflictException("The finding changed meanwhile; read it again");
    }
    findings.insertTransition(f.id(), from, next, user, now, text, evidenceUri, acceptedUntil);
    details.put("from", from.name());
    details.put("to", next.name());
    ModelVersion v = version(f);
    audit.record(action, user, f.model(), f.version(), v.processInstanceId(), details);
    remediations.moved(f, next);
    return view(f.id());
  }

  private static Map<String, Object> details(Finding f) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("findingId", f.id().toString());
    details.put("title", f.title());
    details.put("severity", f.severity().name());
    details.put("owner", f.owner());
    details.put("dueDate", f.dueDate().toString());
    details.put("raisedBy", f.raisedBy());
    return details;
  }

  /** The open review task of the version the user holds; 403 when there is none. */
  private Task heldReviewTask(ModelVersion v, String user) {
    List<Task> held =
        EngineInternals.withoutAuthorization(
            identityService,
            () ->
                v.processInstanceId() == null
                    ? List.<Task>of()
                    : taskService
                        .createTaskQuery()
                        .processInstanceId(v.processInstanceId())
                        .taskDefinitionKey(ModelLifecycle.TASK_REVIEW)
                        .taskAssignee(user)
                        .active()
                        .list());
    if (held.isEmpty()) {
      throw forbidden(
          "Findings are raised by the reviewer who holds a review task of "
              + v.modelName()
              + ":"
              + v.version()
              + "; claim the task first");
    }
    return held.get(0);
  }

  private void requireValidator(String user, String what) {
    if (!member(user, Groups.VALIDATORS) && !member(user, Groups.RISK)) {
      throw forbidden(
          "Only validators (" + Groups.VALIDATORS + ", " + Groups.RISK + ") " + what + " findings");
    }
  }

  private void requireStatus(Finding f, FindingStatus expected, String what) {
    FindingStatus effective = f.effectiveStatus(today());
    if (effective != expected) {
      throw new ConflictException(
          "The finding is " + effective + "; to " + what + " it must be " + expected);
    }
  }

  private boolean member(String user, String group) {
    return EngineInternals.withoutAuthorization(
        identityService,
        () -> identityService.createUserQuery().userId(user).memberOfGroup(group).count() > 0);
  }

  private boolean userExists(String user) {
    return EngineInternals.withoutAuthorization(
        identityService, () -> identityService.createUserQuery().userId(user).count() > 0);
  }

  private Finding require(UUID id) {
    return findings.find(id).orElseThrow(() -> new ResourceNotFoundException("No finding " + id));
  }

  private ModelVersion version(Finding f) {
    return catalog
        .findVersion(f.modelVersionId())
        .orElseThrow(() -> new IllegalStateException("finding of no version: " + f.id()));
  }

  private FindingView view(UUID id) {
    return view(require(id));
  }

  private FindingView view(Finding f) {
    return FindingView.of(f, findings.history(f.id()), today());
  }

  private static AuthorizationException forbidden(String message) {
    return new AuthorizationException(message);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }
}
