package org.unodc.uponrequest.referencedata;

/** What a partner organisation is (seeds/partner-organisations.csv). */
public enum PartnerKind {
  /** Regional intergovernmental organisation; its UN member states are listed. */
  REGIONAL_ORGANISATION,
  /** UN Secretariat entity, fund, programme, specialized agency or related organization. */
  UN_SYSTEM,
  /** Intergovernmental organisation outside the UN system (INTERPOL, FATF, WCO). */
  INTERNATIONAL_ORGANISATION
}
