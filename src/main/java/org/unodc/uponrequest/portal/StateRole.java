package org.unodc.uponrequest.portal;

/** How a member state stands to a request, which decides what of it the state sees. */
public enum StateRole {
  /** The state filed the request (its tenant): sees every state-visible field and every participant's answer. */
  LEAD,
  /** A co-requesting state that confirmed taking part: sees the request as shared, and its own answer. */
  PARTICIPANT,
  /** A co-requesting state asked to confirm and not yet answered: sees the request as shared, to decide. */
  INVITED
}
