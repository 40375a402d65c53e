package org.unodc.uponrequest.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * On H2, Camunda's unique constraint on group grants leads with the resource, so that H2 finds a
 * resource's group grants by seeking (ADR 0013).
 *
 * <p>Camunda checks a single resource ("may this user work on this task?") with
 * {@code TYPE_ = 1 AND GROUP_ID_ IN (?, ?, ...) AND RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = ?}.
 * H2 2.3 plans it on the constraint's index ({@code TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_})
 * but seeks an {@code IN} list only on an index's first column: it seeks on {@code TYPE_} and reads
 * every grant, about two per open task. The same four columns, resource first, make the same
 * constraint (uniqueness does not depend on the order) and let H2 seek on the resource.
 *
 * <p>What Camunda's order served, a group's grants of one type and kind (such as
 * {@code tasklist.SharedFilterPages}' check that nothing is revoked), is then served by Camunda's
 * index on the group, given the type and resource type after the group. PostgreSQL seeks on all
 * four columns of Camunda's order and is left as it is.
 */
@Component
class GroupGrantIndexOnH2 extends AbstractProcessEnginePlugin {

  static final String CONSTRAINT = "ACT_UNIQ_AUTH_GROUP";
  static final List<String> CONSTRAINT_COLUMNS = List.of("RESOURCE_ID_", "RESOURCE_TYPE_", "TYPE_", "GROUP_ID_");
  static final String GROUP_INDEX = "ACT_IDX_AUTH_GROUP_ID";
  /**
   * Not with the resource id: H2 would then take it to be as exact as the constraint for Camunda's
   * check, and seek on the group alone.
   */
  static final List<String> GROUP_INDEX_COLUMNS = List.of("GROUP_ID_", "TYPE_", "RESOURCE_TYPE_");

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    ProcessEngineConfigurationImpl engine =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    if (!DbSqlSessionFactory.H2.equals(engine.getDatabaseType())) {
      return;
    }
    try {
      reorder(engine.getDataSource(), engine.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION");
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not reorder " + CONSTRAINT + " and " + GROUP_INDEX + " on H2", e);
    }
  }

  /**
   * Idempotent: a second start finds both in place; a start after a crash between the statements
   * completes them.
   */
  static void reorder(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      List<String> index = columnsOf(connection, "INDEX_COLUMNS", "INDEX_NAME", GROUP_INDEX, table);
      if (!index.equals(GROUP_INDEX_COLUMNS)) {
        if (!index.isEmpty()) {
          statement.execute("DROP INDEX " + GROUP_INDEX);
        }
        statement.execute("CREATE INDEX " + GROUP_INDEX + " ON " + table + " (" + String.join(", ", GROUP_INDEX_COLUMNS) + ")");
      }
      List<String> constraint = columnsOf(connection, "KEY_COLUMN_USAGE", "CONSTRAINT_NAME", CONSTRAINT, table);
      if (!constraint.equals(CONSTRAINT_COLUMNS)) {
        if (!constraint.isEmpty()) {
          statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + CONSTRAINT);
        }
        statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + CONSTRAINT + " UNIQUE ("
            + String.join(", ", CONSTRAINT_COLUMNS) + ")");
      }
    }
  }

  /** An index's or a constraint's columns in their order, from H2's information schema; empty if it does not exist. */
  static List<String> columnsOf(Connection connection, String view, String nameColumn, String name, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA." + view
        + " WHERE " + nameColumn + " = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      query.setString(1, name);
      query.setString(2, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    return columns;
  }
}
