package org.unodc.uponrequest.metrics.history;

import java.util.List;
import org.unodc.uponrequest.process.Outcome;
import org.unodc.uponrequest.process.Stage;

/**
 * One move of a request through the process, in one transaction of the engine: what triggers it,
 * the sequence flows it takes in the order the engine takes them, the stages it reaches, the waits
 * it ends and begins, and the outcome if the request ends here. Steps are data (see {@link Paths});
 * {@code PathTemplatesTest} drives each through the real engine and checks the projection wrote
 * exactly this.
 *
 * @param trigger what moves the request on
 * @param element the task completed or the timer that fired (null for a filing or a withdrawal)
 * @param decision what the person decided in the task's form (e.g. ACCEPT), null where nothing is decided
 * @param ends waits ended besides a completed task (an interrupting timer's task, the delivery sub-process)
 */
record Step(Trigger trigger, String element, String decision, List<String> flows, List<Stage> stages,
    List<Wait> ends, List<Wait> begins, Outcome outcome) {

  enum Trigger {
    /** the request is filed and registered */
    FILED,
    /** a person completes the task {@link #element} */
    COMPLETED,
    /** the timer event {@link #element} fires */
    TIMER,
    /** one co-requesting state's participation ends (it answered, or its deadline passed) */
    PARTICIPATION_SETTLED,
    /** the member state withdraws the request: every wait ends */
    WITHDRAWN
  }

  Step {
    flows = List.copyOf(flows);
    stages = List.copyOf(stages);
    ends = List.copyOf(ends);
    begins = List.copyOf(begins);
  }

  /** A person completes a task: it ends, and counts as a task completed in the stage the request is in. */
  static Step completed(Wait task, String decision, List<String> flows, List<Stage> stages, List<Wait> begins) {
    return new Step(Trigger.COMPLETED, task.activity(), decision, flows, stages, List.of(task), begins, null);
  }

  /** A task completed that ends the request. */
  static Step completedAndEnded(Wait task, String decision, List<String> flows, Outcome outcome) {
    return new Step(Trigger.COMPLETED, task.activity(), decision, flows, List.of(Stage.CLOSED), List.of(task), List.of(),
        outcome);
  }

  /** The task completed by this step, if a person completed one. */
  Wait completedTask() {
    return trigger == Trigger.COMPLETED ? ends.get(0) : null;
  }

  boolean endsRequest() {
    return outcome != null;
  }
}
