package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * The kept task list ({@link KeptTaskList}, ADR 0015) is the engine's own facts after every kind of
 * change, whichever API makes it; the offices' lists are read from it and are Camunda's answers; and
 * whatever it cannot follow (a bulk suspension, a missing grant, rows changed by hand) sends the lists
 * back to the exact statement until the list is repaired.
 */
class KeptTaskListTest extends ProcessTestSupport {

  @Autowired FilterService filterService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired JdbcTemplate jdbc;
  @Autowired SharedFilterPagesPlugin plugin;
  @Autowired KeptTaskListUpkeep upkeep;

  private final List<String> tasks = new ArrayList<>();
  private final List<String> instances = new ArrayList<>();
  /** Offices of this test's own, so that no other test's tasks are in their lists; both serve Kenya and Colombia. */
  private final String officeA = "kept-a-" + System.nanoTime();
  private final String officeB = "kept-b-" + System.nanoTime();

  /** Requests whose screening tasks went to offices, the list trusted (another test may have suspended a request). */
  @BeforeEach
  void screeningTasksOfOffices() {
    IdentityService identity = processEngine.getIdentityService();
    for (String office : List.of(officeA, officeB)) {
      identity.saveGroup(identity.newGroup(office));
      identity.createTenantGroupMembership("KEN", office);
      identity.createTenantGroupMembership("COL", office);
    }
    List<String> offices = List.of(officeA, officeB, officeA, "office-HQVIE");
    for (int n = 0; n < 8; n++) {
      String instance = submit(n % 2 == 0 ? "KEN" : "COL", "CORRUPTION").getId();
      instances.add(instance);
      Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
      taskService.deleteCandidateGroup(task.getId(), "hq-intake");
      taskService.addCandidateGroup(task.getId(), offices.get(n % offices.size()));
      tasks.add(task.getId());
    }
    assertThat(upkeep.repairIfStale()).as("the list trusted").isTrue();
    assertThat(differences()).isZero();
  }

  /** This test's requests go: other tests of the shared context page through every task. */
  @AfterEach
  void signOutAndWithdraw() {
    processEngine.getIdentityService().clearAuthentication();
    var runtime = processEngine.getRuntimeService();
    instances.stream().filter(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0)
        .forEach(id -> runtime.deleteProcessInstance(id, "end of the test"));
  }

  @Test
  void theListIsTheEnginesAfterEveryKindOfChangeToATaskItsCandidatesOrItsGrants() {
    Task task = taskService.createTaskQuery().taskId(tasks.get(0)).singleResult();
    task.setPriority(90);
    task.setDueDate(new Date(System.currentTimeMillis() + 86_400_000L));
    taskService.saveTask(task);
    assertThat(differences()).as("priority and due date").isZero();

    taskService.addCandidateGroup(tasks.get(1), officeA);
    taskService.deleteCandidateGroup(tasks.get(2), officeA);
    assertThat(differences()).as("candidate groups added and taken away").isZero();
    // offices A and B as candidates, and HQ intake's grant, left when the set-up took its candidate link away
    assertThat(rows(tasks.get(1))).isEqualTo(3);
    // Camunda leaves the group its grant: a row of a group that may read the task but is no candidate, odd
    assertThat(jdbc.queryForObject("SELECT ODD_ FROM UR_TASK_LIST WHERE TASK_ID_ = ? AND GROUP_ID_ = ?", Boolean.class,
        tasks.get(2), officeA)).isTrue();

    taskService.claim(tasks.get(3), "office.bogota");
    assertThat(userRows(tasks.get(3), "office.bogota")).as("the assignee's grant").isEqualTo(1);
    taskService.setAssignee(tasks.get(3), null);
    assertThat(differences()).as("claimed and released").isZero();
    assertThat(userRows(tasks.get(3), "office.bogota")).as("the grant stays with the task's former assignee").isEqualTo(1);

    Authorization grant = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
        .resourceId(tasks.get(4)).groupIdIn(officeA).singleResult();
    authorizationService.deleteAuthorization(grant.getId());
    assertThat(differences()).as("the group's grant taken away").isZero();
    assertThat(jdbc.queryForObject("SELECT ODD_ FROM UR_TASK_LIST WHERE TASK_ID_ = ? AND GROUP_ID_ = ?", Boolean.class,
        tasks.get(4), officeA)).isTrue();

    String instance = taskService.createTaskQuery().taskId(tasks.get(5)).singleResult().getProcessInstanceId();
    processEngine.getRuntimeService().deleteProcessInstance(instance, "withdrawn in the test");
    assertThat(differences()).as("the request deleted").isZero();
    assertThat(rows(tasks.get(5))).isZero();
    assertThat(trusted()).as("nothing here needs a repair").isTrue();
  }

