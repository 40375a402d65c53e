package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;

/**
 * A member state's para 24 status with its source (seeds/country-classification.csv).
 *
 * @param asOf publication date of the classification used
 */
public record CountryClassification(
    String iso3, Para24Status status, ClassificationBasis basis, LocalDate asOf, String source) {}
