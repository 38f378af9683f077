package io.modelops.orchestrator.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL server per test JVM (binaries from Maven Central, no Docker), shared by all
 * Spring contexts of the integration tests.
 */
public final class TestDatabase {

  private static EmbeddedPostgres postgres;

  public static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
    }
    return postgres;
  }

  /**
   * Stops the server. Called when the Spring context that uses it has closed (see {@link
   * TestInfrastructure}), never from a JVM shutdown hook, which would race the context's own
   * shutdown (connections closing under the job executor, a hanging test JVM).
   */
  public static synchronized void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
      } finally {
        postgres = null;
      }
    }
  }

  public static String jdbcUrl() {
    return server().getJdbcUrl("postgres", "postgres");
  }

  private TestDatabase() {}
}
