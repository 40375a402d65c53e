package org.unodc.uponrequest.notifications;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** <em>Send the mail again</em> ({@code bpmn/undelivered-mail.bpmn}): one attempt; a failure becomes the incident. */
@Component("sendUndeliveredMail")
class SendUndeliveredMail implements JavaDelegate {

  private final OutboxSender sender;

  SendUndeliveredMail(OutboxSender sender) {
    this.sender = sender;
  }

  @Override
  public void execute(DelegateExecution execution) {
    sender.sendGivenUp(((Number) execution.getVariable(UndeliveredMails.MAIL_ID)).longValue());
  }
}
