package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.unodc.uponrequest.process.ProcessTestSupport;
import org.unodc.uponrequest.process.ProcessVariables;

/**
 * The row-by-row shape of Camunda's check ({@link AuthorizationChecksAtScale}) gives the same
 * answers as its join: the variables and tasks a query names are those the same user finds
 * without naming them, for every kind of user, with a task of another group, and with a revocation.
 * The shape is switched on PostgreSQL only ({@link AuthorizationChecksAtScaleOnPostgresTest}).
 */
class AuthorizationChecksAtScaleTest extends ProcessTestSupport {

  private static final Map<String, List<String>> USERS = new LinkedHashMap<>();

  static {
    List.of("intake", "office.nairobi", "office.vienna", "manager", "ken.focal")
        .forEach(user -> USERS.put(user, DEMO_ACCOUNT_GROUPS.get(user)));
    USERS.put("nobody", List.of("no-such-group"));
  }

  private static final String TASK_LOCAL = "aTaskLocalVariable";
  /** The variables Tasklist's shared filters show, one they do not, and one of the task's own. */
  private static final String[] NAMES = {ProcessVariables.REFERENCE_NUMBER, ProcessVariables.TITLE,
      ProcessVariables.MEMBER_STATE_NAME, ProcessVariables.PRIORITY_BAND, ProcessVariables.THEMATIC_AREAS, TASK_LOCAL};


  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AuthorizationService authorizationService;

  private final List<Task> tasks = new ArrayList<>();

  @BeforeEach
  void screeningTasksOfSeveralStatesSomeMovedToAnOffice() {
    // the moved tasks in the offices' own regions: Kenya's in Nairobi's, Poland's in Vienna's
    List<String> states = List.of("COL", "KEN", "AFG", "POL");
    for (int n = 0; n < 8; n++) {
      String instance = submit(states.get(n % states.size()), "CORRUPTION").getId();
      Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
      if (n % 2 == 1) {
        taskService.deleteCandidateGroup(task.getId(), "hq-intake");
        taskService.addCandidateGroup(task.getId(), n % 4 == 1 ? "office-ROEA" : "office-HQVIE");
      }
      taskService.setVariableLocal(task.getId(), TASK_LOCAL, "a task's own variable");
      tasks.add(task);
    }
  }

  @AfterEach
  void signOut() {
    identityService.clearAuthentication();
  }

  @Test
  void variablesNamedByTheirTasksScopesAreThoseTheUserFindsWithoutNamingThem() {
    for (String user : USERS.keySet()) {
      signIn(user);
      assertThat(ids(namedVariables())).as("variables named by scope, as %s", user)
          .containsExactlyInAnyOrderElementsOf(ids(unnamedVariablesOfTheTasks()));
    }
    signIn("intake");
    assertThat(namedVariables()).as("intake reads the variables of its own tasks").isNotEmpty();
    signIn("office.nairobi");
    assertThat(namedVariables()).as("Nairobi reads its task's own variable").extracting(VariableInstance::getName)
        .containsOnly(TASK_LOCAL);
    signIn("nobody");
    assertThat(namedVariables()).as("a user without grants reads none").isEmpty();
  }

  @Test
  void tasksOfAGroupAreThoseTheUserFindsWithoutNamingTheGroup() {
    for (String user : USERS.keySet()) {
      for (String group : List.of("hq-intake", "office-ROEA", "office-HQVIE")) {
        signIn(user);
        List<String> byGroup = taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().list()
            .stream().map(Task::getId).toList();
        identityService.clearAuthentication();
        List<String> groupsTasks = taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().list()
            .stream().map(Task::getId).toList();
        signIn(user);
        List<String> readable = taskService.createTaskQuery().list().stream().map(Task::getId)
            .filter(groupsTasks::contains).toList();
        assertThat(byGroup).as("tasks of %s, as %s", group, user).containsExactlyInAnyOrderElementsOf(readable);
      }
    }
  }

  @Test
  void tasksNamedByIdAreThoseTheUserFindsWithoutNamingThem() {
    for (String user : USERS.keySet()) {
      signIn(user);
      List<String> named = taskService.createTaskQuery().taskIdIn(taskIds()).list().stream().map(Task::getId).toList();
      List<String> unnamed = taskService.createTaskQuery().list().stream().map(Task::getId)
          .filter(Set.of(taskIds())::contains).toList();
      assertThat(named).as("tasks named by id, as %s", user).containsExactlyInAnyOrderElementsOf(unnamed);
      for (String id : taskIds()) {
        assertThat(taskService.createTaskQuery().taskId(id).count()).as("task %s alone, as %s", id, user)
            .isEqualTo(unnamed.contains(id) ? 1 : 0);
      }
    }
  }

  @Test
  void aRevokedTaskAndItsVariablesStayHiddenWhenNamed() {
    Task revoked = tasks.stream().filter(task -> taskService.getIdentityLinksForTask(task.getId()).stream()
        .anyMatch(link -> "office-ROEA".equals(link.getGroupId()))).findFirst().orElseThrow();
    signIn("office.nairobi");
    assertThat(namedVariables()).as("Nairobi reads its task's own variable before the revocation")
        .extracting(VariableInstance::getTaskId).contains(revoked.getId());
    identityService.clearAuthentication();
    Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(revoked.getId());
    // on the user: Camunda lets a group's grant win over the same group's revocation
    revoke.setUserId("office.nairobi");
    revoke.removePermission(Permissions.READ);
    authorizationService.saveAuthorization(revoke);
    try {
      signIn("office.nairobi");
      assertThat(taskService.createTaskQuery().taskIdIn(taskIds()).list()).extracting(Task::getId)
          .doesNotContain(revoked.getId()).isNotEmpty();
      assertThat(namedVariables()).extracting(VariableInstance::getTaskId).doesNotContain(revoked.getId());
      assertThat(ids(namedVariables())).containsExactlyInAnyOrderElementsOf(ids(unnamedVariablesOfTheTasks()));
    } finally {
      identityService.clearAuthentication();
      authorizationService.deleteAuthorization(revoke.getId());
    }
  }

