package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.unodc.uponrequest.process.VariableValues;

/**
 * Kenya's requests, filed and moved through the engine's Java API, so a browser test starts at
 * the task it is about.
 */
final class KenyaRequests {

  private final RepositoryService repositoryService;
  private final FormService formService;
  private final TaskService taskService;

  KenyaRequests(RepositoryService repositoryService, FormService formService, TaskService taskService) {
    this.repositoryService = repositoryService;
    this.formService = formService;
    this.taskService = taskService;
  }

  /** Files a request of Kenya's focal point, as the start form would, for these thematic areas. */
  ProcessInstance submit(String title, List<String> assistanceTypes, String... thematicAreas) {
    String definitionId = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS_KEY).latestVersion().singleResult().getId();
    return formService.submitStartForm(definitionId, startForm(title, assistanceTypes, thematicAreas));
  }

  /** The start form of one of Kenya's requests, filled in. */
  static VariableMap startForm(String title, List<String> assistanceTypes, String... thematicAreas) {
    return Variables.createVariables()
        .putValue(MEMBER_STATE, "KEN")
        .putValue(TITLE, title)
        .putValue(DESCRIPTION, "Training and advisory support for the national authorities named in the annex.")
        .putValueTyped(THEMATIC_AREAS, VariableValues.json(List.of(thematicAreas)))
        .putValueTyped(ASSISTANCE_TYPES, VariableValues.json(assistanceTypes))
        .putValue(ESTIMATED_BUDGET_USD, 250000)
        .putValue(URGENCY, "NORMAL")
        .putValue(REQUESTER_NAME, "Ms. Wanjiru Kamau, Office of the Director of Public Prosecutions")
        .putValue(REQUESTER_EMAIL, "wanjiru.kamau@example.org");
  }

  /** The request's open task at this activity; fails the test if there is none. */
  Task task(ProcessInstance pi, String activityId) {
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(activityId).singleResult();
    assertThat(task).as("open task " + activityId + " of " + pi.getBusinessKey()).isNotNull();
    return task;
  }
}
