package org.unodc.uponrequest.tasklist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbBulkOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The open tasks by candidate group and grant ({@code UR_TASK_LIST}, {@code UR_USER_TASK_LIST}, ADR
 * 0015): what they hold, how a flush keeps them, and how they are checked and repaired. A row is the
 * engine's own facts about a task and one of its candidate groups, or a group or user holding a READ
 * grant on it, copied: so whatever changes a task, its candidate links or its grants
 * writes that task's rows again from the engine's tables, in the same transaction. A bulk change the
 * flush cannot follow task by task (suspending a whole process, a history cleanup of grants) marks
 * the list stale instead, and the lists are answered without it until it is repaired.
 */
final class KeptTaskList {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeptTaskList.class);

  static final int TASK = 7;
  private static final int CHUNK = 200;

  /**
   * The rows of the groups' list as the engine's tables say they should be: a task's candidate groups,
   * odd when the task is suspended or the group holds no READ grant on it; and a group's READ grant on a
   * task it is no candidate for, always odd (the lists of that group are then answered without the list).
   * {@code %1$s} limits the tasks, in both parts.
   */
  private static final String GROUP_ROWS = "SELECT I.GROUP_ID_, T.ID_, T.PRIORITY_, T.DUE_DATE_, T.CREATE_TIME_, T.TENANT_ID_,"
      + " CASE WHEN T.SUSPENSION_STATE_ = 1 AND EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A"
      + " WHERE A.RESOURCE_ID_ = T.ID_ AND A.RESOURCE_TYPE_ = " + TASK + " AND A.TYPE_ = 1"
      + " AND A.GROUP_ID_ = I.GROUP_ID_ AND MOD(A.PERMS_ / 2, 2) = 1) THEN FALSE ELSE TRUE END AS ODD_"
      + " FROM ACT_RU_IDENTITYLINK I JOIN ACT_RU_TASK T ON T.ID_ = I.TASK_ID_"
      + " WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ IS NOT NULL%1$s"
      + " UNION SELECT A.GROUP_ID_, T.ID_, T.PRIORITY_, T.DUE_DATE_, T.CREATE_TIME_, T.TENANT_ID_, TRUE"
      + " FROM ACT_RU_AUTHORIZATION A JOIN ACT_RU_TASK T ON T.ID_ = A.RESOURCE_ID_"
      + " WHERE A.RESOURCE_TYPE_ = " + TASK + " AND A.TYPE_ = 1 AND A.GROUP_ID_ IS NOT NULL AND MOD(A.PERMS_ / 2, 2) = 1"
      + " AND NOT EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK L WHERE L.TASK_ID_ = T.ID_ AND L.GROUP_ID_ = A.GROUP_ID_"
      + " AND L.TYPE_ = 'candidate')%1$s";
  /**
   * The rows of the users' list: a user's own READ grant on a task (Camunda gives one to an assignee),
   * odd when the task is suspended. {@code %1$s} limits the tasks.
   */
  private static final String USER_ROWS = "SELECT DISTINCT A.USER_ID_, T.ID_, T.PRIORITY_, T.DUE_DATE_, T.CREATE_TIME_,"
      + " T.TENANT_ID_, CASE WHEN T.SUSPENSION_STATE_ = 1 THEN FALSE ELSE TRUE END AS ODD_"
      + " FROM ACT_RU_AUTHORIZATION A JOIN ACT_RU_TASK T ON T.ID_ = A.RESOURCE_ID_"
      + " WHERE A.RESOURCE_TYPE_ = " + TASK + " AND A.TYPE_ = 1 AND A.USER_ID_ IS NOT NULL AND A.USER_ID_ <> '*'"
      + " AND MOD(A.PERMS_ / 2, 2) = 1%1$s";

  /** A kept table: by candidate group and grant ({@code UR_TASK_LIST}) or by user grant ({@code UR_USER_TASK_LIST}). */
  record Table(String name, String principal, String rows) {
    String columns() {
      return principal + ", TASK_ID_, PRIORITY_, DUE_DATE_, CREATE_TIME_, TENANT_ID_, ODD_";
    }

    /** How many times the rows' statement takes the filter (once per part). */
    int filtered() {
      return rows.split("%1\\$s", -1).length - 1;
    }

    /** The rows the engine's tables give, for all tasks or those the filter names. */
    String fresh(String filter) {
      return String.format(rows, filter);
    }
  }

  static final Table GROUPS = new Table("UR_TASK_LIST", "GROUP_ID_", GROUP_ROWS);
  static final Table USERS = new Table("UR_USER_TASK_LIST", "USER_ID_", USER_ROWS);
  private static final List<Table> TABLES = List.of(GROUPS, USERS);

  private KeptTaskList() {
  }

  /** What a flush changed: the tasks whose rows to write again, and whether the list went stale. */
  static final class Changes {
    final Set<String> tasks = new LinkedHashSet<>();
    /** Tasks inserted by the flush (no rows yet to delete) and deleted by it (none to write). */
    final Set<String> created = new LinkedHashSet<>();
    final Set<String> deleted = new LinkedHashSet<>();
    boolean stale;
    /** The first of the flush's operations that changed a task's rows: the one a failure is reported on. */
    DbOperation cause;
    private boolean grantsExpireEarly;

    boolean none() {
      return tasks.isEmpty() && !stale;
    }

    /**
     * Reads a flush's operations before they run (the engine recycles them after).
     *
     * @param grantsExpireEarly the history's removal time is set when a request starts (strategy
     *     {@code start}), so the cleanup may delete grants of tasks still open
     */
    static Changes of(List<DbOperation> operations, boolean grantsExpireEarly) {
      Changes changes = new Changes();
      changes.grantsExpireEarly = grantsExpireEarly;
      for (DbOperation operation : operations) {
        if (operation instanceof DbEntityOperation entityOperation) {
          changes.entity(entityOperation.getEntity());
          if (entityOperation.getEntity() instanceof TaskEntity task) {
            (entityOperation.getOperationType() == DbOperationType.INSERT ? changes.created
                : entityOperation.getOperationType() == DbOperationType.DELETE ? changes.deleted : changes.tasks)
                .add(task.getId());
          }
        } else if (operation instanceof DbBulkOperation bulk) {
          changes.bulk(bulk);
        }
        if (changes.cause == null && !changes.none()) {
          changes.cause = operation;
        }
      }
      return changes;
    }

    private void entity(DbEntity entity) {
      if (entity instanceof IdentityLinkEntity link && link.getTaskId() != null && link.getGroupId() != null) {
        tasks.add(link.getTaskId());
      } else if (entity instanceof AuthorizationEntity authorization && authorization.getResourceType() == TASK) {
        if ("*".equals(authorization.getResourceId())) {
          // a grant on every task is read by the lists' own check of who may read (ADR 0011), not kept here
          return;
        }
        tasks.add(authorization.getResourceId());
      }
    }

    private void bulk(DbBulkOperation bulk) {
      Class<?> type = bulk.getEntityType();
      String statement = bulk.getStatement();
      if (type == TaskEntity.class) {
        stale = true; // suspension of a whole process instance or definition
      } else if (type == IdentityLinkEntity.class) {
        stale |= !statement.startsWith("deleteIdentityLinkByProcDef"); // a definition's starters are no task's
      } else if (type == AuthorizationEntity.class) {
        if (statement.startsWith("updateAuthorizationsBy")) {
          return; // a removal time set: no grant changes until the cleanup below deletes it
        }
        if (statement.startsWith("deleteAuthorizationsForResourceId") && bulk.getParameter() instanceof Map<?, ?> map
            && map.get("resourceType") instanceof Integer resourceType && map.get("resourceId") instanceof String id) {
          if (resourceType == TASK) {
            tasks.add(id);
          }
          return;
        }
        if (statement.startsWith("deleteAuthorizationsByRemovalTime") && !grantsExpireEarly) {
          // the cleanup, all night in its window: with removal times set as requests end, every grant it
          // deletes is of a request with no open task left
          return;
        }
        stale = true; // the cleanup of grants that may be of open tasks, or a change not known here
      }
    }
  }

  /**
   * Writes the changed tasks' rows again, or marks the list stale; inside the flush's transaction. The
   * tasks that existed before are locked first, in the order of their ids: another transaction writing
   * the same task's rows (a flush, the repair) waits for this one to commit and then reads what it wrote,
   * instead of inserting rows this one inserts too. A task created in this flush is seen by no other
   * transaction yet.
   *
   * @throws SQLException a statement failed; {@link #isConflict} says whether it was a race
   */
  static void apply(Connection db, Changes changes) throws SQLException {
    if (changes.stale) {
      markStale(db);
    }
    // a task created in this flush has no rows yet, one deleted gets none: a statement each instead of two
    Set<String> toDelete = new TreeSet<>(changes.tasks);
    toDelete.addAll(changes.deleted);
    toDelete.removeAll(changes.created);
    Set<String> toWrite = new LinkedHashSet<>(changes.tasks);
    toWrite.addAll(changes.created);
    toWrite.removeAll(changes.deleted);
    lock(db, toDelete, "");
    write(db, toDelete, toWrite);
  }

  /**
   * Writes these tasks' rows again from the engine's tables, for the repair: each task it can lock at
   * once, and the rows of tasks no longer open. A task another transaction holds is skipped: that
   * transaction is a flush that writes its rows itself (or a bulk change that marks the list stale
   * again), and the repair's check afterwards says whether the list can be trusted.
   */
  static void rewrite(Connection db, Collection<String> tasks) throws SQLException {
    Set<String> locked = lock(db, tasks, " SKIP LOCKED");
    Set<String> gone = new TreeSet<>(tasks);
    gone.removeAll(locked);
    for (List<String> chunk : chunks(new ArrayList<>(gone))) {
      try (PreparedStatement open = db.prepareStatement("SELECT ID_ FROM ACT_RU_TASK WHERE ID_ IN (" + placeholders(chunk) + ")")) {
        bind(open, chunk);
        try (ResultSet rows = open.executeQuery()) {
          while (rows.next()) {
            gone.remove(rows.getString(1));
          }
        }
      }
    }
    Set<String> rows = new TreeSet<>(locked);
    rows.addAll(gone);
    write(db, rows, locked);
  }

  /**
   * Locks the rows of these tasks in the engine's task table, in the order of their ids; returns those
   * locked. PostgreSQL's FOR NO KEY UPDATE, not FOR UPDATE: it does not wait for the key share locks
   * that Camunda's inserts of a task's candidate links take on the task, so a claim's flush and another
   * adding a candidate group cannot deadlock on it (FOR UPDATE did: each waited for the other).
   */
  private static Set<String> lock(Connection db, Collection<String> tasks, String skip) throws SQLException {
    Set<String> locked = new TreeSet<>();
    String mode = "PostgreSQL".equals(db.getMetaData().getDatabaseProductName()) ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    for (List<String> chunk : chunks(new TreeSet<>(tasks))) {
      try (PreparedStatement lock = db.prepareStatement("SELECT ID_ FROM ACT_RU_TASK WHERE ID_ IN ("
          + placeholders(chunk) + ") ORDER BY ID_ " + mode + skip)) {
        bind(lock, chunk);
        try (ResultSet rows = lock.executeQuery()) {
          while (rows.next()) {
            locked.add(rows.getString(1));
          }
        }
      }
    }
    return locked;
  }

  /** Deletes the rows of some tasks and inserts the engine's rows of others, in both tables. */
  private static void write(Connection db, Collection<String> toDelete, Collection<String> toWrite) throws SQLException {
    for (Table table : TABLES) {
      for (List<String> chunk : chunks(toDelete)) {
        update(db, "DELETE FROM " + table.name() + " WHERE TASK_ID_ IN (" + placeholders(chunk) + ")", chunk);
      }
      for (List<String> chunk : chunks(toWrite)) {
        // the filter's values once for each part of the rows' statement that it limits
        List<String> values = new ArrayList<>();
        for (int part = 0; part < table.filtered(); part++) {
          values.addAll(chunk);
        }
        update(db, "INSERT INTO " + table.name() + " (" + table.columns() + ") "
            + table.fresh(" AND T.ID_ IN (" + placeholders(chunk) + ")"), values);
      }
    }
  }

  /**
   * Whether the database refused a write because another transaction held the same rows: a deadlock or
   * serialization failure (class 40), H2's concurrent update (90131), a lock wait that timed out (H2's
   * HYT00, PostgreSQL's 55P03). A unique key is not among them: with the locks above no two transactions
   * write one task's rows at once, so a key taken is a row left by hand or by a fault, reported as one
   * (a job then spends its retries and shows an incident instead of retrying for ever).
   */
  static boolean isConflict(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      String state = next.getSQLState();
      if (state != null && (state.startsWith("40") || state.equals("90131") || state.equals("HYT00")
          || state.equals("55P03"))) {
        return true;
      }
    }
    return false;
  }

  static List<List<String>> chunks(Collection<String> tasks) {
    List<String> all = new ArrayList<>(tasks);
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return chunks;
  }

  private static String placeholders(List<String> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }

  static void markStale(Connection db) throws SQLException {
    LOG.info("Kept task list: marked stale (a change it cannot follow task by task, or rows that differ); "
        + "repaired in the background");
    update(db, "UPDATE UR_TASK_LIST_STATE SET STALE_ = TRUE, VERSION_ = VERSION_ + 1 WHERE ID_ = 1", List.of());
  }

  /** The list's version when it can be trusted; null when it is stale or was never checked. */
  static Long trustedVersion(Connection db) {
    try (PreparedStatement statement = db.prepareStatement("SELECT STALE_, VERSION_ FROM UR_TASK_LIST_STATE WHERE ID_ = 1");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() && !rows.getBoolean(1) ? rows.getLong(2) : null;
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not read the task list's state", e);
    }
  }

  /** Rows that differ between the list and the engine's tables, counted both ways. */
  static long differences(Connection db) throws SQLException {
    long differences = 0;
    for (Table table : TABLES) {
      String kept = "SELECT " + table.columns() + " FROM " + table.name();
      String fresh = table.fresh("");
      try (PreparedStatement statement = db.prepareStatement("SELECT (SELECT COUNT(*) FROM (" + kept + " EXCEPT ("
          + fresh + ")) D1) + (SELECT COUNT(*) FROM ((" + fresh + ") EXCEPT " + kept + ") D2)");
          ResultSet rows = statement.executeQuery()) {
        rows.next();
        differences += rows.getLong(1);
      }
    }
    return differences;
  }

  /**
   * The tasks whose rows differ between the list and the engine's tables, either way, in the order of
   * their ids: what a repair writes again.
   */
  static SortedSet<String> differingTasks(Connection db) throws SQLException {
    SortedSet<String> tasks = new TreeSet<>();
    for (Table table : TABLES) {
      String kept = "SELECT " + table.columns() + " FROM " + table.name();
      String fresh = table.fresh("");
      try (PreparedStatement statement = db.prepareStatement("SELECT D1.TASK_ID_ FROM (" + kept + " EXCEPT (" + fresh
          + ")) D1 UNION SELECT D2.ID_ FROM ((" + fresh + ") EXCEPT " + kept + ") D2");
          ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tasks.add(rows.getString(1));
        }
      }
    }
    return tasks;
  }

  /** A new database's state: stale until first repaired. */
  static void createState(Connection db) throws SQLException {
    update(db, "INSERT INTO UR_TASK_LIST_STATE (ID_, STALE_, VERSION_) SELECT 1, TRUE, 0 FROM UR_TASK_LIST_STATE"
        + " HAVING COUNT(*) = 0", List.of());
  }

  /** Trusts the list again, unless it was marked stale after {@code version} was read. */
  static boolean trust(Connection db, long version) throws SQLException {
    return update(db, "UPDATE UR_TASK_LIST_STATE SET STALE_ = FALSE WHERE ID_ = 1 AND VERSION_ = ?", List.of(version)) == 1;
  }

  /** The state's version as it is now, stale or not; null when there is no state yet. */
  static Long version(Connection db) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement("SELECT VERSION_ FROM UR_TASK_LIST_STATE WHERE ID_ = 1");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getLong(1) : null;
    }
  }

  private static int update(Connection db, String sql, Collection<?> values) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, Collection<?> values) throws SQLException {
    int i = 1;
    for (Object value : values) {
      statement.setObject(i++, value);
    }
  }
}
