package org.unodc.uponrequest.notifications;

/** A mail that did not go out when an administrator retried it; its message is what Cockpit shows. */
class MailNotDelivered extends RuntimeException {

  MailNotDelivered(String message) {
    super(message);
  }
}
