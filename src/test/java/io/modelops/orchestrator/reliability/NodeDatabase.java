package io.modelops.orchestrator.reliability;

import io.modelops.orchestrator.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of its own on the test JVM's embedded PostgreSQL server, for the nodes of one test:
 * the in-process application of the other integration tests (another database on the same server)
 * never sees their jobs.
 */
public final class NodeDatabase implements AutoCloseable {

  private final String name;
  private final JdbcClient jdbc;

  public NodeDatabase(String name) {
    this.name = name;
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    execute("CREATE DATABASE " + name);
    this.jdbc = JdbcClient.create(TestDatabase.server().getDatabase("postgres", name));
  }

  public String jdbcUrl() {
    return TestDatabase.server().getJdbcUrl("postgres", name);
  }

  public JdbcClient jdbc() {
    return jdbc;
  }

  long queryLong(String sql, Object... params) {
    Long value = jdbc.sql(sql).params(params).query(Long.class).single();
    return value == null ? 0 : value;
  }

  /** Deadlocks PostgreSQL detected (and resolved by aborting a transaction) in this database. */
  long deadlocks() {
    return queryLong("SELECT deadlocks FROM pg_stat_database WHERE datname = ?", name);
  }

  private static void execute(String sql) {
    try (Connection connection = TestDatabase.server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Drops the database; call after its nodes have stopped. */
  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
