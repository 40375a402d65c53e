package org.unodc.uponrequest.consultation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.process.VariableValues;

/**
 * Answers the consultation gateway: is the section with this code among those the request's
 * thematic areas require (registration derives them from seeds/thematic-areas.csv)?
 * Public because the BPMN calls it through an expression.
 */
@Component("consultations")
public class Consultations {

  public boolean required(DelegateExecution execution, String sectionCode) {
    return VariableValues.strings(execution.getVariable(ProcessVariables.REQUIRED_CONSULTATIONS))
        .contains(sectionCode);
  }
}
