package org.unodc.uponrequest.referencedata;

/**
 * Where a member state stands in GA 64/179 para 24 ("developing countries, countries with economies
 * in transition and those emerging from conflict"), by the UN World Economic Situation and Prospects
 * country classification (seeds/country-classification.csv). Emerging from conflict is a separate,
 * curated flag on {@link MemberState}.
 */
public enum Para24Status {
  /** WESP table A: developed economies. */
  DEVELOPED,
  /** WESP table B: economies in transition. */
  TRANSITION,
  /** WESP table C: developing economies. */
  DEVELOPING;

  /** Developing countries and economies in transition are the ones para 24 names. */
  public boolean namedInParagraph24() {
    return this != DEVELOPED;
  }
}
