package org.unodc.uponrequest.notifications;

import java.util.Comparator;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What a mail quotes of a request's other open steps, when the moment that causes it is not that
 * step: the clarification task a reminder points to, the timer that withdraws the request, the
 * screening that is overdue. Read in the step's command ({@link Privileged}).
 */
@Component
class OpenSteps {

  private final TaskService taskService;
  private final ManagementService managementService;

  OpenSteps(@Lazy TaskService taskService, @Lazy ManagementService managementService) {
    this.taskService = taskService;
    this.managementService = managementService;
  }

  /** The open task of this element in the process instance, if there is one. */
  Optional<Task> task(String processInstanceId, String taskDefinitionKey) {
    return Privileged.lookup(() -> taskService.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(taskDefinitionKey).list().stream().findFirst());
  }

  /** When the waiting timer of this element (e.g. a boundary event) fires, if one waits. */
  Optional<Date> timer(String processInstanceId, String activityId) {
    return Privileged.lookup(() -> managementService.createJobQuery().processInstanceId(processInstanceId)
        .activityId(activityId).timers().list().stream().map(Job::getDuedate).filter(Objects::nonNull)
        .min(Comparator.naturalOrder()));
  }
}