  @Test
  void officesListsAreReadFromTheKeptListAndAreCamundasAnswers() {
    taskService.claim(tasks.get(3), "kept.two");
    taskService.claim(tasks.get(0), "kept.two");
    Task elsewhere = taskService.createTaskQuery().taskId(tasks.get(7)).singleResult();
    taskService.setAssignee(elsewhere.getId(), "kept.two");
    // overdue and high priority tasks of both offices and of Vienna's, one of them granted to kept.two as its assignee
    Date yesterday = new Date(System.currentTimeMillis() - 86_400_000L);
    for (int n : List.of(0, 1, 2, 5, 7)) {
      Task task = taskService.createTaskQuery().taskId(tasks.get(n)).singleResult();
      task.setDueDate(n == 5 ? new Date(System.currentTimeMillis() + 86_400_000L) : yesterday);
      task.setPriority(n % 2 == 1 ? SharedTaskFilters.HIGH_PRIORITY_THRESHOLD : SharedTaskFilters.HIGH_PRIORITY_THRESHOLD - 1);
      taskService.saveTask(task);
    }
    for (String user : List.of("kept.one", "kept.two")) {
      signInAs(user, user.equals("kept.one") ? List.of(officeA) : List.of(officeA, officeB));
      for (String name : List.of(SharedTaskFilters.MY_GROUPS, SharedTaskFilters.MY_WORK, SharedTaskFilters.OVERDUE,
          SharedTaskFilters.HIGH_PRIORITY)) {
        long before = plugin.pages().answeredFromKeptList();
        assertListsAreCamundas(name, user);
        assertThat(plugin.pages().answeredFromKeptList() - before).as("%s of %s read from the kept list", name, user)
            .isPositive();
      }
    }
  }

  @Test
  void aGroupsGrantOnATaskItIsNoCandidateForSendsItsListsToTheExactStatementAndTheyStayRight() {
    // Camunda leaves office A its grant on the task when the candidate link goes: A may still read it
    Task task = taskService.createTaskQuery().taskId(tasks.get(0)).singleResult();
    task.setDueDate(new Date(System.currentTimeMillis() - 86_400_000L));
    taskService.saveTask(task);
    taskService.deleteCandidateGroup(tasks.get(0), officeA);
    signInAs("kept.one", List.of(officeA));
    long before = plugin.pages().answeredFromKeptList();
    for (String name : List.of(SharedTaskFilters.MY_GROUPS, SharedTaskFilters.OVERDUE)) {
      assertListsAreCamundas(name, "kept.one");
    }
    assertThat(plugin.pages().answeredFromKeptList()).as("not read from the list").isEqualTo(before);
    String overdue = filterService.createFilterQuery().filterName(SharedTaskFilters.OVERDUE).singleResult().getId();
    assertThat(ids(filterService.list(overdue, new TaskQueryImpl().active()))).as("the granted task is overdue for A")
        .contains(tasks.get(0));
  }

