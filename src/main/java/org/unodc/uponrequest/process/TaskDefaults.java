package org.unodc.uponrequest.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives every new user task its due date (from the task's {@code deadline} property or its
 * {@code stage}, via {@link Deadlines}) and a priority from the request's priority band, or from
 * its urgency before the assessment. Installed on all user tasks by {@link UserTaskListeners}, first
 * of them (nothing else depends on it: the access grant after it reads only the candidate groups).
 */
@Component
@Order(1)
class TaskDefaults implements EveryUserTaskListener {

  static final int HIGH_PRIORITY = 80;
  static final int CRITICAL_URGENCY_PRIORITY = 75;

  private final Deadlines deadlines;

  TaskDefaults(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public String event() {
    return EVENTNAME_CREATE;
  }

  @Override
  public void notify(DelegateTask task) {
    var element = task.getBpmnModelElementInstance();
    ElementProperties.get(element, "deadline")
        .or(() -> ElementProperties.get(element, "stage"))
        .ifPresent(name -> task.setDueDate(deadlines.after(ClockUtil.getCurrentTime(), name)));
    task.setPriority(priority(task));
  }

  static int priority(DelegateTask task) {
    Object band = task.getVariable(ProcessVariables.PRIORITY_BAND);
    if (band != null) {
      return switch (band.toString()) {
        case "HIGH" -> HIGH_PRIORITY;
        case "MEDIUM" -> 50;
        default -> 20;
      };
    }
    Object urgency = task.hasVariable(ProcessVariables.CONFIRMED_URGENCY)
        ? task.getVariable(ProcessVariables.CONFIRMED_URGENCY) : task.getVariable(ProcessVariables.URGENCY);
    return switch (urgency == null ? "NORMAL" : urgency.toString()) {
      case "CRITICAL" -> CRITICAL_URGENCY_PRIORITY;
      case "HIGH" -> 60;
      case "LOW" -> 30;
      default -> 50;
    };
  }
}
