package org.unodc.uponrequest.metrics.history;

/** How long people and states take: the time from when a wait began until someone ends it. */
interface Timing {

  /** Milliseconds until a person completes the task, or a state answers. */
  long duration(Wait wait);

  /** The same for an answer given before a deadline: less than {@code limit} milliseconds. */
  long within(Wait wait, long limit);
}
