package org.unodc.uponrequest.funding;

import static org.unodc.uponrequest.process.ProcessVariables.FUNDING_DECISION;
import static org.unodc.uponrequest.process.ProcessVariables.FUNDING_LAST_LOOK;
import static org.unodc.uponrequest.process.ProcessVariables.FUNDING_RECHECKS;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Deadlines;

/**
 * The bound of the funding pipeline (docs/decisions/0009-nothing-outlives-its-request.md). A request
 * kept in the pipeline is looked at again at most {@code uponrequest.deadlines.max-funding-rechecks}
 * times: when "Funding re-check due" fires, this listener counts the re-check ({@code fundingRechecks})
 * and says whether it was the last one the pipeline allows ({@code fundingLastLook}, which the form
 * "Confirm the funding source" shows); the gateway "Re-check left?" asks {@link #recheckLeft} after
 * planning said "Not yet", and without one the request is closed as unfunded ({@link #closeUnfunded}).
 */
@Component("fundingPipeline")
public class FundingPipeline implements ExecutionListener {

  private final Deadlines deadlines;

  FundingPipeline(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  /** "Funding re-check due" fired: one more re-check. */
  @Override
  public void notify(DelegateExecution execution) {
    int rechecks = rechecks(execution) + 1;
    execution.setVariable(FUNDING_RECHECKS, rechecks);
    execution.setVariable(FUNDING_LAST_LOOK, rechecks >= deadlines.maxFundingRechecks());
  }

  /** Whether the pipeline may look at the request again, or "Not yet" now closes it as unfunded. */
  public boolean recheckLeft(DelegateExecution execution) {
    return rechecks(execution) < deadlines.maxFundingRechecks();
  }

  /**
   * "Re-check left? No": the request ends closed as unfunded, and its funding decision says so, as if
   * planning had chosen it (the managers' figures count closed-unfunded requests by that decision).
   */
  public void closeUnfunded(DelegateExecution execution) {
    execution.setVariable(FUNDING_DECISION, "CLOSE_UNFUNDED");
  }

  private static int rechecks(DelegateExecution execution) {
    return execution.getVariable(FUNDING_RECHECKS) instanceof Number rechecks ? rechecks.intValue() : 0;
  }
}
