package org.unodc.uponrequest.referencedata;

/** Participation of a member state in an instrument. */
public enum RatificationStatus {
  /** Bound by an instrument in force. */
  PARTY,
  /** Signed, not yet bound. */
  SIGNATORY,
  NOT_PARTY,
  /**
   * Has deposited its instrument of ratification, acceptance, approval or accession (or succeeded),
   * but the instrument is not yet in force, so the state is not yet a party.
   */
  CONSENTED;

  /**
   * Whether the state still has to ratify or accede (GA 64/179 para 16). A signatory has not yet
   * consented to be bound, so it counts as a gap just like a non-party; a state that has consented
   * to an instrument not yet in force has nothing left to do.
   */
  public boolean isGap() {
    return this == SIGNATORY || this == NOT_PARTY;
  }
}
