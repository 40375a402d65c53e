package org.unodc.uponrequest.process;

/** How a request ended; set by the end events of the process. */
public enum Outcome {
  COMPLETED, DECLINED, WITHDRAWN, WITHDRAWN_NO_ANSWER, CLOSED_UNFUNDED
}
