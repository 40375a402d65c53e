package org.unodc.uponrequest.funding;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.TaskInput;
import org.unodc.uponrequest.referencedata.FundingSource;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** A funded request names its source (and the donor of an earmarked contribution). */
@Component("validateFundingDecision")
class ValidateFundingDecision implements TaskListener {

  private final ReferenceData referenceData;

  ValidateFundingDecision(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = TaskInput.oneOf(task, FUNDING_DECISION, "FUNDED", "PIPELINE", "CLOSE_UNFUNDED");
    if (!decision.equals("FUNDED")) {
      return;
    }
    String code = TaskInput.requiredText(task, FUNDING_SOURCE);
    FundingSource source = referenceData.fundingSources().stream()
        .filter(s -> s.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new InvalidInputException(FUNDING_SOURCE, "'" + code + "' is not a funding source"));
    task.setVariable(FUNDING_SOURCE_LABEL, source.label());
    if (source.requiresDonor()) {
      TaskInput.requiredText(task, DONOR);
    }
    if (task.getVariable(FUNDED_AMOUNT_USD) != null) {
      TaskInput.wholeNumber(task, FUNDED_AMOUNT_USD, 0);
    }
  }
}
