package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Stage;

/**
 * First step after submission: checks the request, gives it its reference number (also the
 * business key, so officers and states quote one number; a request filed through the intake
 * inbox brings the number it was given when filed) and adds what the reference data says
 * about the state and the thematic areas, which the priority rules and task routing use.
 */
@Component("registerRequest")
class RegisterRequest implements JavaDelegate {

  /** Shown in task forms, which cannot format dates themselves. */
  static final DateTimeFormatter SUBMISSION_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final ReferenceNumbers referenceNumbers;
  private final RequestEnrichment enrichment;

  private final FocalPoints focalPoints;

  RegisterRequest(ReferenceNumbers referenceNumbers, RequestEnrichment enrichment, FocalPoints focalPoints) {
    this.referenceNumbers = referenceNumbers;
    this.enrichment = enrichment;
    this.focalPoints = focalPoints;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SubmittedRequest request = enrichment.check(execution);
    // who files is who is logged in, whatever the submitted variables say; only a start by the system has no user
    String caller = Context.getCommandContext().getAuthenticatedUserId();
    if (caller != null) {
      execution.setVariable(SUBMITTED_BY, caller);
    }
    focalPoints.checkMayFileFor(caller != null ? caller : execution.getVariable(SUBMITTED_BY), request.memberState());
    // a request filed through the inbox has its number and filing time since its 201
    var filed = RegisteringSubmission.current();
    var now = filed.map(submission -> Date.from(submission.filedAt())).orElseGet(ClockUtil::getCurrentTime);
    String reference = filed.map(RegisteringSubmission.Filed::reference)
        .orElseGet(() -> referenceNumbers.next(Year.from(now.toInstant().atZone(ZoneOffset.UTC))));
    execution.setProcessBusinessKey(reference);
    execution.setVariable(REFERENCE_NUMBER, reference);
    execution.setVariable(SUBMITTED_AT, now);
    execution.setVariable(SUBMITTED_ON, SUBMISSION_DAY.format(now.toInstant()));
    execution.setVariable(STAGE, Stage.INTAKE.name());
    execution.setVariable(MEMBER_STATE, request.memberState());
    execution.setVariable(URGENCY, request.urgency());
    // screening confirms or changes it; until then the stated urgency stands
    execution.setVariable(CONFIRMED_URGENCY, request.urgency());
    if (request.estimatedBudgetUsd() != null) {
      execution.setVariable(ESTIMATED_BUDGET_USD, request.estimatedBudgetUsd().doubleValue());
    }
    enrichment.enrich(execution, request);
  }
}
