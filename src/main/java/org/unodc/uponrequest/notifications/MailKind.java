package org.unodc.uponrequest.notifications;

/** What a mail is about; each has a subject and a body in {@code i18n/mails*.properties} ({@code mail.<key>.*}). */
public enum MailKind {
  /** to the lead state: the request is registered, with its reference number */
  RECEIVED("received"),
  /** to the lead state: HQ intake asks a question (Provide clarification) */
  QUESTION("question"),
  /** to the lead state's focal points: the question is still open, the request is withdrawn without an answer by the deadline */
  REMINDER("reminder"),
  /** to the lead state: strategic planning asks for a revised request (Revise the request) */
  REVISION("revision"),
  /** to the lead state: an office accepted the request, delivery begins */
  ASSIGNED("assigned"),
  /** to the lead state: the request ended (completed, declined, withdrawn, unfunded) */
  CLOSED("closed"),
  /** to a co-requesting state: confirm taking part in a regional request */
  PARTICIPATION("participation"),
  /** to the lead state: give feedback on the assistance */
  FEEDBACK("feedback"),
  /** to a state: any other step that waits for it */
  STATE_TASK("stateTask"),
  /** to managers: the screening of a request is overdue (Follow up overdue screening) */
  SCREENING_OVERDUE("screeningOverdue"),
  /** to officers: a task reached their group */
  TASK("task"),
  /** to staff: a task of a process that is not a request reached their group (e.g. reviewing the implementation report) */
  PROCESS_TASK("processTask");

  private final String key;

  MailKind(String key) {
    this.key = key;
  }

  /** The middle part of its message keys. */
  public String key() {
    return key;
  }
}
