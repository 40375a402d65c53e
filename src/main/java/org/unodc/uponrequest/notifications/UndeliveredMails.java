package org.unodc.uponrequest.notifications;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Mails the outbox gave up on, handed to the engine: each starts an instance of
 * {@code bpmn/undelivered-mail.bpmn} whose one asynchronous step sends the mail again. When that
 * attempt fails, too, the engine raises an incident, so administrators see the mail in Cockpit
 * (business key: the request's reference; message: the mail server's answer) and retry it there.
 */
@Component
public class UndeliveredMails {

  public static final String PROCESS_KEY = "undelivered-mail";
  static final String MESSAGE = "MailGivenUp";
  static final String SEND_AGAIN = "Activity_SendMailAgain";
  // the instance's variables: which mail, and what an administrator reads in Cockpit before retrying
  static final String MAIL_ID = "mailId";
  static final String RECIPIENT = "recipient";
  static final String SUBJECT = "subject";
  static final String LAST_ERROR = "lastError";

  /** Lazily: the engine's plugins need the notifications, which need this, before the engine exists. */
  private final ObjectProvider<RuntimeService> runtime;

  UndeliveredMails(ObjectProvider<RuntimeService> runtime) {
    this.runtime = runtime;
  }

  /** In the caller's transaction, with the mail's {@code GAVE_UP} mark: both commit or neither. */
  void handOver(Outbox.Entry mail, String error) {
    var start = runtime.getObject().createMessageCorrelation(MESSAGE)
        .setVariable(MAIL_ID, mail.id())
        .setVariable(RECIPIENT, mail.recipient())
        .setVariable(SUBJECT, mail.subject())
        .setVariable(LAST_ERROR, error);
    if (mail.reference() != null) {
      start.processInstanceBusinessKey(mail.reference());
    }
    start.correlateStartMessage();
  }
}
