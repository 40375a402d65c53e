package org.unodc.uponrequest.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox sends ({@code uponrequest.mail} in application.yaml). The SMTP server itself is
 * Spring Boot's {@code spring.mail.*}: with no {@code spring.mail.host} nothing is sent and mails
 * stay in the outbox as {@link OutboxStatus#NOT_SENT_NO_SMTP}.
 *
 * @param from the sender's address, e.g. {@code UNODC UponRequest <no-reply@unodc.org>}
 * @param maxAttempts attempts per mail before it is given up ({@link OutboxStatus#GAVE_UP})
 * @param firstRetry wait after the first failed attempt; doubled after each further one ...
 * @param maxRetry ... up to this
 * @param pollInterval how often each node looks for mails due (new ones are sent right after their commit anyway)
 * @param batchSize mails claimed per look
 * @param claimTimeout how long a node may hold a mail it claimed; past that another node may send it
 * @param outboxRetention how long a mail is kept once sent; the daily purge ({@link OutboxPurge}) deletes
 *     older ones. Mails not sent (pending, failed, given up, no SMTP server) are kept whatever their age.
 */
@ConfigurationProperties("uponrequest.mail")
public record MailSettings(String from, Integer maxAttempts, Duration firstRetry, Duration maxRetry, Duration pollInterval,
    Integer batchSize, Duration claimTimeout, Duration outboxRetention) {

  public MailSettings {
    from = from == null || from.isBlank() ? "UNODC UponRequest <no-reply@localhost>" : from;
    maxAttempts = maxAttempts == null ? 8 : Math.max(1, maxAttempts);
    firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
    maxRetry = maxRetry == null ? Duration.ofHours(6) : maxRetry;
    pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
    batchSize = batchSize == null ? 50 : Math.max(1, batchSize);
    claimTimeout = claimTimeout == null ? Duration.ofMinutes(10) : claimTimeout;
    outboxRetention = outboxRetention == null ? Duration.ofDays(90) : outboxRetention;
    if (outboxRetention.isNegative()) {
      // a negative age would reach into the future and purge every sent mail: a typo, not a wish
      throw new IllegalArgumentException("uponrequest.mail.outbox-retention must not be negative: " + outboxRetention);
    }
  }

  /** The wait before the next attempt after {@code attempts} failed ones: doubling from the first, capped. */
  Duration backoff(int attempts) {
    Duration wait = firstRetry;
    for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
