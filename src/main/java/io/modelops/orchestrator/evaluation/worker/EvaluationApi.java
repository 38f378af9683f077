package io.modelops.orchestrator.evaluation.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/** The orchestrator's evaluation API as the worker calls it: read a request, post its results. */
class EvaluationApi {

  private static final Pattern REQUEST_ID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  /** The orchestrator refused the results (4xx): posting them again cannot help. */
  static final class Refused extends Exception {
    private final String detail;

    Refused(String message, String detail) {
      super(message);
      this.detail = detail;
    }

    String detail() {
      return detail;
    }
  }

  private final String apiRoot;
  private final String authorization;
  private final ObjectMapper json;
  private final HttpClient http;

  EvaluationApi(String engineRestUrl, String username, String password, ObjectMapper json) {
    String root = engineRestUrl.replaceAll("/+$", "");
    this.apiRoot =
        (root.endsWith("/engine-rest")
                ? root.substring(0, root.length() - "/engine-rest".length())
                : root)
            + "/api/evaluations/";
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  JsonNode evaluation(String requestId) throws IOException, InterruptedException, Refused {
    HttpResponse<String> response =
        http.send(
            request(requestId, "").GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return answer(response, "Reading evaluation " + requestId);
  }

  void postResults(String requestId, JsonNode results)
      throws IOException, InterruptedException, Refused {
    HttpResponse<String> response =
        http.send(
            request(requestId, "/results")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(results)))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    answer(response, "Posting the results of evaluation " + requestId);
  }

  private HttpRequest.Builder request(String requestId, String suffix) throws Refused {
    if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
      throw new Refused(
          "The task names no evaluation request", "evaluationRequestId: " + requestId);
    }
    return HttpRequest.newBuilder(URI.create(apiRoot + requestId + suffix))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private JsonNode answer(HttpResponse<String> response, String what) throws IOException, Refused {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return json.readTree(response.body());
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      throw new Refused(what + " was refused (" + status + ")", response.body());
    }
    throw new IOException(what + " failed (" + status + ")");
  }
}
