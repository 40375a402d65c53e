package org.unodc.uponrequest.referencedata;

/** The treaty family an instrument belongs to. */
public enum InstrumentFamily {
  UNTOC,
  UNCAC,
  TERRORISM
}
