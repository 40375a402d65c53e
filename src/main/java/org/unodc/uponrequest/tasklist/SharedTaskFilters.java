package org.unodc.uponrequest.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.ProcessVariables;

/**
 * The Tasklist filters every officer shares: my work (mine and my groups' together, the one Tasklist
 * opens on), my tasks, my groups, overdue, high priority.
 * Created at start-up when missing (by name), so restarts and several nodes do not duplicate
 * them, and readable by every user.
 */
@Component
class SharedTaskFilters {

  static final String MY_WORK = "My work";
  static final String MY_TASKS = "My tasks";
  static final String MY_GROUPS = "My groups' tasks";
  static final String OVERDUE = "Overdue";
  static final String HIGH_PRIORITY = "High priority";
  static final int HIGH_PRIORITY_THRESHOLD = 70;

  /** The tasks one of the user's groups is a candidate for. */
  private static final String OF_MY_GROUPS =
      "SELECT I.TASK_ID_ FROM ACT_RU_IDENTITYLINK I WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ IN (:groups)";
  /**
   * The tasks the user or their groups hold READ on by a grant or global authorization of the task
   * itself: all a user may read when the lists are answered from the indexes, and where a list of
   * all readable tasks starts (no index serves a due date or priority over every task). One part per
   * index and value (group; type and user): H2 seeks an IN or an OR on an index's first column only.
   */
  private static final String READABLE = readable("A.GROUP_ID_ IN (:groups) AND A.TYPE_ IN (0, 1)")
      + " UNION ALL " + readable("A.TYPE_ = 1 AND A.USER_ID_ = :user")
      + " UNION ALL " + readable("A.TYPE_ = 0 AND A.USER_ID_ = :user")
      + " UNION ALL " + readable("A.TYPE_ = 1 AND A.USER_ID_ = '*'")
      + " UNION ALL " + readable("A.TYPE_ = 0 AND A.USER_ID_ = '*'");

  /** Tasks (resource type 7) whose authorization A gives READ (bit 2) and meets the condition. */
  private static String readable(String condition) {
    return "SELECT A.RESOURCE_ID_ AS TASK_ID_ FROM ACT_RU_AUTHORIZATION A WHERE " + condition
        + " AND A.RESOURCE_TYPE_ = 7 AND MOD(A.PERMS_ / 2, 2) = 1";
  }

  /**
   * A filter's query as SQL, for {@link SharedFilterPages}: the ids of the tasks to start from
   * (a column TASK_ID_, a task possibly more than once; null: every task), a condition on the task
   * (RES; null: none), and whether the ids are of readable tasks only, so need no check of READ.
   * {@code kept}: how the same tasks are read from the kept lists (KeptTaskList); null when they are not.
   */
  record FastList(String tasks, String condition, boolean readable, Kept kept) {

    FastList(String tasks, String condition, boolean readable) {
      this(tasks, condition, readable, null);
    }
  }

  /**
   * A filter's tasks in the kept lists: its kind, and its condition on the kept copy of the task's
   * columns (X; null: none) with the index that counts what meets it.
   */
  record Kept(Kind kind, String condition, String countIndex) {

    enum Kind {
      /** The user's groups' candidate rows. */
      CANDIDATES,
      /** The same and the user's own assigned tasks. */
      CANDIDATES_AND_ASSIGNED,
      /** All the user's groups' rows and the user's own rows: every task their own grants let them read. */
      READABLE
    }
  }

  /**
   * Each filter's query below as SQL, for {@link SharedFilterPages}: the same tasks, found from
   * their indexes. SharedFilterPagesTest holds each to Camunda's own answer.
   */
  static final Map<String, FastList> FAST_LISTS = Map.of(
      MY_WORK, new FastList(OF_MY_GROUPS + " UNION ALL SELECT T.ID_ FROM ACT_RU_TASK T WHERE T.ASSIGNEE_ = :user",
          null, false, new Kept(Kept.Kind.CANDIDATES_AND_ASSIGNED, null, null)),
      MY_TASKS, new FastList(null, "RES.ASSIGNEE_ = :user", false),
      MY_GROUPS, new FastList(OF_MY_GROUPS, null, false, new Kept(Kept.Kind.CANDIDATES, null, null)),
      OVERDUE, new FastList(READABLE, "RES.DUE_DATE_ < :now", true,
          new Kept(Kept.Kind.READABLE, "X.DUE_DATE_ < :now", "DUE")),
      HIGH_PRIORITY, new FastList(READABLE, "RES.PRIORITY_ >= " + HIGH_PRIORITY_THRESHOLD, true,
          new Kept(Kept.Kind.READABLE, "X.PRIORITY_ >= " + HIGH_PRIORITY_THRESHOLD, "PRIORITY")));

  private final FilterService filterService;
  private final AuthorizationService authorizationService;

  SharedTaskFilters(FilterService filterService, AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.authorizationService = authorizationService;
  }

  /** A shared filter: its name, what Tasklist shows of it, and its query in Camunda's terms. */
  record Definition(String name, String description, int order, TaskQuery query) {}

  /** The shared filters, in Tasklist's order; each query ordered by priority, then due date. */
  static List<Definition> definitions() {
    return List.of(
        // first in the list, so Tasklist opens on it: what I have claimed and what my groups may take, together
        new Definition(MY_WORK, "My tasks and my groups' tasks together", -20,
            new TaskQueryImpl().or().taskAssigneeExpression("${currentUser()}")
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().endOr()),
        new Definition(MY_TASKS, "Tasks assigned to me", -10, new TaskQueryImpl().taskAssigneeExpression("${currentUser()}")),
        new Definition(MY_GROUPS, "Unclaimed and claimed tasks of my groups (office, section or member state)", -5,
            new TaskQueryImpl().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()),
        new Definition(OVERDUE, "Open tasks past their due date", 0, new TaskQueryImpl().dueBeforeExpression("${now()}")),
        new Definition(HIGH_PRIORITY, "Tasks of HIGH priority requests and CRITICAL submissions", 5,
            new TaskQueryImpl().taskMinPriority(HIGH_PRIORITY_THRESHOLD)))
        .stream().map(definition -> new Definition(definition.name(), definition.description(), definition.order(),
            definition.query().orderByTaskPriority().desc().orderByDueDate().asc()))
        .toList();
  }

  @EventListener(ApplicationReadyEvent.class)
  void createMissing() {
    definitions().forEach(this::create);
  }

  private void create(Definition definition) {
    if (filterService.createFilterQuery().filterName(definition.name()).count() > 0) {
      return;
    }
    Filter filter = filterService.newTaskFilter(definition.name())
        .setQuery(definition.query())
        .setProperties(properties(definition.description(), definition.order()));
    filterService.saveFilter(filter);
    Authorization readByAll = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    readByAll.setResource(Resources.FILTER);
    readByAll.setResourceId(filter.getId());
    readByAll.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(readByAll);
  }

  private static Map<String, Object> properties(String description, int order) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", order);
    properties.put("refresh", true);
    properties.put("variables", List.of(
        variable(ProcessVariables.REFERENCE_NUMBER, "Reference"),
        variable(ProcessVariables.TITLE, "Request"),
        variable(ProcessVariables.MEMBER_STATE_NAME, "Member state"),
        variable(ProcessVariables.PRIORITY_BAND, "Priority")));
    return properties;
  }

  private static Map<String, String> variable(String name, String label) {
    return Map.of("name", name, "label", label);
  }
}
