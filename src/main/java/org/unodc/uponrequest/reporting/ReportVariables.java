package org.unodc.uponrequest.reporting;

/**
 * Names of the variables of the report process. The forms' field keys are among them
 * (forms/report-period.form, forms/review-report.form).
 */
public final class ReportVariables {

  /** First and last day of the period, YYYY-MM-DD (UTC days): from the start form, or the previous year on the yearly timer. */
  public static final String PERIOD_FROM = "periodFrom";
  public static final String PERIOD_TO = "periodTo";
  /** The manager who asked for the report (camunda:initiator); none when the yearly timer started it. */
  public static final String REQUESTED_BY = "requestedBy";
  /** The report's row in UR_REPORT, its address /manager/reports/{reportId}. */
  public static final String REPORT_ID = "reportId";
  public static final String REPORT_TITLE = "reportTitle";
  /** The key figures in a few lines, for the review form. */
  public static final String REPORT_SUMMARY = "reportSummary";
  /** APPROVE or SEND_BACK (forms/review-report.form); read by the gateway "Approved?". */
  public static final String REVIEW_DECISION = "reviewDecision";
  /** Why the report goes back, required with SEND_BACK. */
  public static final String REVIEW_COMMENT = "reviewComment";
  /** The comment of the last send-back, which the new compilation answers (the next review shows it). */
  public static final String SENT_BACK_COMMENT = "sentBackComment";

  public static final String APPROVE = "APPROVE";
  public static final String SEND_BACK = "SEND_BACK";

  private ReportVariables() {}
}
