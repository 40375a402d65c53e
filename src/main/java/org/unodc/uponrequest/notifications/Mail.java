package org.unodc.uponrequest.notifications;

/**
 * One mail to one recipient, as it is written to the outbox: already in the recipient's language.
 *
 * @param user the Camunda user it is for, {@code null} for an address given on a request form
 * @param link the page the mail points to (the request in the portal, the task in Tasklist), also in the body
 */
public record Mail(MailKind kind, String reference, String processInstanceId, String recipient, String user,
    String language, String subject, String body, String link) {}
