package org.unodc.uponrequest.notifications;

/** Where a mail of the outbox stands. */
public enum OutboxStatus {
  /** written with its step, not tried yet */
  PENDING,
  /** claimed by a node that is sending it (until the claim runs out) */
  SENDING,
  SENT,
  /** the last attempt failed; tried again at the next attempt time */
  FAILED,
  /** failed as often as allowed, or cannot be sent at all (a malformed address): not tried again */
  GAVE_UP,
  /** no SMTP server was configured when the mail was written: kept for administrators to read, never sent */
  NOT_SENT_NO_SMTP
}
