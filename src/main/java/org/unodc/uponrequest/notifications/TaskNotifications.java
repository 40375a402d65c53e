package org.unodc.uponrequest.notifications;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.EveryUserTaskListener;

/**
 * Mails when a user task is created, in every process: to the state for a state's step, to the
 * members of its candidate groups otherwise. Installed by {@code process.UserTaskListeners} after
 * the task defaults (it quotes the due date they set) and the access grant.
 */
@Component
@Order(3)
class TaskNotifications implements EveryUserTaskListener {

  private final Notifications notifications;

  TaskNotifications(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public String event() {
    return EVENTNAME_CREATE;
  }

  @Override
  public void notify(DelegateTask task) {
    notifications.taskCreated(task);
  }
}
