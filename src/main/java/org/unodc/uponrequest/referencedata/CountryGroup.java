package org.unodc.uponrequest.referencedata;

/** UN country groups with special needs (seeds/country-groups.csv). */
public enum CountryGroup {
  /** Least developed countries (UN list, CDP / UN DESA). */
  LDC,
  /** Landlocked developing countries (UN-OHRLLS). */
  LLDC,
  /** Small island developing States (UN-OHRLLS). */
  SIDS
}
