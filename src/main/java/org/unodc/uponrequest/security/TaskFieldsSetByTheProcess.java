package org.unodc.uponrequest.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.UponRequestCommandAccess;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * A request's task says what the process set on it: its name and description, its due date (the
 * stage deadlines of {@code uponrequest.deadlines}, which the Overdue filter and the managers'
 * on-time figures read), its priority and its place in no other task or case. An officer may
 * take it, hand it on and set its follow-up date (Tasklist saves the whole task for that), but a
 * save that changes any of the others is refused, whichever door it came through
 * ({@code PUT /task/{id}}). Administrators may.
 */
final class TaskFieldsSetByTheProcess {

  static <T> Command<T> guard(Command<T> command, EngineCaller caller) {
    if (caller.mayGoPastTheForms() || !(command instanceof SaveTaskCmd save)) {
      return command;
    }
    TaskEntity wanted = UponRequestCommandAccess.task(save);
    if (wanted == null || wanted.getId() == null) {
      return command; // a new stand-alone task: nothing the process set
    }
    return context -> {
      TaskEntity stored = context.getDbEntityManager().selectById(TaskEntity.class, wanted.getId());
      if (stored != null && stored.getProcessInstanceId() != null) {
        List<String> changed = changed(stored, wanted);
        if (!changed.isEmpty()) {
          throw new EngineDoorClosedException("The process sets a task's " + String.join(", ", changed)
              + "; an officer may take the task, hand it on and set its follow-up date");
        }
      }
      return command.execute(context);
    };
  }

  private static List<String> changed(TaskEntity stored, TaskEntity wanted) {
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(stored.getName(), wanted.getName())) {
      changed.add("name");
    }
    if (!Objects.equals(stored.getDescription(), wanted.getDescription())) {
      changed.add("description");
    }
    if (!sameInstant(stored.getDueDate(), wanted.getDueDate())) {
      changed.add("due date");
    }
    if (stored.getPriority() != wanted.getPriority()) {
      changed.add("priority");
    }
    if (!Objects.equals(stored.getParentTaskId(), wanted.getParentTaskId())) {
      changed.add("parent task");
    }
    if (!Objects.equals(stored.getCaseInstanceId(), wanted.getCaseInstanceId())) {
      changed.add("case");
    }
    return changed;
  }

  /** Dates compared by instant: a Timestamp read back and a Date sent again are not equals() otherwise. */
  private static boolean sameInstant(java.util.Date a, java.util.Date b) {
    return a == null ? b == null : b != null && a.getTime() == b.getTime();
  }

  private TaskFieldsSetByTheProcess() {}
}
