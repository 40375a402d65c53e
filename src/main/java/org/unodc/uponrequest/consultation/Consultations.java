package org.unodc.uponrequest.consultation;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.intake.RequestFactsFromSeeds;

/**
 * Answers the consultation gateways: is the section with this code among those the request's
 * thematic areas require (seeds/thematic-areas.csv, looked up when the gateway is reached), and
 * did any required section advise against the request? Public because the BPMN calls it through
 * expressions.
 */
@Component("consultations")
public class Consultations {

  static final String NOT_SUPPORTED = "NOT_SUPPORTED";

  /** Each section's advice variable, by section code (seeds/specialist-sections.csv). */
  static final Map<String, String> ADVICE_BY_SECTION = Map.of(
      "TPB", TERRORISM_CONSULTATION,
      "GPML", MONEY_LAUNDERING_CONSULTATION,
      "CPP", PIRACY_CONSULTATION,
      "HTMSS", TRAFFICKING_CONSULTATION,
      "GFP", FIREARMS_CONSULTATION);

  private final RequestFactsFromSeeds facts;

  Consultations(RequestFactsFromSeeds facts) {
    this.facts = facts;
  }

  public boolean required(DelegateExecution execution, String sectionCode) {
    return facts.of(execution).requiredConsultations().contains(sectionCode);
  }

  /** A required section advised "not supported": strategic planning must decide what follows. */
  public boolean anyAgainst(DelegateExecution execution) {
    return facts.of(execution).requiredConsultations().stream()
        .map(ADVICE_BY_SECTION::get)
        .anyMatch(advice -> advice != null && NOT_SUPPORTED.equals(execution.getVariable(advice)));
  }
}
