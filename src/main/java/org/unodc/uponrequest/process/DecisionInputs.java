package org.unodc.uponrequest.process;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * A decision's inputs, mapped onto its business rule task as transient values
 * ({@code ${decisionInput.of(...)}} in the BPMN): the decision reads them in the same transaction,
 * and its own history keeps what it read ({@code ACT_HI_DEC_IN}). Stored as local variables they
 * wrote about six rows each (runtime insert and delete, their history, the removal times) for
 * values no one reads again: about 100 rows per request.
 */
@Component("decisionInput")
public class DecisionInputs {

  public TypedValue of(Object value) {
    return Variables.untypedValue(value, true);
  }
}
