package org.unodc.uponrequest.process;

/** The stages of the "upon request" cycle, in order; {@link #CLOSED} once the request has ended. */
public enum Stage {
  INTAKE, ASSESSMENT, CONSULTATION, FUNDING, ASSIGNMENT, DELIVERY, REPORTING, CLOSED;

  /** GA 64/179 assistance is given upon request: the state may withdraw until delivery starts. */
  public boolean allowsWithdrawal() {
    return compareTo(DELIVERY) < 0;
  }
}
