package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * The shared filters' pages and counts found from the tasks' own indexes ({@link SharedFilterPages})
 * are Camunda's: for every shared filter and every kind of user, the same tasks, counted the same,
 * in the filter's order; and whenever the case is not plain, Camunda's own query answers.
 */
class SharedFilterPagesTest extends ProcessTestSupport {

  /** Users and their groups, as the demo accounts have them. */
  private static final Map<String, List<String>> USERS = DEMO_ACCOUNT_GROUPS;

  private static final List<String> GROUPS = List.of("office-ROEA", "office-CPP", "office-COCOL", "office-HQVIE",
      "strategic-planning", "managers", "specialist-tpb");

  /** The shared filters' order (H2 puts tasks without a due date first). */
  private static final Comparator<Task> FILTERS_ORDER = Comparator.comparing(Task::getPriority).reversed()
      .thenComparing(Task::getDueDate, Comparator.nullsFirst(Comparator.naturalOrder()));

  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;
  @Autowired SharedFilterPagesPlugin plugin;

  private final List<String> tasks = new ArrayList<>();

  /** Requests of several states, their screening tasks moved to other groups, claimed, due and ranked at random. */
  @BeforeEach
  void tasksOfManyGroupsStatesDatesAndPriorities() {
    Random random = new Random(64179);
    List<String> states = List.of("KEN", "COL", "UGA", "NGA", "AFG", "BOL");
    for (int n = 0; n < 30; n++) {
      String instance = submit(states.get(n % states.size()), "CORRUPTION").getId();
      Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
      if (n % 3 != 0) {
        // Camunda grants the group the task, as it does for a candidate group the process names
        taskService.deleteCandidateGroup(task.getId(), "hq-intake");
        taskService.addCandidateGroup(task.getId(), GROUPS.get(random.nextInt(GROUPS.size())));
      }
      if (n % 4 == 1) {
        taskService.setAssignee(task.getId(), new ArrayList<>(USERS.keySet()).get(random.nextInt(USERS.size())));
      }
      task = taskService.createTaskQuery().taskId(task.getId()).singleResult();
      task.setDueDate(new Date(System.currentTimeMillis() + (random.nextInt(20) - 8) * 86_400_000L));
      task.setPriority(random.nextInt(4) * 25);
      taskService.saveTask(task);
      tasks.add(task.getId());
      if (n % 7 == 3) {
        // a suspended request's task: Tasklist asks for active tasks only
        processEngine.getRuntimeService().suspendProcessInstanceById(instance);
      }
    }
  }

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void everySharedFilterListsAndCountsWhatCamundaDoesForEveryKindOfUser() {
    long before = plugin.pages().answeredHere();
    for (String user : USERS.keySet()) {
      signIn(user);
      for (SharedTaskFilters.Definition definition : SharedTaskFilters.definitions()) {
        String filter = filterId(definition.name());
        List<Task> camunda = filterService.list(filter);
        String what = definition.name() + " as " + user;
        assertThat(filterService.count(filter)).as("count of %s", what).isEqualTo(camunda.size());
        List<Task> pages = new ArrayList<>();
        for (int first = 0; first < camunda.size() + 7; first += 7) {
          pages.addAll(filterService.listPage(filter, first, 7));
        }
        assertThat(ids(pages)).as("pages of %s", what).containsExactlyInAnyOrderElementsOf(ids(camunda))
            .doesNotHaveDuplicates();
        assertThat(pages).as("order of %s: priority, then due date", what).isSortedAccordingTo(FILTERS_ORDER);
        // Tasklist's own query: active tasks, newest first
        TaskQuery newestFirst = new TaskQueryImpl().active().orderByTaskCreateTime().desc();
        List<Task> camundaActive = filterService.list(filter, new TaskQueryImpl().active());
        List<Task> tasklist = filterService.listPage(filter, newestFirst, 0, 15);
        assertThat(filterService.count(filter, new TaskQueryImpl().active())).as("count of %s with Tasklist's query", what)
            .isEqualTo(camundaActive.size());
        assertThat(ids(tasklist)).as("Tasklist's first page of %s", what)
            .isSubsetOf(ids(camundaActive)).hasSize(Math.min(15, camundaActive.size()));
        // Camunda puts the filter's own order first, the extending query's after it
        assertThat(tasklist).isSortedAccordingTo(FILTERS_ORDER);
      }
    }
    assertThat(plugin.pages().answeredHere() - before).as("pages and counts answered from the indexes").isPositive();
  }

