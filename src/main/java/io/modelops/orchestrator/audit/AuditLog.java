package io.modelops.orchestrator.audit;

import io.modelops.orchestrator.catalog.CatalogTime;
import io.modelops.orchestrator.integrity.CanonicalJson;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit log. {@link #record} runs in the caller's transaction, so an event exists exactly when
 * the action it records committed. Events are appended as their transaction commits, under the lock
 * of the chain head, which gives the chain one order (commit order) across threads and nodes. On
 * PostgreSQL the table refuses UPDATE, DELETE and TRUNCATE.
 */
@Repository
public class AuditLog {

  /** Actor of automated steps. */
  public static final String SYSTEM = "system";

  private static final RowMapper<AuditEvent> MAPPER =
      (rs, i) ->
          new AuditEvent(
              rs.getLong("seq"),
              CatalogTime.read(rs, "occurred_at"),
              rs.getString("actor"),
              rs.getString("action"),
              rs.getString("model"),
              rs.getString("version"),
              rs.getString("process_instance_id"),
              rs.getString("details"),
              rs.getString("previous_hash"),
              rs.getString("hash"));

  private static final String COLUMNS =
      "seq, occurred_at, actor, action, model, version, process_instance_id, details,"
          + " previous_hash, hash";

  private final JdbcClient jdbc;
  private final Clock clock;

  public AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Appends an event to the chain, in the caller's transaction (or a new one). The event is written
   * when that transaction commits (just before): the chain head stays locked only for the commit,
   * not for the rest of the work, so concurrent transactions (job executor threads, nodes) do not
   * queue behind each other's audit events.
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public void record(
      String action,
      String actor,
      String model,
      String version,
      String processInstanceId,
      Map<String, ?> details) {
    String json = json(details);
    enqueue(action, actor, model, version, processInstanceId, () -> json);
  }

  /**
   * Like {@link #record}, but reads {@code details} when the transaction commits, so that facts
   * gathered later in the same transaction (e.g. the several entries of one engine operation) end
   * up in the one event. Requires an active transaction: without one nothing could be gathered.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordAtCommit(
      String action,
      String actor,
      String model,
      String version,
      String processInstanceId,
      Map<String, ?> details) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("Audit events gathered until commit need a transaction");
    }
    json(details);
    enqueue(action, actor, model, version, processInstanceId, () -> json(details));
  }

  private void enqueue(
      String action,
      String actor,
      String model,
      String version,
      String processInstanceId,
      Supplier<String> details) {
    String who = actor == null || actor.isBlank() ? SYSTEM : actor;
    Pending event =
        new Pending(
            OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS),
            who,
            action,
            model,
            version,
            processInstanceId,
            details);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      append(List.of(event));
      return;
    }
    @SuppressWarnings("unchecked")
    List<Pending> pending = (List<Pending>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      List<Pending> events = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(this, events);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              append(events);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
            }
          });
      pending = events;
    }
    pending.add(event);
  }

  /** An event recorded in a transaction that has not committed yet. */
  private record Pending(
      OffsetDateTime occurredAt,
      String actor,
      String action,
      String model,
      String version,
      String processInstanceId,
      Supplier<String> details) {}

  /** Writes events to the chain in their order, under the lock of the chain head. */
  private void append(List<Pending> events) {
    if (events.isEmpty()) {
      return;
    }
    record Head(long lastSeq, String lastHash) {}
    Head head =
        jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
            .query((rs, i) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
            .single();
    long seq = head.lastSeq();
    String previous = head.lastHash();
    for (Pending e : events) {
      seq++;
      String details = e.details().get();
      String hash =
          AuditHashing.hash(
              previous,
              seq,
              e.occurredAt(),
              e.actor(),
              e.action(),
              e.model(),
              e.version(),
              e.processInstanceId(),
              details);
      jdbc.sql(
              "INSERT INTO audit_event (seq, occurred_at, actor, action, model, version,"
                  + " process_instance_id, details, previous_hash, hash)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              seq,
              e.occurredAt(),
              e.actor(),
              e.action(),
              e.model(),
              e.version(),
              e.processInstanceId(),
              details,
              previous,
              hash)
          .update();
      previous = hash;
    }
    jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")
        .params(seq, previous)
        .update();
  }

  /** Events matching the filters (null = any), oldest first. */
  public List<AuditEvent> find(AuditQuery query, int offset, int limit) {
    List<Object> params = new ArrayList<>();
    String where = query.where(params);
    params.add(offset);
    params.add(limit);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM audit_event"
                + where
                + " ORDER BY seq OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
        .params(params)
        .query(MAPPER)
        .list();
  }

  /** The actor of the latest event of the action for the process instance, if any. */
  public Optional<String> lastActor(String action, String processInstanceId) {
    return jdbc.sql(
            "SELECT actor FROM audit_event WHERE action = ? AND process_instance_id = ?"
                + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
        .params(action, processInstanceId)
        .query(String.class)
        .optional();
  }

  public long count(AuditQuery query) {
    List<Object> params = new ArrayList<>();
    String where = query.where(params);
    return jdbc.sql("SELECT COUNT(*) FROM audit_event" + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  /** A chunk of the chain in order, for verification. */
  List<AuditEvent> chunk(long afterSeq, int size) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM audit_event WHERE seq > ? ORDER BY seq"
                + " FETCH FIRST ? ROWS ONLY")
        .params(afterSeq, size)
        .query(MAPPER)
        .list();
  }

  /** The chain head as last written. */
  String[] head() {
    return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
        .query((rs, i) -> new String[] {Long.toString(rs.getLong(1)), rs.getString(2)})
        .single();
  }

  /**
   * The canonical JSON text of a map ({@link CanonicalJson#write}), as audit details are stored and
   * hashed; null is the empty map.
   */
  public static String json(Map<String, ?> details) {
    return CanonicalJson.write(details == null ? Map.of() : details);
  }
}
