package org.unodc.uponrequest.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
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

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  SharedTaskFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createMissing() {
    // first in the list, so Tasklist opens on it: what I have claimed and what my groups may take, together
    create(MY_WORK, "My tasks and my groups' tasks together", -20,
        taskService.createTaskQuery().or().taskAssigneeExpression("${currentUser()}")
            .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().endOr());
    create(MY_TASKS, "Tasks assigned to me", -10,
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    create(MY_GROUPS, "Unclaimed and claimed tasks of my groups (office, section or member state)", -5,
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    create(OVERDUE, "Open tasks past their due date", 0,
        taskService.createTaskQuery().dueBeforeExpression("${now()}"));
    create(HIGH_PRIORITY, "Tasks of HIGH priority requests and CRITICAL submissions", 5,
        taskService.createTaskQuery().taskMinPriority(HIGH_PRIORITY_THRESHOLD));
  }

  private void create(String name, String description, int order, TaskQuery query) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filterService.newTaskFilter(name)
        .setQuery(query.orderByTaskPriority().desc().orderByDueDate().asc())
        .setProperties(properties(description, order));
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
