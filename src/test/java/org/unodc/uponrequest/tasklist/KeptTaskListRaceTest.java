package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * Two transactions writing one task's kept rows at the same moment (two officers, a job and an officer,
 * the background repair and an officer) both land and leave the list exact: the second waits for the
 * first instead of failing. A write the list still cannot take reaches the caller as the engine's own
 * conflict, which the REST API answers with 409 and the job executor retries, not as a fault.
 */
class KeptTaskListRaceTest extends ProcessTestSupport {

  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired KeptTaskListUpkeep upkeep;

  private final List<String> instances = new ArrayList<>();
  private final String groupA = "race-a-" + System.nanoTime();
  private final String groupB = "race-b-" + System.nanoTime();
  private String task;

  @BeforeEach
  void aScreeningTaskAndATrustedList() {
    String instance = submit("KEN", "CORRUPTION").getId();
    instances.add(instance);
    task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    assertThat(upkeep.repairIfStale()).as("the list trusted").isTrue();
  }

  @AfterEach
  void withdraw() {
    var runtime = processEngine.getRuntimeService();
    instances.stream().filter(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0)
        .forEach(id -> runtime.deleteProcessInstance(id, "end of the test"));
  }

  @Test
  void twoTransactionsGrantingOneTaskToGroupsAtOnceBothLandAndTheListStaysExact() throws Exception {
    CountDownLatch firstFlushed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // grants leave the task itself alone, so the engine lets both go; the first is written, kept rows
    // included, and its transaction stays open
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      grantRead(groupA);
      firstFlushed.countDown();
      await(release);
    }));
    assertThat(firstFlushed.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> grantRead(groupB));
    Thread.sleep(300); // the second has reached the task's rows and waits (or, unguarded, is about to collide)
    release.countDown();

    first.get(20, TimeUnit.SECONDS);
    second.get(20, TimeUnit.SECONDS);
    assertThat(keptGroups()).as("each group's row, odd: a grant without a candidate link").contains(groupA, groupB);
    assertThat(differences()).isZero();
  }

  @Test
  void aWriteToATaskTheRepairOfAStaleListHoldsWaitsForItAndBothLand() throws Exception {
    // a row of the task that differs from the engine's tables, as a restore or a hand edit leaves it
    jdbc.update("UPDATE UR_TASK_LIST SET PRIORITY_ = PRIORITY_ + 7 WHERE TASK_ID_ = ?", task);
    jdbc.execute((ConnectionCallback<Void>) db -> {
      KeptTaskList.markStale(db);
      return null;
    });
    CountDownLatch repaired = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // the repair has written the task's rows again, and its transaction stays open
    CompletableFuture<Boolean> repair = CompletableFuture.supplyAsync(() -> new TransactionTemplate(transactions).execute(tx -> {
      boolean trusted = upkeep.repairIfStale();
      repaired.countDown();
      await(release);
      return trusted;
    }));
    assertThat(repaired.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
      Task open = taskService.createTaskQuery().taskId(task).singleResult();
      open.setPriority(77);
      taskService.saveTask(open);
    });
    Thread.sleep(300);
    release.countDown();

    assertThat(repair.get(20, TimeUnit.SECONDS)).as("the repair trusts the list").isTrue();
    write.get(20, TimeUnit.SECONDS);
    assertThat(differences()).isZero();
    assertThat(jdbc.queryForList("SELECT DISTINCT PRIORITY_ FROM UR_TASK_LIST WHERE TASK_ID_ = ?", Integer.class, task))
        .containsExactly(77);
  }

  @Test
  void aKeptRowInTheWayOfAWriteIsTheEnginesConflictNotAFaultAndNothingIsSaved() {
    String id = "race-task-" + System.nanoTime();
    String user = "race.user";
    // a row no transaction should have left: the new task's own would take its key
    jdbc.update("INSERT INTO UR_USER_TASK_LIST (USER_ID_, TASK_ID_, PRIORITY_, ODD_) VALUES (?, ?, 50, FALSE)", user, id);
    try {
      Task created = taskService.newTask(id);
      created.setAssignee(user);
      assertThatThrownBy(() -> taskService.saveTask(created)).isInstanceOf(OptimisticLockingException.class);
      assertThat(taskService.createTaskQuery().taskId(id).count()).as("the write rolled back").isZero();
    } finally {
      jdbc.update("DELETE FROM UR_USER_TASK_LIST WHERE TASK_ID_ = ?", id);
    }
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

  private List<String> keptGroups() {
    return jdbc.queryForList("SELECT GROUP_ID_ FROM UR_TASK_LIST WHERE TASK_ID_ = ?", String.class, task);
  }

  private long differences() {
    return jdbc.execute((ConnectionCallback<Long>) KeptTaskList::differences);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