  @Test
  void aTaskGrantedToEveryUserIsFoundWhenNamedAsWhenNot() {
    Task granted = tasks.stream().filter(task -> taskService.getIdentityLinksForTask(task.getId()).stream()
        .anyMatch(link -> "hq-intake".equals(link.getGroupId()))).findFirst().orElseThrow();
    signIn("office.vienna");
    assertThat(taskService.createTaskQuery().list()).as("Vienna's office before the grant")
        .extracting(Task::getId).doesNotContain(granted.getId());
    identityService.clearAuthentication();
    Authorization everyone = grantReadToEveryUser(granted.getId());
    try {
      signIn("office.vienna");
      assertThat(taskService.createTaskQuery().list()).as("Camunda's join counts a grant to every user")
          .extracting(Task::getId).contains(granted.getId());
      assertThat(taskService.createTaskQuery().taskIdIn(taskIds()).list()).as("named by id")
          .extracting(Task::getId).contains(granted.getId());
      assertThat(taskService.createTaskQuery().taskCandidateGroup("hq-intake").list()).as("named by group")
          .extracting(Task::getId).contains(granted.getId());
    } finally {
      identityService.clearAuthentication();
      authorizationService.deleteAuthorization(everyone.getId());
    }
  }

  @Test
  void onPostgresQueriesThatNameTheirRowsAreCheckedRowByRowOthersAndAllOnH2ByCamundasJoin() {
    signIn("office.nairobi");
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    boolean rowByRow = "postgres".equals(engine.getDatabaseType());
    engine.getCommandExecutorTxRequired().execute(context -> {
      var authorization = (AuthorizationChecksAtScale.ScaledAuthorizationManager) context.getAuthorizationManager();
      VariableInstanceQueryImpl named = new VariableInstanceQueryImpl();
      named.variableScopeIdIn(taskIds());
      authorization.configureVariableInstanceQuery(named);
      assertThat(named.getAuthCheck().isRevokeAuthorizationCheckEnabled()).as("variables by scope").isEqualTo(rowByRow);
      VariableInstanceQueryImpl unnamed = new VariableInstanceQueryImpl();
      unnamed.variableName("referenceNumber");
      authorization.configureVariableInstanceQuery(unnamed);
      assertThat(unnamed.getAuthCheck().isRevokeAuthorizationCheckEnabled()).as("variables by name only").isFalse();
      TaskQueryImpl byIds = new TaskQueryImpl();
      byIds.taskIdIn(taskIds());
      authorization.configureTaskQuery(byIds);
      assertThat(byIds.getAuthCheck().isRevokeAuthorizationCheckEnabled()).as("tasks by id").isEqualTo(rowByRow);
      TaskQueryImpl byGroups = new TaskQueryImpl();
      byGroups.taskCandidateGroupIn(List.of("office-ROEA", "office-CPP"));
      authorization.configureTaskQuery(byGroups);
      assertThat(byGroups.getAuthCheck().isRevokeAuthorizationCheckEnabled()).as("tasks by groups").isEqualTo(rowByRow);
      TaskQueryImpl byAssignee = new TaskQueryImpl();
      byAssignee.taskAssignee("office.nairobi");
      authorization.configureTaskQuery(byAssignee);
      assertThat(byAssignee.getAuthCheck().isRevokeAuthorizationCheckEnabled()).as("tasks by assignee").isEqualTo(rowByRow);
      TaskQueryImpl everyTask = new TaskQueryImpl();
      everyTask.taskPriority(50);
      authorization.configureTaskQuery(everyTask);
      assertThat(everyTask.getAuthCheck().isRevokeAuthorizationCheckEnabled()).as("tasks by priority").isFalse();
      return null;
    });
  }

  /** As Tasklist's list asks for its filter's variables: by the page's tasks, executions and instances. */
  private List<VariableInstance> namedVariables() {
    return runtimeService.createVariableInstanceQuery().variableNameIn(NAMES).variableScopeIdIn(scopes())
        .disableBinaryFetching().disableCustomObjectDeserialization().list();
  }

  private List<VariableInstance> unnamedVariablesOfTheTasks() {
    Set<String> scopes = Set.of(scopes());
    return runtimeService.createVariableInstanceQuery().variableNameIn(NAMES)
        .disableBinaryFetching().disableCustomObjectDeserialization().list().stream()
        .filter(variable -> scopes.contains(((VariableInstanceEntity) variable).getVariableScopeId())).toList();
  }

  private String[] scopes() {
    return tasks.stream().flatMap(task -> Stream.of(task.getId(), task.getExecutionId(), task.getProcessInstanceId()))
        .distinct().toArray(String[]::new);
  }

  private String[] taskIds() {
    return tasks.stream().map(Task::getId).toArray(String[]::new);
  }

  private static List<String> ids(List<VariableInstance> variables) {
    return variables.stream().map(VariableInstance::getId).toList();
  }

  private void signIn(String user) {
    signInAs(user, USERS.get(user));
  }
}
