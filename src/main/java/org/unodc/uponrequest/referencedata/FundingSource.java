package org.unodc.uponrequest.referencedata;

/** A source of funding for a request (seeds/funding-sources.csv). */
public record FundingSource(String code, String label, boolean requiresDonor) {}
