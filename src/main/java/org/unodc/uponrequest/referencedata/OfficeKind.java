package org.unodc.uponrequest.referencedata;

/** What an office is; only non-{@link #PROGRAMME} offices take part in geographic routing. */
public enum OfficeKind {
  HEADQUARTERS,
  REGIONAL,
  COUNTRY,
  LIAISON,
  /** A thematic programme (Counter Piracy Programme) that covers states in addition to their office. */
  PROGRAMME
}
