package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.VariableValues;

/**
 * A regional or multi-state request (GA 64/179 paras 5, 9, 12): a lead state files for itself
 * and names co-requesting states, each of which confirms that it takes part in a participation
 * of its own ({@code regional-participation}, in that state's tenant). Public because the BPMN
 * calls it through expressions.
 */
@Component("regionalRequests")
public class RegionalRequests {

  static final String YES = "YES";
  static final String NO_ANSWER = "NO_ANSWER";

  /** The co-requesting states named at filing, in their order: one participation each. */
  public List<String> coRequesting(VariableScope request) {
    return VariableValues.strings(request.getVariable(CO_REQUESTING_STATES));
  }

  /** The co-requesting states that confirmed they take part (none until they have answered). */
  public List<String> confirmed(VariableScope request) {
    return coRequesting(request).stream()
        .filter(state -> YES.equals(request.getVariable(participationOf(state))))
        .toList();
  }
}
