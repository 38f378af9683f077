package io.modelops.orchestrator.evaluation.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelops.orchestrator.process.ModelEvaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** The reference evaluation worker's command contract, against tiny {@code sh} scripts. */
class EvaluationTaskHandlerTest {

  private static final String REQUEST = "11111111-2222-4333-8444-555555555555";

  private final ObjectMapper json = new ObjectMapper();
  private final EvaluationApi api = mock(EvaluationApi.class);
  private final ExternalTask task = mock(ExternalTask.class);
  private final ExternalTaskService service = mock(ExternalTaskService.class);

  @TempDir Path directory;
  private Path dataset;
  private String sha256;

  @BeforeEach
  void givenATaskAndADataset() throws Exception {
    when(task.getVariable(ModelEvaluation.MODEL_NAME.name())).thenReturn("credit-risk");
    when(task.getVariable(ModelEvaluation.REQUEST_ID.name())).thenReturn(REQUEST);
    when(task.getRetries()).thenReturn(null);
    dataset = directory.resolve("holdout.csv");
    Files.writeString(dataset, "x,y\n1,0\n2,1\n", StandardCharsets.UTF_8);
    sha256 = EvaluationTaskHandler.sha256(dataset);
  }

  @Test
  void shouldScoreCandidateThenChampionAndPostWhatEachPrintedLast() throws Exception {
    // given: a command that reports a different auc per role, logging on stderr
    when(api.evaluation(REQUEST)).thenReturn(request(dataset.toUri().toString(), sha256, true));
    String script =
        "echo \"scoring $MODELOPS_VERSION ($MODELOPS_ROLE) of $MODELOPS_MODEL\" >&2;"
            + " test \"$MODELOPS_DATASET_SHA256\" = \""
            + sha256
            + "\" || exit 1;"
            + " if [ \"$MODELOPS_ROLE\" = candidate ]; then auc=0.81; else auc=0.79; fi;"
            + " echo 'progress'; echo \"{\\\"metrics\\\":{\\\"auc\\\":$auc},\\\"rows\\\":2}\"";

    // when
    handler(List.of("sh", "-c", script)).execute(task, service);

    // then
    ArgumentCaptor<JsonNode> posted = ArgumentCaptor.forClass(JsonNode.class);
    verify(api).postResults(eq(REQUEST), posted.capture());
    JsonNode results = posted.getValue();
    assertThat(results.path("datasetSha256").asText()).isEqualTo(sha256);
    assertThat(results.path("candidate").path("version").asText()).isEqualTo("1.1.0");
    assertThat(results.path("candidate").path("metrics").path("auc").asDouble()).isEqualTo(0.81);
    assertThat(results.path("candidate").path("rows").asLong()).isEqualTo(2);
    assertThat(results.path("champion").path("version").asText()).isEqualTo("1.0.0");
    assertThat(results.path("champion").path("metrics").path("auc").asDouble()).isEqualTo(0.79);
    verify(service, never())
        .handleFailure(any(ExternalTask.class), any(), any(), anyInt(), anyLong());
    verify(service, never()).complete(any(ExternalTask.class));
  }

  @Test
  void shouldRejectTheEvaluationWhenTheFileNoLongerHasTheRegisteredHash() throws Exception {
    // given
    when(api.evaluation(REQUEST)).thenReturn(request(dataset.toUri().toString(), sha256, false));
    Files.writeString(dataset, "x,y\n1,1\n", StandardCharsets.UTF_8);

    // when
    handler(List.of("sh", "-c", "echo should-not-run >&2; exit 1")).execute(task, service);

    // then
    ArgumentCaptor<String> reason = ArgumentCaptor.forClass(String.class);
    verify(service)
        .handleBpmnError(eq(task), eq(ModelEvaluation.ERROR_EVALUATION_REJECTED), reason.capture());
    assertThat(reason.getValue()).startsWith("evaluation dataset changed");
    verify(api, never()).postResults(anyString(), any());
  }

  @Test
  void shouldRejectWithTheLastErrorLineOnExitCodeTwo() throws Exception {
    when(api.evaluation(REQUEST)).thenReturn(request(dataset.toUri().toString(), sha256, false));

    handler(List.of("sh", "-c", "echo loading >&2; echo 'column income missing' >&2; exit 2"))
        .execute(task, service);

    verify(service)
        .handleBpmnError(task, ModelEvaluation.ERROR_EVALUATION_REJECTED, "column income missing");
    verify(api, never()).postResults(anyString(), any());
  }

  @Test
  void shouldRetryTechnicalFailuresAndOutputWithoutMetrics() throws Exception {
    when(api.evaluation(REQUEST)).thenReturn(request(dataset.toUri().toString(), sha256, false));

    handler(List.of("sh", "-c", "echo 'not json'")).execute(task, service);
    handler(List.of("sh", "-c", "echo boom >&2; exit 3")).execute(task, service);

    ArgumentCaptor<String> message = ArgumentCaptor.forClass(String.class);
    verify(service, org.mockito.Mockito.times(2))
        .handleFailure(eq(task), message.capture(), any(), eq(2), eq(60_000L));
    assertThat(message.getAllValues().get(0)).contains("no JSON result with metrics");
    assertThat(message.getAllValues().get(1)).contains("exit code 3").contains("boom");
    verify(api, never()).postResults(anyString(), any());
  }

  @Test
  void shouldRunNothingForAModelWithoutACommand() {
    new EvaluationTaskHandler(properties(Map.of("other-model", List.of("true"))), api, json)
        .execute(task, service);

    verify(service).handleFailure(eq(task), anyString(), anyString(), eq(0), eq(0L));
  }

  private EvaluationTaskHandler handler(List<String> command) {
    return new EvaluationTaskHandler(properties(Map.of("default", command)), api, json);
  }

  private static EvaluationWorkerProperties properties(Map<String, List<String>> commands) {
    return new EvaluationWorkerProperties(
        true,
        commands,
        null,
        null,
        "eval-bot",
        "eval-bot",
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        1,
        3,
        Duration.ofMinutes(1));
  }

  private JsonNode request(String uri, String hash, boolean withChampion) {
    ObjectNode request = json.createObjectNode();
    request.put("id", REQUEST).put("status", "OPEN").put("datasetUri", uri);
    request.put("datasetSha256", hash);
    request.putObject("candidate").put("version", "1.1.0").put("artifactUri", "s3://m/1.1.0");
    if (withChampion) {
      request.putObject("champion").put("version", "1.0.0").put("artifactUri", "s3://m/1.0.0");
    }
    return request;
  }
}
