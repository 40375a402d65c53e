package org.unodc.uponrequest.notifications;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes sent mails once they are older than {@code uponrequest.mail.outbox-retention} (90 days
 * by default), so the outbox does not grow for ever; mails not sent (pending, failed, given up, no
 * SMTP server) stay for administrators whatever their age. Daily on every node: each batch is one
 * short DELETE of its own, so the nodes sharing a database may purge at the same time, and a batch
 * that fails is left for the next day.
 */
@Component
class OutboxPurge {

  /** Every day at 03:15 UTC: outside office hours at headquarters, when few mails are written. */
  static final String DAILY = "0 15 3 * * *";
  /** Rows per DELETE: each holds its locks only briefly, however many mails a first purge finds. */
  static final int BATCH = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(OutboxPurge.class);

  private final Outbox outbox;
  private final MailSettings settings;
  private final Clock clock;

  OutboxPurge(Outbox outbox, MailSettings settings, Clock clock) {
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(cron = DAILY, zone = "UTC")
  void daily() {
    try {
      purge(clock.instant(), BATCH);
    } catch (RuntimeException e) {
      LOG.warn("Outbox: deleting old sent mails failed, the next day's purge tries again: {}", e.toString());
    }
  }

  /** Deletes the mails sent more than the retention before {@code now}, {@code batch} rows at a time; returns how many. */
  int purge(Instant now, int batch) {
    Instant before = now.minus(settings.outboxRetention());
    int deleted = 0;
    int last;
    do {
      // the cut-off stays fixed, so the loop ends even while new mails are sent
      last = outbox.deleteSent(before, batch);
      deleted += last;
    } while (last == batch);
    if (deleted > 0) {
      LOG.info("Outbox: mails sent before {} deleted: {}", before, deleted);
    }
    return deleted;
  }
}
