package io.modelops.orchestrator.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads timestamps from any of our tables the same way on H2 and PostgreSQL: as UTC. */
public final class CatalogTime {

  public static OffsetDateTime read(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private CatalogTime() {}
}
