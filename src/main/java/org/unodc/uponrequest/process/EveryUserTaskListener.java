package org.unodc.uponrequest.process;

import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A task listener for every user task of every process, without a {@code camunda:taskListener}
 * in the models: a Spring bean implementing this is installed by {@link UserTaskListeners} when the
 * engine parses a process. Order among several with {@code @Order}.
 */
public interface EveryUserTaskListener extends TaskListener {

  /** The task event to listen to, e.g. {@link TaskListener#EVENTNAME_CREATE}. */
  String event();
}
