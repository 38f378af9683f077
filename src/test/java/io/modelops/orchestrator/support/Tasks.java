package io.modelops.orchestrator.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/** Waiting for the user tasks of a process instance, as a user sees them over the REST API. */
public final class Tasks {

  private Tasks() {}

  /** The id of the first task of the instance that the user can see, once there is one. */
  public static String awaitTask(int port, String instance, String user, Duration timeout) {
    ApiClient client = ApiClient.as(port, user);
    return await()
        .atMost(timeout)
        .until(
            () -> {
              JsonNode tasks =
                  client
                      .get("/engine-rest/task?maxResults=50&processInstanceId=" + instance)
                      .json();
              return tasks.isArray() && !tasks.isEmpty() ? tasks.get(0).path("id").asText() : null;
            },
            Objects::nonNull);
  }
}
