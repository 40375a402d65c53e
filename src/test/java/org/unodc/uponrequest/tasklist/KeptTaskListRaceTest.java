package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.process.LockWaits;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * Two transactions writing one task's kept rows at the same moment (two officers, a job and an officer,
 * the background repair and an officer) both land and leave the list exact: the second waits for the
 * first instead of failing. A write that still loses (a lock wait timed out) reaches the caller as the
 * engine's own conflict, which the REST API answers with 409 and the job executor retries; a row left in
 * the way is a fault that says so.
 */
class KeptTaskListRaceTest extends ProcessTestSupport {

  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired KeptTaskListUpkeep upkeep;
  @Autowired DataSource dataSource;

  private final List<String> instances = new ArrayList<>();
  private final String groupA = "race-a-" + System.nanoTime();
  private final String groupB = "race-b-" + System.nanoTime();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<CompletableFuture<?>> held = new ArrayList<>();
  private String task;

  @BeforeEach
  void aScreeningTaskAndATrustedList() {
    String instance = submit("KEN", "CORRUPTION").getId();
    instances.add(instance);
    task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    assertThat(upkeep.repairIfStale()).as("the list trusted").isTrue();
  }

  /** Whatever a failed test left holding a lock lets go before the request is withdrawn. */
  @AfterEach
  void releaseAndWithdraw() {
    release.countDown();
    held.forEach(future -> future.handle((done, failure) -> null).join());
    var runtime = processEngine.getRuntimeService();
    instances.stream().filter(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0)
        .forEach(id -> runtime.deleteProcessInstance(id, "end of the test"));
  }

  @Test
  void twoTransactionsGrantingOneTaskToGroupsAtOnceBothLandAndTheListStaysExact() throws Exception {
    // grants leave the task itself alone, so the engine lets both go; the first is written, kept rows
    // included, and its transaction stays open
    CountDownLatch firstFlushed = new CountDownLatch(1);
    CompletableFuture<Void> first = holdOpen(() -> {
      grantRead(groupA);
      firstFlushed.countDown();
    });
    assertThat(firstFlushed.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> grantRead(groupB));
    awaitATransactionWaitingForALock(second);
    release.countDown();

    first.get(20, TimeUnit.SECONDS);
    second.get(20, TimeUnit.SECONDS);
    assertThat(keptGroups()).as("each group's row, odd: a grant without a candidate link").contains(groupA, groupB);
    assertThat(differences()).isZero();
  }

