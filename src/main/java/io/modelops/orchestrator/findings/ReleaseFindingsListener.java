package io.modelops.orchestrator.findings;

import io.modelops.orchestrator.catalog.CatalogRepository;
import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.process.ModelLifecycle;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Shows the unresolved findings of the version in "Approve production release" ("create" task
 * listener): display only, the canary's guard checks them again when it runs.
 */
@Component("releaseFindingsListener")
class ReleaseFindingsListener implements TaskListener {

  private final CatalogRepository catalog;
  private final FindingsRegister findings;

  ReleaseFindingsListener(CatalogRepository catalog, FindingsRegister findings) {
    this.catalog = catalog;
    this.findings = findings;
  }

  @Override
  public void notify(DelegateTask task) {
    ModelVersion version = catalog.requireVersionOfLifecycle(task.getProcessInstanceId());
    ModelLifecycle.FINDINGS_SUMMARY.set(task, summary(findings.ofVersion(version.id())));
  }

  static String summary(List<FindingView> all) {
    List<FindingView> unresolved =
        all.stream()
            .filter(
                f ->
                    f.status() == FindingStatus.OPEN
                        || f.status() == FindingStatus.REMEDIATION_SUBMITTED)
            .toList();
    if (unresolved.isEmpty()) {
      return "none";
    }
    return unresolved.stream()
        .map(f -> (f.blocksRelease() ? "BLOCKS RELEASE: " : "") + f.line())
        .collect(Collectors.joining("\n"));
  }
}
