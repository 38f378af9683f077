package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.FindingRemediation;
import io.modelops.orchestrator.process.FindingTaskDeciders;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may hold the tasks of a finding's remediation, from the findings register and the catalog:
 * "Remediate finding" only its owner; "Verify remediation" neither its owner, nor who raised it,
 * nor the registrant of the version (the candidate groups, model-validators and model-risk, are
 * checked by the engine-side caller).
 */
@Component
class RemediationTaskDeciders implements FindingTaskDeciders {

  private final FindingRepository findings;
  private final CatalogRepository catalog;

  RemediationTaskDeciders(FindingRepository findings, CatalogRepository catalog) {
    this.findings = findings;
    this.catalog = catalog;
  }

  @Override
  public Optional<String> whyNot(String findingId, String taskDefinitionKey, String user) {
    Optional<Finding> found = find(findingId);
    if (found.isEmpty()) {
      return Optional.of("the remediation " + findingId + " belongs to no finding");
    }
    Finding f = found.get();
    if (FindingRemediation.TASK_REMEDIATE.equals(taskDefinitionKey)) {
      return user.equals(f.owner())
          ? Optional.empty()
          : Optional.of("only the owner of the finding (" + f.owner() + ") remediates it");
    }
    String registrant =
        catalog.findVersion(f.modelVersionId()).map(ModelVersion::registeredBy).orElse(null);
    if (user.equals(f.owner()) || user.equals(f.raisedBy()) || user.equals(registrant)) {
      return Optional.of(
          user
              + " owns, raised or registered what the finding \""
              + f.title()
              + "\" is about; another validator verifies its remediation");
    }
    return Optional.empty();
  }

  private Optional<Finding> find(String findingId) {
    try {
      return findingId == null ? Optional.empty() : findings.find(UUID.fromString(findingId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
