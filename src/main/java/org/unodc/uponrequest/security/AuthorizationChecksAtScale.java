package org.unodc.uponrequest.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Camunda's authorization checks, in the SQL shape that stays fast as grants grow (about five
 * per request: on its tasks and its instance). The answers are Camunda's own; two shapes change.
 * <ul>
 *   <li><b>No group scan.</b> Before each check Camunda narrows the user's groups to those named in
 *       some authorization, with {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION} once per
 *       command: a scan of the whole table, about 10% of the CPU of a filing at 2,500 requests.
 *       Checking all of the user's groups gives the same answers, since a group without
 *       authorizations matches no row of the check.</li>
 *   <li><b>Queries narrowed by what they name are checked row by row</b>: tasks by id, request,
 *       candidate group or user, or assignee; variables by scope. Unless a revocation exists, Camunda
 *       joins every grant of the user's groups to each row through an {@code OR}: an office's
 *       110,000 grants for the four variables of a Tasklist page took a second on PostgreSQL, and
 *       its count of a candidate group's tasks more than three minutes. Camunda's other shape of
 *       the same check, the one it uses when revocations exist, looks up each row's own grants (and
 *       revocations) through the index on the resource, which is cheap for the rows such a query
 *       reads. Queries that name nothing (a manager's view of every task) keep the join, and so does
 *       every query on H2, where this shape is no faster (below).</li>
 * </ul>
 */
@Component
class AuthorizationChecksAtScale extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    List<SessionFactory> factories = engine.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(engine.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new ScaledAuthorizationManager();
      }
    });
    engine.setCustomSessionFactories(factories);
  }

  /**
   * Where the row-by-row shape was measured faster. On H2 it was slower (a Tasklist page's variables
   * took 4.5 s instead of 0.1 s, each lookup reading every grant), and with the indexes of
   * {@link GroupGrantIndexOnH2} no faster than Camunda's join (ADR 0012).
   */
  static final Set<String> ROW_BY_ROW_DATABASES = Set.of(DbSqlSessionFactory.POSTGRES);

  /** Camunda's authorization manager, with the user's groups taken as they are and named rows checked one by one. */
  static final class ScaledAuthorizationManager extends AuthorizationManager {

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      // a fresh mutable list: MyBatis reads it by reflection, and the engine's empty list is mutable too
      return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(authenticatedGroupIds);
    }

    @Override
    public void configureVariableInstanceQuery(VariableInstanceQueryImpl query) {
      super.configureVariableInstanceQuery(query);
      // Tasklist's lists ask for their filter's variables by the page's tasks, executions and instances
      if (query.getVariableId() != null || named(query.getVariableScopeIds()) || named(query.getTaskIds())
          || named(query.getExecutionIds()) || named(query.getProcessInstanceIds())) {
        checkRowByRow(query);
      }
    }

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      // the task lists: by candidate group or user, or assignee (engine-rest /task, Tasklist's filters), or by
      // the tasks' ids or request; the criteria of "or" branches are not looked at, as they do not narrow
      if (query.getTaskId() != null || named(query.getTaskIdIn()) || query.getCandidateGroup() != null
          || (query.getCandidateGroupsInternal() != null && !query.getCandidateGroupsInternal().isEmpty())
          || query.getCandidateUser() != null || query.getAssignee() != null || query.getProcessInstanceId() != null
          || named(query.getProcessInstanceIdIn()) || query.getExecutionId() != null) {
        checkRowByRow(query);
      }
    }

    private static boolean named(String[] ids) {
      return ids != null && ids.length > 0;
    }

    private static void checkRowByRow(ListQueryParameterObject query) {
      AuthorizationCheck check = query.getAuthCheck();
      String database = Context.getProcessEngineConfiguration().getDatabaseType();
      if (check.isAuthorizationCheckEnabled() && ROW_BY_ROW_DATABASES.contains(database) && !grantsToEveryUser()) {
        check.setRevokeAuthorizationCheckEnabled(true);
      }
    }

    /**
     * Whether some grant is to every user ('*' as the user of a grant, not a global authorization).
     * Camunda's join counts such a grant and its row-by-row shape does not, so the join answers then.
     * The product makes none; an administrator may. One seek on Camunda's unique index on the user.
     */
    private static boolean grantsToEveryUser() {
      Connection db = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
      try (PreparedStatement query = db.prepareStatement("SELECT 1 FROM " + Context.getProcessEngineConfiguration()
          .getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION WHERE TYPE_ = 1 AND USER_ID_ = '*' LIMIT 1");
          ResultSet found = query.executeQuery()) {
        return found.next();
      } catch (SQLException e) {
        throw new ProcessEngineException("Could not look for grants to every user", e);
      }
    }
  }
}