  @Test
  void aBulkSuspensionMakesTheListStaleTheListsStayRightAndTheRepairTrustsItAgain() {
    String instance = taskService.createTaskQuery().taskId(tasks.get(2)).singleResult().getProcessInstanceId();
    processEngine.getRuntimeService().suspendProcessInstanceById(instance);
    assertThat(trusted()).as("stale").isFalse();

    signInAs("kept.one", List.of(officeA));
    long before = plugin.pages().answeredFromKeptList();
    assertListsAreCamundas(SharedTaskFilters.MY_GROUPS, "kept.one");
    assertThat(plugin.pages().answeredFromKeptList()).as("not read from a stale list").isEqualTo(before);

    assertThat(upkeep.repairIfStale()).isTrue();
    assertThat(differences()).isZero();
    // the suspended task's row is odd: the office's list is answered by the exact statement, and right
    assertListsAreCamundas(SharedTaskFilters.MY_GROUPS, "kept.one");
    assertThat(plugin.pages().answeredFromKeptList()).as("a group holding a suspended task").isEqualTo(before);
    processEngine.getIdentityService().clearAuthentication();
    processEngine.getRuntimeService().activateProcessInstanceById(instance);
    upkeep.repairIfStale();
    signInAs("kept.one", List.of(officeA));
    assertListsAreCamundas(SharedTaskFilters.MY_GROUPS, "kept.one");
    assertThat(plugin.pages().answeredFromKeptList()).as("read from the list once repaired").isGreaterThan(before);
  }

  @Test
  void theNightlyHistoryCleanupLeavesTheListTrusted() {
    // it deletes grants by removal time in bulk, all night long; removal times are set as requests end
    org.camunda.bpm.engine.runtime.Job cleanup = processEngine.getHistoryService().cleanUpHistoryAsync(true);
    processEngine.getManagementService().executeJob(cleanup.getId());
    assertThat(trusted()).isTrue();
    assertThat(differences()).isZero();
  }

  @Test
  void rowsChangedBehindTheEnginesBackAreFoundByTheCheckAndRepaired() {
    jdbc.update("DELETE FROM UR_TASK_LIST WHERE TASK_ID_ = ? AND GROUP_ID_ = ?", tasks.get(0), officeA);
    jdbc.update("UPDATE UR_TASK_LIST SET PRIORITY_ = 1 WHERE TASK_ID_ = ? AND GROUP_ID_ = ?", tasks.get(1), officeB);
    jdbc.update("INSERT INTO UR_USER_TASK_LIST (USER_ID_, TASK_ID_, PRIORITY_, ODD_) VALUES ('kept.nobody', ?, 50, FALSE)",
        tasks.get(2));
    assertThat(differences()).isEqualTo(4);
    upkeep.check();
    assertThat(differences()).isZero();
    assertThat(trusted()).isTrue();
  }

  private void assertListsAreCamundas(String name, String user) {
    String filter = filterService.createFilterQuery().filterName(name).singleResult().getId();
    List<String> camunda = ids(filterService.list(filter, new TaskQueryImpl().active()));
    List<String> pages = new ArrayList<>();
    for (int first = 0; first < camunda.size() + 5; first += 5) {
      pages.addAll(ids(filterService.listPage(filter, new TaskQueryImpl().active().orderByTaskCreateTime().desc(), first, 5)));
    }
    assertThat(pages).as("%s of %s", name, user).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(camunda);
    assertThat(filterService.count(filter, new TaskQueryImpl().active())).as("count of %s of %s", name, user)
        .isEqualTo(camunda.size());
  }

  private long differences() {
    return jdbc.execute((ConnectionCallback<Long>) KeptTaskList::differences);
  }

  private boolean trusted() {
    return jdbc.execute((ConnectionCallback<Boolean>) db -> KeptTaskList.trustedVersion(db) != null);
  }

  private int rows(String task) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM UR_TASK_LIST WHERE TASK_ID_ = ?", Integer.class, task);
  }

  private int userRows(String task, String user) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM UR_USER_TASK_LIST WHERE TASK_ID_ = ? AND USER_ID_ = ?", Integer.class,
        task, user);
  }

  private static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }
}
