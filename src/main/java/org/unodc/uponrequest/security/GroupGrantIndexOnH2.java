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
 * On H2, Camunda's unique constraint on group authorizations leads with the resource, so that
 * H2 finds a resource's group grants by seeking (ADR 0013).
 *
 * <p>Camunda checks a single resource ("may this user work on this task?") with
 * {@code TYPE_ = 1 AND GROUP_ID_ IN (?, ?, ...) AND RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = ?}.
 * H2 2.3 plans that statement on the constraint's index ({@code TYPE_, GROUP_ID_, RESOURCE_TYPE_,
 * RESOURCE_ID_}) but, with the groups given as parameters, seeks on {@code TYPE_} alone: it reads
 * every grant, about two per open task. The same four columns, resource first, make the same
 * constraint (uniqueness does not depend on the order) and let H2 seek on the resource.
 * PostgreSQL seeks on all four columns of Camunda's order and is left as it is.
 */
@Component
class GroupGrantIndexOnH2 extends AbstractProcessEnginePlugin {

  static final String CONSTRAINT = "ACT_UNIQ_AUTH_GROUP";
  static final List<String> COLUMNS = List.of("RESOURCE_ID_", "RESOURCE_TYPE_", "TYPE_", "GROUP_ID_");

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
      throw new ProcessEngineException("Could not put the resource first in " + CONSTRAINT + " on H2", e);
    }
  }

  /** Idempotent: a second start finds the order in place; a start after a crash between the two statements adds the constraint back. */
  static void reorder(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      List<String> present = columnsOf(connection, table);
      if (present.equals(COLUMNS)) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        if (!present.isEmpty()) {
          statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + CONSTRAINT);
        }
        statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + CONSTRAINT + " UNIQUE ("
            + String.join(", ", COLUMNS) + ")");
      }
    }
  }

  /** The constraint's columns in their order; empty if it does not exist. */
  static List<String> columnsOf(Connection connection, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE"
            + " WHERE CONSTRAINT_NAME = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      query.setString(1, CONSTRAINT);
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
