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
 * grants only, however many grants the other tasks have; a group's grants of one kind are found
 * without reading its others; group grants stay unique. Rows read are H2's own scan counts.
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
  void theGroupConstraintLeadsWithTheResourceAndTheGroupIndexHasTheTypes() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(constraintColumns(connection)).containsExactly("RESOURCE_ID_", "RESOURCE_TYPE_", "TYPE_", "GROUP_ID_");
      assertThat(indexColumns(connection)).containsExactly("GROUP_ID_", "TYPE_", "RESOURCE_TYPE_");
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
  void lookingForAGroupsGrantsOfOneKindReadsNoneOfItsOtherGrants() throws SQLException {
    for (int n = 0; n < OTHER_TASKS; n++) {
      grant("office-ROEA", "another-task-" + n);
    }

    // as tasklist.SharedFilterPages asks before answering from the tasks' own grants: revocations on
    // tasks, grants on process definitions
    for (String kind : List.of("A.TYPE_ = 2 AND A.RESOURCE_TYPE_ = 7", "A.TYPE_ = 1 AND A.RESOURCE_TYPE_ = 6")) {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement lookup = connection.prepareStatement("EXPLAIN ANALYZE SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION A"
              + " WHERE A.GROUP_ID_ = ? AND " + kind + " AND MOD(A.PERMS_ / 2, 2) = 1")) {
        lookup.setString(1, "office-ROEA");
        try (ResultSet plan = lookup.executeQuery()) {
          plan.next();
          // the few of that kind (the demo grants the office some), where Camunda's index on the group
          // alone makes H2 read all of the group's grants, more than OTHER_TASKS
          assertThat(rowsRead(plan.getString(1))).as(kind).isLessThanOrEqualTo(5);
        }
      }
    }
  }

  @Test
  void camundasQuestionWhetherAnythingIsRevokedReadsNoGrant() throws SQLException {
    for (int n = 0; n < OTHER_TASKS; n++) {
      grant("office-ROEA", "another-task-" + n);
    }

    // Camunda 7.24 asks this in every command that checks authorizations (selectRevokeAuthorization)
    try (Connection connection = dataSource.getConnection();
        PreparedStatement question = connection.prepareStatement("EXPLAIN ANALYZE SELECT CASE WHEN EXISTS"
            + " (SELECT ID_ FROM ACT_RU_AUTHORIZATION WHERE TYPE_ = 2 AND (USER_ID_ IN (?, '*') OR GROUP_ID_ IN (?, ?)))"
            + " THEN 1 ELSE 0 END")) {
      question.setString(1, "office.nairobi");
      question.setString(2, "office-ROEA");
      question.setString(3, "officers");
      try (ResultSet plan = question.executeQuery()) {
        plan.next();
        assertThat(rowsRead(plan.getString(1))).isLessThanOrEqualTo(1);
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
  void reorderingIsIdempotentAndCompletesAfterACrashBetweenItsStatements() throws SQLException {
    JdbcDataSource other = new JdbcDataSource();
    other.setURL("jdbc:h2:mem:group-grant-index;DB_CLOSE_DELAY=-1");
    try (Connection connection = other.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE ACT_RU_AUTHORIZATION (ID_ VARCHAR(64) PRIMARY KEY, TYPE_ INTEGER NOT NULL,"
          + " GROUP_ID_ VARCHAR(255), RESOURCE_TYPE_ INTEGER NOT NULL, RESOURCE_ID_ VARCHAR(255))");
      // as Camunda's H2 script makes them
      statement.execute("CREATE INDEX ACT_IDX_AUTH_GROUP_ID ON ACT_RU_AUTHORIZATION(GROUP_ID_)");
      statement.execute("ALTER TABLE ACT_RU_AUTHORIZATION ADD CONSTRAINT ACT_UNIQ_AUTH_GROUP"
          + " UNIQUE (TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_)");

      GroupGrantIndexOnH2.reorder(other, "ACT_RU_AUTHORIZATION");
      GroupGrantIndexOnH2.reorder(other, "ACT_RU_AUTHORIZATION");
      assertThat(constraintColumns(connection)).isEqualTo(GroupGrantIndexOnH2.CONSTRAINT_COLUMNS);
      assertThat(indexColumns(connection)).isEqualTo(GroupGrantIndexOnH2.GROUP_INDEX_COLUMNS);

      // a crash after each drop: the next start adds them back
      statement.execute("ALTER TABLE ACT_RU_AUTHORIZATION DROP CONSTRAINT ACT_UNIQ_AUTH_GROUP");
      statement.execute("DROP INDEX ACT_IDX_AUTH_GROUP_ID");
      GroupGrantIndexOnH2.reorder(other, "ACT_RU_AUTHORIZATION");
      assertThat(constraintColumns(connection)).isEqualTo(GroupGrantIndexOnH2.CONSTRAINT_COLUMNS);
      assertThat(indexColumns(connection)).isEqualTo(GroupGrantIndexOnH2.GROUP_INDEX_COLUMNS);
      statement.execute("DROP TABLE ACT_RU_AUTHORIZATION");
    }
  }

  private static List<String> constraintColumns(Connection connection) throws SQLException {
    return GroupGrantIndexOnH2.columnsOf(connection, "KEY_COLUMN_USAGE", "CONSTRAINT_NAME", "ACT_UNIQ_AUTH_GROUP",
        "ACT_RU_AUTHORIZATION");
  }

  private static List<String> indexColumns(Connection connection) throws SQLException {
    return GroupGrantIndexOnH2.columnsOf(connection, "INDEX_COLUMNS", "INDEX_NAME", "ACT_IDX_AUTH_GROUP_ID",
        "ACT_RU_AUTHORIZATION");
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
