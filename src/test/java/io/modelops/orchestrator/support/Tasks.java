package io.modelops.orchestrator.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/**
 * Waiting for what a process instance waits on, as users see it over the REST API: a user task, or
 * the incident of a failed job.
 */
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

  /** The instance's one incident, as an administrator sees it, once there is exactly one. */
  public static JsonNode awaitIncident(int port, String instance, Duration timeout) {
    ApiClient admin = ApiClient.as(port, "admin");
    return await()
        .atMost(timeout)
        .until(
            () -> {
              JsonNode incidents =
                  admin
                      .get("/engine-rest/incident?maxResults=50&processInstanceId=" + instance)
                      .json();
              return incidents.isArray() && incidents.size() == 1 ? incidents.get(0) : null;
            },
            Objects::nonNull);
  }
}