  @Test
  void aWriteToATaskTheRepairOfAStaleListHoldsWaitsForItAndBothLand() throws Exception {
    makeTheTasksRowDiffer();
    // the repair has written the task's rows again, and its transaction stays open
    CountDownLatch repaired = new CountDownLatch(1);
    CompletableFuture<Void> repair = holdOpen(() -> {
      assertThat(upkeep.repairIfStale()).as("the repair trusts the list").isTrue();
      repaired.countDown();
    });
    assertThat(repaired.await(20, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> write = CompletableFuture.runAsync(() -> setPriority(77));
    awaitATransactionWaitingForALock(write);
    release.countDown();

    repair.get(20, TimeUnit.SECONDS);
    write.get(20, TimeUnit.SECONDS);
    assertThat(differences()).isZero();
    assertThat(keptPriorities()).containsExactly(77);
  }

  @Test
  void theRepairSkipsATaskAWriterHoldsAndTrustsTheListOnceTheWriterHasCommitted() throws Exception {
    makeTheTasksRowDiffer();
    CountDownLatch written = new CountDownLatch(1);
    CompletableFuture<Void> write = holdOpen(() -> {
      setPriority(78);
      written.countDown();
    });
    assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
    // the repair neither waits for the officer nor makes the officer wait; what it skipped the officer writes
    long began = System.nanoTime();
    assertThat(CompletableFuture.supplyAsync(upkeep::repairIfStale).get(10, TimeUnit.SECONDS))
        .as("trusted while the task's rows still differ").isFalse();
    // had it waited for the task, H2 would have given up after its lock timeout of 2 s (PostgreSQL: never)
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).as("ms the repair took").isLessThan(2000);
    release.countDown();
    write.get(20, TimeUnit.SECONDS);

    assertThat(upkeep.repairIfStale()).as("trusted once the officer's write is in").isTrue();
    assertThat(differences()).isZero();
    assertThat(keptPriorities()).containsExactly(78);
  }

  @Test
  void aClaimAndANewCandidateGroupOnOneTaskDoNotDeadlockOnItsRow() throws Exception {
    try (Connection adding = dataSource.getConnection(); Connection claiming = dataSource.getConnection()) {
      adding.setAutoCommit(false);
      claiming.setAutoCommit(false);
      // an administrator's candidate link (on PostgreSQL its foreign key takes a key share lock on the task),
      // and an officer's claim (the task's row updated), each flushed and not yet committed
      try (PreparedStatement link = adding.prepareStatement(
          "INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_) VALUES (?, 1, ?, 'candidate', ?)")) {
        link.setString(1, "race-link-" + System.nanoTime());
        link.setString(2, groupA);
        link.setString(3, task);
        link.executeUpdate();
      }
      try (PreparedStatement claim = claiming.prepareStatement("UPDATE ACT_RU_TASK SET PRIORITY_ = 66 WHERE ID_ = ?")) {
        claim.setString(1, task);
        claim.executeUpdate();
      }
      // the claim's list is written at once: its lock does not wait for the key share (FOR UPDATE did, and
      // the link's list then waited for the claim: a deadlock)
      CompletableFuture<Void> claimsList = CompletableFuture.runAsync(() -> keep(claiming));
      claimsList.get(5, TimeUnit.SECONDS);
      claiming.commit();
      keep(adding);
      adding.commit();
    }
    assertThat(keptGroups()).contains(groupA);
    assertThat(keptPriorities()).containsExactly(66);
    assertThat(differences()).isZero();
  }

  /** What a flush that touched the task writes, on this connection. */
  private void keep(Connection db) {
    KeptTaskList.Changes changes = new KeptTaskList.Changes();
    changes.tasks.add(task);
    try {
      KeptTaskList.apply(db, changes);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWriteWaitingLongerThanTheDatabasesLockTimeoutIsTheEnginesConflict() throws Exception {
    CountDownLatch firstFlushed = new CountDownLatch(1);
    CompletableFuture<Void> first = holdOpen(() -> {
      grantRead(groupA);
      firstFlushed.countDown();
    });
    assertThat(firstFlushed.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> grantRead(groupB));
    // H2 gives up a lock wait after 2 s; PostgreSQL waits for as long as it takes
    try {
      second.get(onPostgres() ? 3 : 10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stillWaitingOrFailed) {
      // judged below
    }
    release.countDown();
    first.get(20, TimeUnit.SECONDS);

    if (onPostgres()) {
      second.get(20, TimeUnit.SECONDS);
      assertThat(keptGroups()).contains(groupA, groupB);
    } else {
      assertThatThrownBy(() -> second.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(OptimisticLockingException.class);
      assertThat(keptGroups()).contains(groupA).doesNotContain(groupB);
    }
    assertThat(differences()).isZero();
  }

  @Test
  void aKeptRowLeftInTheWayOfANewTaskIsAFaultThatNamesTheListAndNothingIsSaved() {
    String id = "race-task-" + System.nanoTime();
    String user = "race.user";
    // a row no transaction should have left: the new task's own takes its key. Retrying cannot help, so
    // it is no conflict (a job spends its retries and shows an incident)
    jdbc.update("INSERT INTO UR_USER_TASK_LIST (USER_ID_, TASK_ID_, PRIORITY_, ODD_) VALUES (?, ?, 50, FALSE)", user, id);
    try {
      Task created = taskService.newTask(id);
      created.setAssignee(user);
      assertThatThrownBy(() -> taskService.saveTask(created)).isInstanceOf(ProcessEngineException.class)
          .isNotInstanceOf(OptimisticLockingException.class)
          .satisfies(failure -> assertThat(messages(failure)).contains("Could not keep the task list"));
      assertThat(taskService.createTaskQuery().taskId(id).count()).as("the write rolled back").isZero();
    } finally {
      jdbc.update("DELETE FROM UR_USER_TASK_LIST WHERE TASK_ID_ = ?", id);
    }
  }

  /** Runs the work in a transaction left open until the test releases it. */
  private CompletableFuture<Void> holdOpen(Runnable work) {
    CompletableFuture<Void> future = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
        .executeWithoutResult(tx -> {
          work.run();
          await(release);
        }));
    held.add(future);
    return future;
  }

  /** Until the database shows a session waiting for a lock: the race is on, not merely about to be. */
  private void awaitATransactionWaitingForALock(CompletableFuture<?> waiter) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (jdbc.execute((ConnectionCallback<Integer>) LockWaits::count) == 0) {
      assertThat(waiter).as("done without waiting for the lock").isNotDone();
      assertThat(System.nanoTime()).as("a transaction waiting for a lock").isLessThan(until);
      Thread.sleep(20);
    }
  }

  private void makeTheTasksRowDiffer() {
    // a row of the task that differs from the engine's tables, as a restore or a hand edit leaves it
    jdbc.update("UPDATE UR_TASK_LIST SET PRIORITY_ = PRIORITY_ + 7 WHERE TASK_ID_ = ?", task);
    jdbc.execute((ConnectionCallback<Void>) db -> {
      KeptTaskList.markStale(db);
      return null;
    });
  }

  private void setPriority(int priority) {
    Task open = taskService.createTaskQuery().taskId(task).singleResult();
    open.setPriority(priority);
    taskService.saveTask(open);
  }

  private void grantRead(String group) {
    AuthorizationService authorizations = processEngine.getAuthorizationService();
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setResource(Resources.TASK);
    grant.setResourceId(task);
    grant.setGroupId(group);
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
  }

  private boolean onPostgres() {
    return jdbc.execute((ConnectionCallback<Boolean>) db -> "PostgreSQL".equals(db.getMetaData().getDatabaseProductName()));
  }

  private List<String> keptGroups() {
    return jdbc.queryForList("SELECT GROUP_ID_ FROM UR_TASK_LIST WHERE TASK_ID_ = ?", String.class, task);
  }

  private List<Integer> keptPriorities() {
    return jdbc.queryForList("SELECT DISTINCT PRIORITY_ FROM UR_TASK_LIST WHERE TASK_ID_ = ?", Integer.class, task);
  }

  private long differences() {
    return jdbc.execute((ConnectionCallback<Long>) KeptTaskList::differences);
  }

  private static String messages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
