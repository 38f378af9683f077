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
import io.modelops.orchestrator.support.CreditRiskScript;
import io.modelops.orchestrator.support.CreditRiskScript.Run;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python program of {@code examples/credit-risk} keeps the contracts of the reference workers:
 * {@code train} (training worker: exit codes, last stdout line, lineage, a monitoring profile the
 * registration API accepts) and {@code evaluate} (evaluation: computed metrics of a version on the
 * governed dataset, refused when the dataset's SHA-256 differs).
 */
class CreditRiskExampleTest {

  private static final int ROWS = 2000;

  /** The settings of application.yaml and JacksonConfig that decide what the API refuses. */
  private static final ObjectMapper API_JSON = apiMapper();

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  @TempDir Path dir;

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
    assertThat(run.reason()).contains("holdout AUC").contains("0.99");
  }

  @Test
  void tooFewRowsIsABusinessFailure() throws Exception {
    Run run = train("0", 150);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.reason()).contains("150 rows");
  }

  @Test
  void aWrongOptionIsATechnicalFailureNotABusinessOne() throws Exception {
    Run run = CreditRiskScript.run(dir, Map.of(), "train", "--no-such-option", "1");

    assertThat(run.exitCode()).isNotIn(0, 2);
  }

  @Test
  void evaluatesAVersionOnTheGovernedDataset() throws Exception {
    // given a trained model and a holdout drawn from a shifted population
    String artifact = trainAndCheck("0").path("artifactUri").asText();
    Path holdout = holdout(500);

    // when the evaluation worker runs the script for it
    Run run = evaluate(artifact, holdout, sha256(holdout));

    // then the last stdout line carries the computed metrics and the row count, nothing else
    JsonNode result = API_JSON.readTree(run.result());
    assertThat(result.properties()).extracting(Map.Entry::getKey).containsOnly("metrics", "rows");
    assertThat(result.path("rows").asInt()).isEqualTo(500);
    assertThat(result.path("metrics").properties())
        .extracting(Map.Entry::getKey)
        .containsOnly("auc", "accuracy");
    assertThat(result.path("metrics").path("auc").asDouble()).isBetween(0.5, 1.0);
    assertThat(result.path("metrics").path("accuracy").asDouble()).isBetween(0.4, 1.0);
  }

  @Test
  void refusesADatasetWhoseHashDiffersFromTheRegisteredOne() throws Exception {
    String artifact = trainAndCheck("0").path("artifactUri").asText();
    Path holdout = holdout(500);
    String registered = sha256(holdout);
    Files.writeString(holdout, "100000,0.1,40,5000,10,own,0\n", StandardOpenOption.APPEND);

    Run run = evaluate(artifact, holdout, registered);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.reason()).contains("sha256").contains(registered).contains("refused");
  }

  @Test
  void anUnreadableModelIsABusinessFailure() throws Exception {
    Path holdout = holdout(500);
    Path model = Files.writeString(dir.resolve("model.json"), "{\"type\":\"pickle\"}");

    Run run = evaluate(model.toUri().toString(), holdout, sha256(holdout));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.reason()).contains("cannot read the model");
  }

  @Test
  void tooFewEvaluationRowsIsABusinessFailure() throws Exception {
    String artifact = trainAndCheck("0").path("artifactUri").asText();
    Path holdout = holdout(50);

    Run run = evaluate(artifact, holdout, sha256(holdout));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.reason()).contains("50 rows");
  }

  private JsonNode trainAndCheck(String shift) throws Exception {
    Run run = train(shift, ROWS);
    JsonNode result = API_JSON.readTree(run.result());
    assertThat(result.path("metrics").path("auc").asDouble()).isGreaterThan(0.7);
    assertThat(result.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.6);
    Path model = Path.of(URI.create(result.path("artifactUri").asText()));
    assertThat(model).exists().startsWith(dir.resolve("out").toRealPath());
    // a readable, safe artifact: JSON, no pickle
    assertThat(API_JSON.readTree(model.toFile()).path("type").asText())
        .isEqualTo("logistic-regression");
    // lineage: what a HIGH-risk candidate must document (the source commit of the training code)
    assertThat(result.path("sourceCommit").asText()).matches("[0-9a-f]{40}|sha256:[0-9a-f]{64}");
    assertThat(result.path("trainingDataRef").asText())
        .startsWith(dir.resolve("data-" + shift + ".csv").toRealPath().toUri().toString())
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

  /** {@code credit_risk.py train} on rows generated with the given shift. */
  private Run train(String shift, int rows, String... options) throws Exception {
    Files.createDirectories(dir.resolve("out"));
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                dir.resolve("data-" + shift + ".csv").toString(),
                "--shift",
                shift,
                "--rows",
                String.valueOf(rows)));
    arguments.addAll(List.of(options));
    return CreditRiskScript.run(
        dir,
        Map.of(
            "MODELOPS_OUTPUT_DIR",
            dir.resolve("out").toString(),
            "MODELOPS_RUN_ID",
            "run-" + shift),
        arguments.toArray(String[]::new));
  }

  /** {@code credit_risk.py generate}: labelled rows of a shifted population. */
  private Path holdout(int rows) throws Exception {
    Path holdout = dir.resolve("holdout.csv");
    Run run =
        CreditRiskScript.run(
            dir,
            Map.of(),
            "generate",
            "--rows",
            String.valueOf(rows),
            "--seed",
            "99",
            "--shift",
            "2",
            "--out",
            holdout.toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    return holdout;
  }

  /** {@code credit_risk.py evaluate} as the evaluation worker runs it for a candidate. */
  private Run evaluate(String artifactUri, Path dataset, String sha256) throws Exception {
    return CreditRiskScript.run(
        dir,
        Map.of(
            "MODELOPS_MODEL",
            "credit-risk",
            "MODELOPS_VERSION",
            "1.0.1",
            "MODELOPS_ROLE",
            "candidate",
            "MODELOPS_ARTIFACT_URI",
            artifactUri,
            "MODELOPS_DATASET_URI",
            dataset.toUri().toString(),
            "MODELOPS_DATASET_SHA256",
            sha256),
        "evaluate");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
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
