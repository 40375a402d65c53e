package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;

/** Status of one member state for one instrument on a given date (seeds/ratifications.csv). */
public record Ratification(String state, String instrument, RatificationStatus status, LocalDate asOf, String source) {}
