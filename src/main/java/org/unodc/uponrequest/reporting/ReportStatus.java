package org.unodc.uponrequest.reporting;

/** Where a report stands (UR_REPORT.STATUS_). */
enum ReportStatus {
  /** compiled, waiting for a manager's review */
  DRAFT("Draft, waiting for review"),
  /** sent back by the reviewer with a comment; its figures are being compiled again */
  SENT_BACK("Sent back, being compiled again"),
  /** approved; being published */
  APPROVED("Approved, being published"),
  PUBLISHED("Published");

  private final String words;

  ReportStatus(String words) {
    this.words = words;
  }

  String words() {
    return words;
  }
}
