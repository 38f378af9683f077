package io.modelops.orchestrator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelops.orchestrator.config.JacksonConfig;
import io.modelops.orchestrator.monitoring.FeatureSpec;
import io.modelops.orchestrator.monitoring.MonitoringProfile;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer of {@code examples/credit-risk} keeps the contract of the reference training worker:
 * exit code, last stdout line, and a monitoring profile the registration API accepts.
 */
class CreditRiskExampleTest {

  private static final Path TRAINER = Path.of("examples/credit-risk/CreditRisk.java");
  private static final int ROWS = 2000;

  /** The settings of application.yaml and JacksonConfig that decide what the API refuses. */
  private static final ObjectMapper API_JSON = apiMapper();

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  @TempDir Path dir;

  record Run(int exitCode, List<String> stdout, String stderr) {}

  @Test
  void trainsOnBaselineData() throws Exception {
    JsonNode result = trainAndCheck("0");
    assertThat(result.path("runId").asText()).isEqualTo("run-0");
  }

  @Test
  void trainsOnShiftedData() throws Exception {
    trainAndCheck("2");
  }

  @Test
  void aucBelowTheMinimumIsABusinessFailure() throws Exception {
    Run run = train("0", ROWS, "--min-auc", "0.99");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().strip().lines().reduce((a, b) -> b).orElse(""))
        .contains("holdout AUC")
        .contains("0.99");
  }

  @Test
  void tooFewRowsIsABusinessFailure() throws Exception {
    Run run = train("0", 150);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("150 rows");
  }

  private JsonNode trainAndCheck(String shift) throws Exception {
    Run run = train(shift, ROWS);
    assertThat(run.exitCode()).as(run.stderr()).isZero();

    JsonNode result = API_JSON.readTree(run.stdout().get(run.stdout().size() - 1));
    assertThat(result.path("metrics").path("auc").asDouble()).isGreaterThan(0.7);
    assertThat(result.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.6);
    Path model = Path.of(URI.create(result.path("artifactUri").asText()));
    assertThat(model).exists().startsWith(dir.resolve("out"));
    // lineage: what a HIGH-risk candidate must document (the source commit of the training code)
    assertThat(result.path("sourceCommit").asText()).matches("[0-9a-f]{40}|sha256:[0-9a-f]{64}");
    assertThat(result.path("trainingDataRef").asText())
        .startsWith(dir.resolve("data.csv").toUri().toString())
        .containsPattern("#sha256=[0-9a-f]{64}$");

    MonitoringProfile profile =
        API_JSON.treeToValue(result.path("monitoring"), MonitoringProfile.class);
    assertThat(VALIDATOR.validate(profile)).isEmpty();
    assertThat(profile.reference())
        .containsOnlyKeys(
            "income", "debt_ratio", "age", "loan_amount", "employment_years", "home_ownership");
    assertThat(profile.reference().get("income")).isInstanceOf(FeatureSpec.Binned.class);
    assertThat(profile.reference().get("home_ownership"))
        .isInstanceOf(FeatureSpec.Categorical.class);
    return result;
  }

  /** {@code java CreditRisk.java train} on rows generated with the given shift, in a child JVM. */
  private Run train(String shift, int rows, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // the launcher compiles the source in memory: C1 only starts and compiles fastest
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(
        List.of(
            TRAINER.toString(),
            "train",
            "--data",
            dir.resolve("data.csv").toString(),
            "--shift",
            shift,
            "--rows",
            String.valueOf(rows)));
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("MODELOPS_OUTPUT_DIR", dir.resolve("out").toString());
    builder.environment().put("MODELOPS_RUN_ID", "run-" + shift);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(
        process.exitValue(), stdout.lines().toList(), Files.readString(dir.resolve("stderr.txt")));
  }

  /** As the API reads JSON (application.yaml's Jackson settings and JacksonConfig). */
  private static ObjectMapper apiMapper() {
    return JacksonConfig.refuseScalarCoercion(
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build());
  }
}
