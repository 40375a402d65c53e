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
    if (!"FUNDED".equals(TaskInput.text(task, FUNDING_DECISION))) {
      return;
    }
    String code = TaskInput.text(task, FUNDING_SOURCE);
    FundingSource source = referenceData.fundingSources().stream()
        .filter(s -> s.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new InvalidInputException(FUNDING_SOURCE, "'" + code + "' is not a funding source"));
    task.setVariable(FUNDING_SOURCE_LABEL, source.label());
    // the seeds say which sources need a donor; the form's condition must agree for every one of them
    if (source.requiresDonor() && TaskInput.text(task, DONOR) == null) {
      throw new InvalidInputException(DONOR, "is required for " + source.label());
    }
  }
}
