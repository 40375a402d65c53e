package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * When a co-requesting state's participation ends, records its answer on the request as
 * {@code participation_<ISO3>} (YES, NO, or NO_ANSWER when the deadline passed). One variable per
 * state, so answers arriving together never write the same row.
 */
@Component("recordParticipation")
class RecordParticipation implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return; // the request itself was withdrawn or ended: nobody answered anything
    }
    Object state = execution.getVariableLocal(CO_REQUESTING_STATE);
    Object decision = execution.getVariableLocal(PARTICIPATION_DECISION);
    execution.getProcessInstance().setVariable(participationOf(state.toString()),
        decision == null ? RegionalRequests.NO_ANSWER : decision.toString());
  }
}
