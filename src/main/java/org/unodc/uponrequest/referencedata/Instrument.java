package org.unodc.uponrequest.referencedata;

/**
 * A convention or protocol (seeds/instruments.csv).
 *
 * @param treatyReference UN Treaty Collection chapter reference, e.g. "XVIII-12-a"
 */
public record Instrument(String code, String shortName, String title, String treatyReference, InstrumentFamily family) {}
