package org.unodc.uponrequest.reporting;

import java.util.Set;

/**
 * Keys and element ids of the report's processes ({@code bpmn/annual-implementation-report.bpmn})
 * that code and tests refer to: the report itself, and the yearly schedule that starts it.
 */
public final class ReportProcess {

  public static final String PROCESS_KEY = "annual-implementation-report";
  /** Its timer asks for the report on the previous calendar year, by the message below. */
  public static final String SCHEDULE_PROCESS_KEY = "annual-implementation-report-schedule";
  /** Both belong to no member state (security.MemberStateTenantIdProvider) and only managers are granted them. */
  public static final Set<String> PROCESS_KEYS = Set.of(PROCESS_KEY, SCHEDULE_PROCESS_KEY);
  static final String YEARLY_REPORT_DUE_MESSAGE = "YearlyImplementationReportDue";

  static final String REPORT_REQUESTED = "StartEvent_ReportRequested";
  static final String YEARLY_REPORT_DUE = "StartEvent_YearlyReportDue";
  static final String CHECK_REPORT_PERIOD = "Activity_CheckReportPeriod";
  static final String COMPILE_FIGURES = "Activity_CompileFigures";
  static final String REVIEW_REPORT = "Activity_ReviewReport";
  static final String REVIEW_OUTCOME = "Gateway_ReviewOutcome";
  static final String PUBLISH_REPORT = "Activity_PublishReport";
  static final String REPORT_PUBLISHED = "EndEvent_ReportPublished";

  static final String YEAR_ARRIVED = "StartEvent_YearArrived";
  static final String ASK_FOR_YEARLY_REPORT = "Activity_AskForYearlyReport";
  static final String YEARLY_REPORT_ASKED = "EndEvent_YearlyReportAsked";

  /** The start form (a manager's period) and the review's form, in forms/. */
  static final String PERIOD_FORM = "report-period";
  static final String REVIEW_FORM = "review-report";

  private ReportProcess() {}
}
