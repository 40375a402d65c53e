package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * {@link GroupGrantIndexOnH2}: Camunda's check of one task for a user's groups reads that task's
 * grants only, however many grants the other tasks have, and group grants stay unique.
 */
class GroupGrantIndexOnH2Test extends ProcessTestSupport {

  /** Camunda 7.24's group part of a single-resource check on H2 (Authorization.xml, authCheck), as MyBatis binds it. */
  private static final String CAMUNDA_GROUP_CHECK = "SELECT CASE WHEN EXISTS (SELECT ID_ FROM ACT_RU_AUTHORIZATION A"
      + " WHERE A.TYPE_ = 1 AND A.GROUP_ID_ IN (?, ?, ?) AND BITAND(A.PERMS_,CAST(? AS BIGINT)) = ?"
      + " AND A.RESOURCE_TYPE_ = ? AND A.RESOURCE_ID_ = ?) THEN 1 ELSE 0 END";

  private static final int OTHER_TASKS = 300;

  @Autowired AuthorizationService authorizationService;
  @Autowired DataSource dataSource;

  private final List<String> created = new ArrayList<>();

  @AfterEach
  void removeTheGrants() {
    created.forEach(authorizationService::deleteAuthorization);
  }

  @Test
  void theGroupConstraintLeadsWithTheResource() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(GroupGrantIndexOnH2.columnsOf(connection, "ACT_RU_AUTHORIZATION"))
          .containsExactly("RESOURCE_ID_", "RESOURCE_TYPE_", "TYPE_", "GROUP_ID_");
    }
  }

  @Test
  void checkingOneTaskForAUsersGroupsReadsThatTasksGrantsOnly() throws SQLException {
    for (int n = 0; n < OTHER_TASKS; n++) {
      grant("office-ROEA", "another-task-" + n);
    }
    grant("office-ROEA", "the-task");

    try (Connection connection = dataSource.getConnection();
        PreparedStatement check = connection.prepareStatement("EXPLAIN ANALYZE " + CAMUNDA_GROUP_CHECK)) {
      check.setString(1, "office-ROEA");
      check.setString(2, "officers");
      check.setString(3, "hq-intake");
      check.setInt(4, Permissions.READ.getValue());
      check.setInt(5, Permissions.READ.getValue());
      check.setInt(6, Resources.TASK.resourceType());
      check.setString(7, "the-task");
      try (ResultSet plan = check.executeQuery()) {
        plan.next();
        // without the resource first, H2 reads every grant: more than OTHER_TASKS rows
        assertThat(rowsRead(plan.getString(1))).isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  void aGroupsSecondGrantOnTheSameTaskIsStillRefused() {
    grant("office-ROEA", "the-task");

    Authorization again = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    again.setGroupId("office-ROEA");
    again.setResource(Resources.TASK);
    again.setResourceId("the-task");
    again.addPermission(Permissions.READ);

    assertThatThrownBy(() -> authorizationService.saveAuthorization(again)).hasStackTraceContaining("ACT_UNIQ_AUTH_GROUP");
  }

  @Test
  void puttingTheResourceFirstIsIdempotentAndRestoresAMissingConstraint() throws SQLException {
    JdbcDataSource other = new JdbcDataSource();
    other.setURL("jdbc:h2:mem:group-grant-index;DB_CLOSE_DELAY=-1");
    try (Connection connection = other.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE ACT_RU_AUTHORIZATION (ID_ VARCHAR(64) PRIMARY KEY, TYPE_ INTEGER NOT NULL,"
          + " GROUP_ID_ VARCHAR(255), RESOURCE_TYPE_ INTEGER NOT NULL, RESOURCE_ID_ VARCHAR(255))");
      statement.execute("ALTER TABLE ACT_RU_AUTHORIZATION ADD CONSTRAINT ACT_UNIQ_AUTH_GROUP"
          + " UNIQUE (TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_)");

      GroupGrantIndexOnH2.reorder(other, "ACT_RU_AUTHORIZATION");
      GroupGrantIndexOnH2.reorder(other, "ACT_RU_AUTHORIZATION");
      assertThat(GroupGrantIndexOnH2.columnsOf(connection, "ACT_RU_AUTHORIZATION")).isEqualTo(GroupGrantIndexOnH2.COLUMNS);

      // a crash between dropping and adding: the next start adds it
      statement.execute("ALTER TABLE ACT_RU_AUTHORIZATION DROP CONSTRAINT ACT_UNIQ_AUTH_GROUP");
      GroupGrantIndexOnH2.reorder(other, "ACT_RU_AUTHORIZATION");
      assertThat(GroupGrantIndexOnH2.columnsOf(connection, "ACT_RU_AUTHORIZATION")).isEqualTo(GroupGrantIndexOnH2.COLUMNS);
      statement.execute("DROP TABLE ACT_RU_AUTHORIZATION");
    }
  }

  private void grant(String group, String taskId) {
    Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(Resources.TASK);
    grant.setResourceId(taskId);
    grant.addPermission(Permissions.READ);
    created.add(authorizationService.saveAuthorization(grant).getId());
  }

  /** The rows H2 read from the authorization table, from the "scanCount" of its analysed plan. */
  private static int rowsRead(String plan) {
    Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
    assertThat(scanned.find()).as("a scan count in %s", plan).isTrue();
    return Integer.parseInt(scanned.group(1));
  }
}
