package org.unodc.uponrequest.process;

/** Keys and element ids of the request process that code and tests refer to. */
public final class TechnicalAssistanceProcess {

  public static final String PROCESS_KEY = "technical-assistance-request";
  /** One co-requesting state's confirmation, called by a regional request (same business key). */
  public static final String PARTICIPATION_PROCESS_KEY = "regional-participation";
  public static final String WITHDRAWAL_MESSAGE = "RequestWithdrawal";
  /** The form whose fields a withdrawal carries (the property "form" of the withdrawal's start event). */
  public static final String WITHDRAWAL_FORM = "withdraw-request";
  public static final String WITHDRAWAL_RECEIVED = "StartEvent_WithdrawalReceived";
  public static final String PRIORITY_DECISION = "priority-assessment";
  public static final String OFFICE_ASSIGNMENT_DECISION = "regional-office-assignment";

  public static final String START = "StartEvent_RequestSubmitted";
  public static final String REGISTER_REQUEST = "Activity_RegisterRequest";
  public static final String SCREEN_REQUEST = "Activity_ScreenRequest";
  public static final String SCREENING_OVERDUE = "Event_ScreeningOverdue";
  public static final String FOLLOW_UP_OVERDUE_SCREENING = "Activity_FollowUpOverdueScreening";
  public static final String PROVIDE_CLARIFICATION = "Activity_ProvideClarification";
  public static final String CLARIFICATION_REMINDER_DUE = "Event_ClarificationReminderDue";
  /** Where the reminder's path ends, after "Remind the focal points": the reminder mail hooks in here. */
  public static final String REMINDER_SENT = "EndEvent_ReminderSent";
  public static final String CLARIFICATION_DEADLINE = "Event_ClarificationDeadline";
  /** The decisions run asynchronously, with retries: one that fails is an incident in Cockpit, not the officer's error. */
  public static final String ASSESS_PRIORITY = "Activity_AssessPriority";
  public static final String ASSIGN_OFFICE = "Activity_AssignOffice";
  public static final String REVIEW_PRIORITY = "Activity_ReviewPriority";
  public static final String CONSULT_TERRORISM_PREVENTION = "Activity_ConsultTerrorismPrevention";
  public static final String CONSULT_MONEY_LAUNDERING = "Activity_ConsultMoneyLaundering";
  public static final String CONSULT_COUNTER_PIRACY = "Activity_ConsultCounterPiracy";
  public static final String CONSULT_TRAFFICKING_SMUGGLING = "Activity_ConsultTraffickingSmuggling";
  public static final String CONSULT_FIREARMS = "Activity_ConsultFirearms";
  public static final String ADVICE_AGAINST = "Gateway_AdviceAgainst";
  public static final String DECIDE_ON_NEGATIVE_ADVICE = "Activity_DecideOnNegativeAdvice";
  public static final String REVISE_REQUEST = "Activity_ReviseRequest";
  public static final String REVISION_DEADLINE = "Event_RevisionDeadline";
  public static final String CONFIRM_FUNDING = "Activity_ConfirmFunding";
  /** After "Not yet: keep in the pipeline": a re-check left (uponrequest.deadlines.max-funding-rechecks)? */
  public static final String RECHECK_LEFT = "Gateway_RecheckLeft";
  public static final String FUNDING_RECHECK_DUE = "Event_FundingRecheckDue";
  public static final String DECIDE_ON_ASSIGNMENT = "Activity_DecideOnAssignment";
  public static final String DELIVERY = "SubProcess_Delivery";
  public static final String PLAN_DELIVERY = "Activity_PlanDelivery";
  public static final String RECORD_ACTIVITY = "Activity_RecordActivity";
  /** The event sub-process of delivery a progress report is written in; it ends with delivery at the latest. */
  public static final String PROGRESS_REPORTING = "SubProcess_ProgressReport";
  /** Its non-interrupting timer start event, a bounded cycle (uponrequest.deadlines.progress-report-cycle). */
  public static final String PROGRESS_REPORT_DUE = "Event_ProgressReportDue";
  public static final String REPORT_PROGRESS = "Activity_ReportProgress";
  public static final String WRITE_FINAL_REPORT = "Activity_WriteFinalReport";
  public static final String GIVE_FEEDBACK = "Activity_GiveFeedback";
  public static final String FEEDBACK_DEADLINE = "Event_FeedbackDeadline";
  public static final String CLOSE_REQUEST = "Activity_CloseRequest";

  public static final String END_CLOSED = "EndEvent_RequestClosed";
  public static final String END_DECLINED = "EndEvent_RequestDeclined";
  public static final String END_WITHDRAWN = "EndEvent_RequestWithdrawn";
  public static final String END_WITHDRAWN_NO_ANSWER = "EndEvent_WithdrawnNoAnswer";
  public static final String END_CLOSED_UNFUNDED = "EndEvent_ClosedUnfunded";
  /** "Not yet" at the last look the funding pipeline allows: closed as unfunded too. */
  public static final String END_CLOSED_UNFUNDED_NO_RECHECK = "EndEvent_ClosedUnfundedNoRecheck";
  public static final String END_DECLINED_AFTER_ADVICE = "EndEvent_DeclinedAfterAdvice";
  public static final String END_WITHDRAWN_NO_REVISION = "EndEvent_WithdrawnNoRevision";

  private TechnicalAssistanceProcess() {}
}
