package org.unodc.uponrequest.referencedata;

/** Participation of a member state in an instrument. */
public enum RatificationStatus {
  PARTY,
  SIGNATORY,
  NOT_PARTY;

  /** A signatory has not yet consented to be bound, so it counts as a gap just like a non-party. */
  public boolean isGap() {
    return this != PARTY;
  }
}
