package org.unodc.uponrequest.assignment;

import static org.unodc.uponrequest.process.ProcessVariables.ASSIGNED_OFFICE;
import static org.unodc.uponrequest.process.ProcessVariables.ASSIGNED_OFFICE_NAME;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** Sets the assigned office and its name together, checked against seeds/offices.csv. */
@Component
class OfficeAssignment {

  /** GA 64/179 assistance is coordinated from Vienna when no field office takes a request. */
  static final String FALLBACK_OFFICE = "HQVIE";

  private final ReferenceData referenceData;

  OfficeAssignment(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  void assign(DelegateExecution execution, String officeCode) {
    Office office = referenceData.office(officeCode)
        .orElseThrow(() -> new IllegalStateException("The office assignment rules returned '" + officeCode
            + "', which is not an office in seeds/offices.csv"));
    execution.setVariable(ASSIGNED_OFFICE, office.code());
    execution.setVariable(ASSIGNED_OFFICE_NAME, office.name());
  }
}
