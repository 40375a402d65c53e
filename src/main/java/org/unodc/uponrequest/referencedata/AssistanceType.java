package org.unodc.uponrequest.referencedata;

/** A kind of technical assistance (seeds/assistance-types.csv). */
public record AssistanceType(String code, String label, String description) {}
