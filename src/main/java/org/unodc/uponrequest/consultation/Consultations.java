package org.unodc.uponrequest.consultation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.intake.RequestFactsFromSeeds;

/**
 * Answers the consultation gateway: is the section with this code among those the request's
 * thematic areas require (seeds/thematic-areas.csv, looked up when the gateway is reached)?
 * Public because the BPMN calls it through an expression.
 */
@Component("consultations")
public class Consultations {

  private final RequestFactsFromSeeds facts;

  Consultations(RequestFactsFromSeeds facts) {
    this.facts = facts;
  }

  public boolean required(DelegateExecution execution, String sectionCode) {
    return facts.of(execution).requiredConsultations().contains(sectionCode);
  }
}
