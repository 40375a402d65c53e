package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.CLARIFICATION_REMINDERS_SENT;

import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * Reminds the focal points that UNODC's question is still open: a comment on their clarification
 * task stating the deadline, and the task moves up their list. The reminder by e-mail is written
 * when this path reaches "Reminder sent" (notifications/NotificationHooks), not here.
 */
@Component("remindFocalPoints")
class RemindFocalPoints implements JavaDelegate {

  private final TaskService taskService;

  RemindFocalPoints(@Lazy TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Task task = taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(TechnicalAssistanceProcess.PROVIDE_CLARIFICATION)
        .singleResult();
    if (task == null) {
      return; // answered in the meantime
    }
    SimpleDateFormat day = new SimpleDateFormat("d MMMM yyyy", Locale.ENGLISH);
    day.setTimeZone(TimeZone.getTimeZone("UTC"));
    taskService.createComment(task.getId(), execution.getProcessInstanceId(),
        "Reminder: UNODC is waiting for your answer. Without an answer by "
            + day.format(task.getDueDate()) + " the request will be treated as withdrawn.");
    task.setPriority(Math.max(task.getPriority(), 70));
    taskService.saveTask(task);
    Integer sent = (Integer) execution.getVariable(CLARIFICATION_REMINDERS_SENT);
    execution.setVariable(CLARIFICATION_REMINDERS_SENT, sent == null ? 1 : sent + 1);
  }
}