  @Test
  void officersAndMemberStatesListsAreAnsweredFromTheIndexesManagersAndAdministratorsByCamunda() {
    String filter = filterId(SharedTaskFilters.MY_GROUPS);
    for (String user : USERS.keySet()) {
      signIn(user);
      long before = plugin.pages().answeredHere();
      filterService.count(filter);
      filterService.listPage(filter, 0, 15);
      assertThat(plugin.pages().answeredHere() - before).as("pages and counts of %s answered from the indexes", user)
          // managers read every request's tasks through a grant on the process definition
          .isEqualTo(user.equals("admin") || user.equals("manager") ? 0 : 2);
    }
  }

  @Test
  void tasksAlikeInTheFiltersOrderArePagedFromTheIndexesWithoutGapOrRepeat() {
    makeAlikeInTheFiltersOrder(50);
    signIn("intake");
    String filter = filterId(SharedTaskFilters.MY_GROUPS);
    long before = plugin.pages().answeredHere();
    List<Task> pages = new ArrayList<>();
    int pageCount = 0;
    for (int first = 0; first < filterService.count(filter); first += 3, pageCount++) {
      pages.addAll(filterService.listPage(filter, first, 3));
    }
    assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(filterService.list(filter)));
    assertThat(plugin.pages().answeredHere() - before).as("every page and count answered from the indexes")
        .isEqualTo(2L * pageCount + 1);
  }

  @Test
  void tasksAlikeInTheFiltersOrderArePagedByCamundaWithoutRepeatForAManager() {
    makeAlikeInTheFiltersOrder(90);
    // managers read every task through a grant on the process definition: Camunda's query answers
    signIn("manager");
    String filter = filterId(SharedTaskFilters.HIGH_PRIORITY);
    long before = plugin.pages().answeredHere();
    List<Task> pages = new ArrayList<>();
    for (int first = 0; first < filterService.count(filter); first += 2) {
      pages.addAll(filterService.listPage(filter, first, 2));
    }
    assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(filterService.list(filter)));
    assertThat(plugin.pages().answeredHere()).as("answered by Camunda alone").isEqualTo(before);
  }

  @Test
  void theOfficesSeeTheTasksOfTheirGroupsAndStatesOnly() {
    signIn("office.nairobi");
    List<String> states = identityService.getCurrentAuthentication().getTenantIds();
    List<Task> mine = filterService.listPage(filterId(SharedTaskFilters.MY_GROUPS), 0, 100);
    assertThat(mine).allSatisfy(task -> {
      assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
          assertThat(link.getGroupId()).isIn("office-ROEA", "office-CPP"));
      assertThat(task.getTenantId()).isIn(states);
    });
  }

  @Test
  void aTaskWhoseGrantWasTakenAwayIsNeitherCountedNorListed() {
    String filter = filterId(SharedTaskFilters.MY_GROUPS);
    signIn("intake");
    List<Task> before = filterService.listPage(filter, 0, 100);
    assertThat(before).isNotEmpty();
    Task taken = before.get(0);
    identityService.clearAuthentication();
    authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taken.getId())
        .groupIdIn("hq-intake").list().forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));

    signIn("intake");
    assertThat(ids(filterService.listPage(filter, 0, 100))).doesNotContain(taken.getId()).hasSize(before.size() - 1);
    assertThat(filterService.count(filter)).isEqualTo(before.size() - 1L).isEqualTo(filterService.list(filter).size());
  }

  @Test
  void aTaskGrantedToEveryUserIsListedFromTheIndexesAsCamundaListsIt() {
    String filter = filterId(SharedTaskFilters.HIGH_PRIORITY);
    signIn("office.nairobi");
    List<String> states = identityService.getCurrentAuthentication().getTenantIds();
    List<String> readable = ids(taskService.createTaskQuery().list());
    identityService.clearAuthentication();
    // a task of one of Nairobi's states that the office may not read
    Task task = tasks.stream().map(id -> taskService.createTaskQuery().taskId(id).singleResult())
        .filter(candidate -> states.contains(candidate.getTenantId()) && !readable.contains(candidate.getId()))
        .findFirst().orElseThrow();
    task.setPriority(SharedTaskFilters.HIGH_PRIORITY_THRESHOLD);
    taskService.saveTask(task);
    Authorization everyone = grantReadToEveryUser(task.getId());
    try {
      signIn("office.nairobi");
      List<Task> camunda = filterService.list(filter);
      assertThat(ids(camunda)).as("Camunda lists a task granted to every user").contains(task.getId());
      long before = plugin.pages().answeredHere();
      assertThat(ids(filterService.listPage(filter, 0, 100))).containsExactlyInAnyOrderElementsOf(ids(camunda));
      assertThat(filterService.count(filter)).isEqualTo(camunda.size());
      assertThat(plugin.pages().answeredHere() - before).as("answered from the indexes").isEqualTo(2);
    } finally {
      // the grant would outlive the test: the other tests on this engine share its database
      identityService.clearAuthentication();
      authorizationService.deleteAuthorization(everyone.getId());
    }
  }

  @Test
  void aRevocationHandsTheListBackToCamunda() {
    String filter = filterId(SharedTaskFilters.MY_GROUPS);
    signIn("intake");
    Task revoked = filterService.<Task>listPage(filter, 0, 1).get(0);
    identityService.clearAuthentication();
    Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(revoked.getId());
    revoke.setGroupId("hq-intake");
    revoke.removePermission(Permissions.READ);
    authorizationService.saveAuthorization(revoke);
    try {
      signIn("intake");
      long before = plugin.pages().answeredHere();
      assertThat(ids(filterService.listPage(filter, 0, 100))).isEqualTo(ids(withTiesById(filterService.list(filter))));
      assertThat(filterService.count(filter)).isEqualTo(filterService.list(filter).size());
      assertThat(plugin.pages().answeredHere()).as("answered by Camunda alone").isEqualTo(before);
    } finally {
      identityService.clearAuthentication();
      authorizationService.deleteAuthorization(revoke.getId());
    }
  }

  @Test
  void searchCriteriaAndAnEditedFilterAreAnsweredByCamunda() {
    signIn("intake");
    String filter = filterId(SharedTaskFilters.MY_GROUPS);
    long before = plugin.pages().answeredHere();
    // someone else's task named in a search: Camunda's checks answer
    TaskQuery search = new TaskQueryImpl().taskIdIn(tasks.toArray(String[]::new));
    assertThat(filterService.listPage(filter, search, 0, 100)).extracting(Task::getId)
        .containsExactlyInAnyOrderElementsOf(ids(filterService.list(filter, search)));
    assertThat(filterService.count(filter, search)).isEqualTo(filterService.list(filter, search).size());
    assertThat(plugin.pages().answeredHere()).as("answered by Camunda alone").isEqualTo(before);

    identityService.clearAuthentication();
    Filter edited = filterService.getFilter(filter);
    TaskQuery original = edited.getQuery();
    filterService.saveFilter(edited.setQuery(new TaskQueryImpl().taskCandidateGroup("managers")));
    try {
      signIn("intake");
      assertThat(filterService.count(filter)).isEqualTo(filterService.list(filter).size());
      assertThat(plugin.pages().answeredHere()).as("the edited filter answered by Camunda alone").isEqualTo(before);
    } finally {
      identityService.clearAuthentication();
      filterService.saveFilter(filterService.getFilter(filter).setQuery(original));
    }
  }

  /** Every task of the setup at this priority and without a due date: ties in the filters' order. */
  private void makeAlikeInTheFiltersOrder(int priority) {
    for (String id : tasks) {
      Task task = taskService.createTaskQuery().taskId(id).singleResult();
      task.setPriority(priority);
      task.setDueDate(null);
      taskService.saveTask(task);
    }
  }

  private void signIn(String user) {
    signInAs(user, USERS.get(user));
  }

  private String filterId(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult().getId();
  }

  /**
   * Camunda's list with tasks alike in the filter's order (adjacent in it) ordered by id, as its pages
   * are: where the database puts a task without a due date differs (H2 first, PostgreSQL last).
   */
  private static List<Task> withTiesById(List<Task> camunda) {
    List<Task> ordered = new ArrayList<>();
    List<Task> alike = new ArrayList<>();
    for (Task task : camunda) {
      if (!alike.isEmpty() && FILTERS_ORDER.compare(alike.get(0), task) != 0) {
        alike.sort(Comparator.comparing(Task::getId));
        ordered.addAll(alike);
        alike.clear();
      }
      alike.add(task);
    }
    alike.sort(Comparator.comparing(Task::getId));
    ordered.addAll(alike);
    return ordered;
  }

  private static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }
}
