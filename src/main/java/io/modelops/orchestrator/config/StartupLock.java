package io.modelops.orchestrator.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Makes the nodes of a cluster initialise their shared database one at a time.
 *
 * <p>At every start a node creates or checks Camunda's schema, migrates ours (Flyway), and creates
 * what is missing of the groups, authorizations, Tasklist filters, first administrator, demo users
 * and definition audit events. Each of these looks first and writes afterwards, so two nodes that
 * start at the same moment on a new database collide: Camunda's schema creation fails on one of
 * them with a duplicate key, which ends its start, and what survives the collision may exist twice
 * (Tasklist filters have no unique name).
 *
 * <p>On PostgreSQL a node therefore takes a session-level advisory lock as soon as its data source
 * exists and keeps it until the node accepts traffic, or until its start failed and the context
 * closed; a node that starts meanwhile waits for it. Other databases are left alone: H2 is for one
 * node on one machine.
 */
@Component
class StartupLock
    implements BeanPostProcessor, ApplicationListener<AvailabilityChangeEvent<?>>, DisposableBean {

  /** The advisory lock key: "ModelOps" in ASCII. */
  static final long KEY = 0x4D6F64656C4F7073L;

  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  private boolean attempted;
  private Connection connection;

  @Override
  public synchronized Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!attempted && bean instanceof DataSource dataSource) {
      attempted = true;
      acquire(dataSource);
    }
    return bean;
  }

  private void acquire(DataSource dataSource) {
    Connection candidate = null;
    try {
      candidate = dataSource.getConnection();
      if (!"PostgreSQL".equalsIgnoreCase(candidate.getMetaData().getDatabaseProductName())) {
        candidate.close();
        return;
      }
      candidate.setAutoCommit(true);
      try (Statement statement = candidate.createStatement()) {
        if (!queryBoolean(statement, "SELECT pg_try_advisory_lock(" + KEY + ")")) {
          log.info("Another node is initialising the database; waiting for it to be ready");
          statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
        }
      }
      connection = candidate;
    } catch (SQLException e) {
      closeQuietly(candidate);
      throw new IllegalStateException("Cannot take the startup lock on the database", e);
    }
  }

  /** The node accepts traffic: its initialisation is done. */
  @Override
  public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
      release();
    }
  }

  /** The context closes, also after a failed start. */
  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    if (connection == null) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
      closeQuietly(connection);
    } catch (SQLException e) {
      // Closing the database session releases its locks; a pool would keep the session open.
      log.warn(
          "Cannot release the startup lock ({}); closing its database session", e.getMessage());
      try {
        closeQuietly(connection.unwrap(Connection.class));
      } catch (SQLException notWrapped) {
        closeQuietly(connection);
      }
    } finally {
      connection = null;
    }
  }

  private static boolean queryBoolean(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getBoolean(1);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("Cannot close connection: {}", e.getMessage());
      }
    }
  }
}
