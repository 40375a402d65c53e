package org.unodc.uponrequest.tasklist;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.FlushResult;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation.State;
import org.camunda.bpm.engine.impl.db.sql.BatchDbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.db.sql.SimpleDbSqlSession;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code UR_TASK_LIST} and {@code UR_USER_TASK_LIST} in the engine's own flush: the engine's database sessions are replaced
 * by ones that, once a flush's statements have run, write again the rows of every task the flush
 * touched (a task, a candidate link, a grant on a task). It is the one place every write to those
 * tables passes through, whichever command, API or webapp made it, so the list cannot miss one.
 * {@code uponrequest.tasklist.kept-lists: false} leaves the engine's sessions as they are (the lists
 * are then answered without it).
 */
@Component
@ConditionalOnProperty(name = "uponrequest.tasklist.kept-lists", havingValue = "true", matchIfMissing = true)
class KeptTaskListPlugin extends AbstractProcessEnginePlugin {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeptTaskListPlugin.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    // the engine builds its factory in init() with no way to give it another; this one copies its settings
    KeepingSessions sessions = new KeepingSessions(engine.getDbSqlSessionFactory(), engine.isJdbcBatchProcessing(),
        ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START.equals(engine.getHistoryRemovalTimeStrategy()));
    engine.setDbSqlSessionFactory(sessions);
    engine.getSessionFactories().put(DbSqlSession.class, sessions);
  }

  /** The engine's session factory, with the same settings, opening sessions that keep the list. */
  static final class KeepingSessions extends DbSqlSessionFactory {

    private final boolean grantsExpireEarly;

    KeepingSessions(DbSqlSessionFactory engines, boolean jdbcBatchProcessing, boolean grantsExpireEarly) {
      super(jdbcBatchProcessing);
      this.grantsExpireEarly = grantsExpireEarly;
      setDatabaseType(engines.getDatabaseType());
      setIdGenerator(engines.getIdGenerator());
      setSqlSessionFactory(engines.getSqlSessionFactory());
      setDbIdentityUsed(engines.isDbIdentityUsed());
      setDbHistoryUsed(engines.isDbHistoryUsed());
      setCmmnEnabled(engines.isCmmnEnabled());
      setDmnEnabled(engines.isDmnEnabled());
      setDatabaseTablePrefix(engines.getDatabaseTablePrefix());
      setDatabaseSchema(engines.getDatabaseSchema());
      setStatementMappings(engines.getStatementMappings());
      setInsertStatements(engines.getInsertStatements());
      setUpdateStatements(engines.getUpdateStatements());
      setDeleteStatements(engines.getDeleteStatements());
      setSelectStatements(engines.getSelectStatements());
    }

    @Override
    public DbSqlSession openSession(Connection connection, String catalog, String schema) {
      return jdbcBatchProcessing ? new Batch(this, connection, catalog, schema) : new Simple(this, connection, catalog, schema);
    }

    @Override
    public org.camunda.bpm.engine.impl.interceptor.Session openSession() {
      return jdbcBatchProcessing ? new Batch(this) : new Simple(this);
    }
  }

  /**
   * After a flush's statements, the touched tasks' rows. Not after a statement failed in the database
   * (the engine then rolls back, and PostgreSQL takes no more statements): only after none failed, or
   * some updated no row (a concurrent modification the engine may ignore and commit, as it does for
   * history). The rows are read from the tables as they are, so the whole flush's tasks are written
   * again even when the session returns some operations for a later call.
   * A failure of the list's own statements is reported as the failure of the flush's operation that
   * touched the first task, in the engine's terms: a race with another transaction as a concurrent
   * modification (an {@code OptimisticLockingException}: 409 at the REST API, a job retried without
   * spending a retry), anything else as a persistence fault naming the cause. Thrown instead, either would
   * reach the caller as an unexpected persistence fault.
   */
  private static FlushResult kept(List<DbOperation> operations, Flush flush, DbSqlSession session) {
    KeptTaskList.Changes changes = KeptTaskList.Changes.of(operations,
        ((KeepingSessions) session.getDbSqlSessionFactory()).grantsExpireEarly);
    FlushResult result = flush.run();
    if (changes.none()
        || result.getFailedOperations().stream().anyMatch(failed -> failed.getState() != State.FAILED_CONCURRENT_MODIFICATION)) {
      return result;
    }
    try {
      KeptTaskList.apply(session.getSqlSession().getConnection(), changes);
      return result;
    } catch (SQLException e) {
      DbOperation failed = changes.cause;
      if (KeptTaskList.isConflict(e)) {
        LOG.info("Kept task list: a write lost to another transaction ({}); reported as a concurrent modification",
            e.getMessage());
        failed.setState(State.FAILED_CONCURRENT_MODIFICATION_EXCEPTION);
      } else {
        failed.setState(State.FAILED_ERROR);
      }
      failed.setFailure(new ProcessEngineException("Could not keep the task list: " + e.getMessage(), e));
      List<DbOperation> failures = new ArrayList<>(result.getFailedOperations());
      if (!failures.contains(failed)) {
        failures.add(failed);
      }
      return FlushResult.withFailuresAndRemaining(failures, result.getRemainingOperations());
    }
  }

  private interface Flush {
    FlushResult run();
  }

  static final class Batch extends BatchDbSqlSession {
    Batch(DbSqlSessionFactory factory) {
      super(factory);
    }

    Batch(DbSqlSessionFactory factory, Connection connection, String catalog, String schema) {
      super(factory, connection, catalog, schema);
    }

    @Override
    public FlushResult executeDbOperations(List<DbOperation> operations) {
      return kept(operations, () -> super.executeDbOperations(operations), this);
    }
  }

  static final class Simple extends SimpleDbSqlSession {
    Simple(DbSqlSessionFactory factory) {
      super(factory);
    }

    Simple(DbSqlSessionFactory factory, Connection connection, String catalog, String schema) {
      super(factory, connection, catalog, schema);
    }

    @Override
    public FlushResult executeDbOperations(List<DbOperation> operations) {
      return kept(operations, () -> super.executeDbOperations(operations), this);
    }
  }
}
