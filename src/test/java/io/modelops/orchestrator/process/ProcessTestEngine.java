package io.modelops.orchestrator.process;

import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/** The in-memory engine of the process tests, with the coverage every process test must keep. */
final class ProcessTestEngine {

  private ProcessTestEngine() {}

  /**
   * An engine from {@code process-test.camunda.cfg.xml} (not camunda.cfg.xml: the engine REST API
   * of the integration tests would pick that up as a second default engine) that fails the class
   * below 90 % coverage of its processes.
   */
  static ProcessEngineCoverageExtension withCoverage() {
    return ProcessEngineCoverageExtension.builder()
        .configurationResource("process-test.camunda.cfg.xml")
        .assertClassCoverageAtLeast(0.9)
        .build();
  }
}
