package org.unodc.uponrequest.portal;

import java.util.Date;

/**
 * A request in a state's list: what any state that sees it may read, and how many of the
 * state's tasks wait on it. {@code closedAt} is null while open.
 */
record RequestSummary(String referenceNumber, StateRole yourRole, String title, String leadState, String leadStateName,
    String stage, RequestStatus status, String outcome, String priorityBand, String assignedOffice, Date filedAt,
    Date closedAt, Date lastChange, int waitingOnYou) {}
