package org.unodc.uponrequest.referencedata;

/** Whether a row of seeds/country-classification.csv is as published or a judgement. */
public enum ClassificationBasis {
  /** As published in the WESP tables. */
  WESP,
  /** The state is not in the published tables; the status is a judgement explained in the file. */
  CURATED
}
