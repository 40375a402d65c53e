package org.unodc.uponrequest.metrics.history;

/**
 * A wait state a request can be in, as the metrics projection records it in {@code UR_METRIC_WAIT}:
 * a user task (with the deadline its due date comes from, the task's {@code deadline} or {@code stage}
 * property in the BPMN), or a timer, call activity or sub-process (no due date).
 *
 * @param activity the BPMN element id
 * @param deadline the name in {@code uponrequest.deadlines} a task's due date is computed from; null for other waits
 */
record Wait(String activity, boolean task, String deadline) {

  static Wait task(String activity, String deadline) {
    return new Wait(activity, true, deadline);
  }

  static Wait other(String activity) {
    return new Wait(activity, false, null);
  }
}
