package org.unodc.uponrequest.portal;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A request as one member state sees it: the lead state every state-visible field, a co-requesting
 * state what the request shares with participants; each co-requesting state's answer to the lead
 * state, and to others only who takes part; and the tasks that wait on the asking state.
 */
record RequestForState(String referenceNumber, String yourState, StateRole yourRole, RequestStatus status, Date filedAt,
    Date closedAt, Date lastChange, Map<String, Object> fields, List<Participant> coRequestingStates, List<Task> waitingOnYou,
    List<RequestHistory.Moment> timeline, List<Action> actions) {

  /** What the state may do with the request now, and where: e.g. ANSWER by POST to .../answers. */
  record Action(String action, String method, String href) {}

  /**
   * A co-requesting state and its answer: NOT_YET_ASKED (before screening), AWAITING_ANSWER, YES,
   * NO or NO_ANSWER (the deadline passed). Remarks only for the lead state and the state itself.
   */
  record Participant(String state, String name, String answer, String remarks) {}

  /** A task of the asking state's focal points on this request; {@code step} is its element id in the process. */
  record Task(String id, String step, String name, Date created, Date due) {}
}
