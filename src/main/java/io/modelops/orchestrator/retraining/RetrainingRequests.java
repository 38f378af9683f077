package io.modelops.orchestrator.retraining;

import io.modelops.orchestrator.catalog.ModelVersion;
import io.modelops.orchestrator.governance.audit.AuditLog;
import io.modelops.orchestrator.process.ModelRetraining;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records retraining requests and starts {@code model-retraining} for them, once per dedup key
 * (a job that runs twice requests once).
 */
@Service
public class RetrainingRequests {

  /** A recorded request and the instance it started. */
  public record Request(UUID id, String processInstanceId, boolean created) {}

  private final JdbcClient jdbc;
  private final RuntimeService runtimeService;
  private final AuditLog audit;
  private final Clock clock;

  public RetrainingRequests(
      JdbcClient jdbc, RuntimeService runtimeService, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Requests retraining of the version's model.
   *
   * @param trigger DRIFT, SCHEDULE or MANUAL
   * @param dedupKey a request with the same key is recorded once
   */
  @Transactional
  public Request request(
      ModelVersion champion, String trigger, String reason, String actor, String dedupKey) {
    Optional<Request> existing =
        jdbc.sql("SELECT id, process_instance_id FROM retraining_request WHERE dedup_key = ?")
            .param(dedupKey)
            .query((rs, i) -> new Request(rs.getObject("id", UUID.class),
                rs.getString("process_instance_id"), false))
            .optional();
    if (existing.isPresent()) {
      return existing.get();
    }
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(clock);
    String bounded = reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason;
    jdbc.sql(
            "INSERT INTO retraining_request (id, model_id, model_version_id, trigger_kind, reason,"
                + " requested_by, requested_at, dedup_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, champion.modelId(), champion.id(), trigger, bounded, actor, now, dedupKey)
        .update();
    Map<String, Object> variables = new HashMap<>();
    ModelRetraining.REQUEST_ID.putInto(variables, id.toString());
    ModelRetraining.MODEL_NAME.putInto(variables, champion.modelName());
    ModelRetraining.CHAMPION_VERSION.putInto(variables, champion.version());
    ModelRetraining.CHAMPION_VERSION_ID.putInto(variables, champion.id().toString());
    ModelRetraining.TRIGGER.putInto(variables, trigger);
    ModelRetraining.REASON.putInto(variables, bounded);
    ModelRetraining.TRAINING_DATA_REF.putInto(variables, champion.trainingDataRef());
    ProcessInstance instance =
        runtimeService
            .createMessageCorrelation(ModelRetraining.MESSAGE_REQUESTED)
            .processInstanceBusinessKey(champion.modelName())
            .setVariables(variables)
            .correlateStartMessage();
    jdbc.sql("UPDATE retraining_request SET process_instance_id = ? WHERE id = ?")
        .params(instance.getId(), id)
        .update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("retrainingRequestId", id.toString());
    details.put("trigger", trigger);
    details.put("reason", bounded);
    audit.record(
        "RETRAINING_REQUESTED",
        actor,
        champion.modelName(),
        champion.version(),
        instance.getId(),
        details);
    return new Request(id, instance.getId(), true);
  }
}
