package io.modelops.orchestrator.audit;

import java.time.OffsetDateTime;
import java.util.List;

/** Filters of the audit log; null fields match everything. */
public record AuditQuery(
    String model,
    String version,
    String actor,
    String action,
    OffsetDateTime from,
    OffsetDateTime to) {

  String where(List<Object> params) {
    StringBuilder where = new StringBuilder();
    add(where, params, "model = ?", model);
    add(where, params, "version = ?", version);
    add(where, params, "actor = ?", actor);
    add(where, params, "action = ?", action);
    add(where, params, "occurred_at >= ?", from);
    add(where, params, "occurred_at <= ?", to);
    return where.toString();
  }

  private static void add(
      StringBuilder where, List<Object> params, String condition, Object value) {
    if (value != null) {
      where.append(where.isEmpty() ? " WHERE " : " AND ").append(condition);
      params.add(value);
    }
  }
}
