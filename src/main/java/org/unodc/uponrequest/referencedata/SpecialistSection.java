package org.unodc.uponrequest.referencedata;

/**
 * A UNODC specialist section consulted on requests in its field (seeds/specialist-sections.csv).
 *
 * @param consultedBodies outside bodies the section consults (CTED for terrorism), or {@code null}
 */
public record SpecialistSection(String code, String name, String candidateGroup, String consultedBodies) {}
