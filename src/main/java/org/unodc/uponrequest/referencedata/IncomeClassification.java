package org.unodc.uponrequest.referencedata;

import java.time.LocalDate;

/**
 * A member state's income group with its source (seeds/income-groups.csv).
 *
 * @param asOf date from which the classification used is in effect
 */
public record IncomeClassification(String iso3, IncomeGroup incomeGroup, LocalDate asOf, String source) {

  public boolean highIncome() {
    return incomeGroup == IncomeGroup.HIGH;
  }
}
