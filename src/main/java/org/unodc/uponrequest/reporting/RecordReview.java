package org.unodc.uponrequest.reporting;

import static org.unodc.uponrequest.reporting.ReportVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.TaskInput;

/**
 * The manager's decision on "Review and approve the report", recorded with the report when the
 * task completes: approved by whom and when (the published report names them), or sent back with
 * the comment. An approval needs a person: the signed-in manager, else the task's assignee.
 */
@Component("recordReview")
class RecordReview implements TaskListener {

  private final Reports reports;

  RecordReview(Reports reports) {
    this.reports = reports;
  }

  @Override
  public void notify(DelegateTask task) {
    long id = ((Number) task.getVariable(REPORT_ID)).longValue();
    String decision = TaskInput.text(task, REVIEW_DECISION);
    if (APPROVE.equals(decision)) {
      reports.approved(id, reviewer(task), ClockUtil.getCurrentTime().toInstant());
    } else if (SEND_BACK.equals(decision)) {
      reports.sentBack(id, TaskInput.text(task, REVIEW_COMMENT));
    }
  }

  private static String reviewer(DelegateTask task) {
    String signedIn = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    String reviewer = signedIn != null ? signedIn : task.getAssignee();
    if (reviewer == null) {
      throw new InvalidInputException(REVIEW_DECISION, "an approval must be given by a signed-in manager, "
          + "whom the published report names");
    }
    return reviewer;
  }
}
