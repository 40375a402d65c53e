package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.MEMBER_STATE;
import static org.unodc.uponrequest.process.ProcessVariables.THEMATIC_AREAS;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * The decisions' inputs, looked up in the seeds when a decision runs (the BPMN's input mappings
 * call {@code requestFacts.of(execution)}), from the request's member state and thematic areas as
 * registered. Nothing a user or a later step could have written is read.
 */
@Component("requestFacts")
public class RequestFactsFromSeeds {

  private final ReferenceData referenceData;

  RequestFactsFromSeeds(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  public RequestFacts of(VariableScope request) {
    return RequestFacts.of(referenceData, String.valueOf(request.getVariable(MEMBER_STATE)),
        VariableValues.strings(request.getVariable(THEMATIC_AREAS)));
  }
}
