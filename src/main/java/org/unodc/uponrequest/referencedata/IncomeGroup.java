package org.unodc.uponrequest.referencedata;

/**
 * A member state's income group by GNI per capita (seeds/income-groups.csv): the World Bank's four
 * groups, which UN DESA's World Economic Situation and Prospects uses to group economies by income.
 * The priority decision reads only whether a state is {@link #HIGH}: a high-income economy keeps its
 * para 24 classification but collects no LDC, LLDC, SIDS or regional vulnerability points.
 */
public enum IncomeGroup {
  HIGH,
  UPPER_MIDDLE,
  LOWER_MIDDLE,
  LOW
}
