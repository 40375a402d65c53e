package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;

/**
 * Status of one member state for one instrument on a given date (seeds/ratifications.csv).
 *
 * @param date date of the act behind the status (deposit of the instrument of ratification,
 *     accession..., or signature), {@code null} when not recorded or for a non-party
 * @param action that act, {@code null} when not recorded or for a non-party
 * @param asOf date of the status list the row was taken from
 */
public record Ratification(
    String state,
    String instrument,
    RatificationStatus status,
    LocalDate date,
    ConsentAction action,
    LocalDate asOf,
    String source) {}
