package org.unodc.uponrequest.referencedata;

/** The treaty family an instrument belongs to. */
public enum InstrumentFamily {
  /** The Organized Crime Convention and its three Protocols. */
  UNTOC,
  UNCAC,
  /** The universal legal instruments against terrorism (19). */
  TERRORISM,
  /** The three international drug control conventions (1961 as amended, 1971, 1988). */
  DRUGS,
  /** The United Nations Convention against Cybercrime (2024). */
  CYBERCRIME
}
