package org.unodc.uponrequest.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The outbox keeps sent mails for {@code uponrequest.mail.outbox-retention} (90 days by default)
 * and every other mail for good. Old rows are written straight into the table, as months of use
 * would have left them; this profile has no SMTP server, so no other test's mail is ever sent and
 * only these rows can be old enough to go.
 */
@SpringBootTest
@ActiveProfiles("test")
class OutboxPurgeTest {

  @Autowired Outbox outbox;
  @Autowired OutboxPurge purge;
  @Autowired MailSettings settings;
  @Autowired NamedParameterJdbcTemplate jdbc;

  @Test
  void sentMailsPastTheRetentionAreDeletedInBatchesAndNoOtherMailWhateverItsAge() {
    String reference = "TA-1990-00001";
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant longAgo = now.minus(Duration.ofDays(400));
    for (int i = 0; i < 12; i++) {
      row(reference, OutboxStatus.SENT, longAgo, now.minus(Duration.ofDays(91)));
    }
    row(reference, OutboxStatus.SENT, longAgo, now.minus(Duration.ofDays(89)));
    for (OutboxStatus unsent : new OutboxStatus[] {OutboxStatus.PENDING, OutboxStatus.FAILED, OutboxStatus.GAVE_UP,
        OutboxStatus.NOT_SENT_NO_SMTP, OutboxStatus.SENDING}) {
      row(reference, unsent, longAgo, null);
    }

    assertThat(settings.outboxRetention()).as("application.yaml's default").isEqualTo(Duration.ofDays(90));
    assertThat(purge.purge(now, 5)).as("in batches of 5, 5 and 2").isEqualTo(12);

    assertThat(outbox.ofRequest(reference)).extracting(Outbox.Entry::status).containsExactlyInAnyOrder(
        OutboxStatus.SENT, OutboxStatus.PENDING, OutboxStatus.FAILED, OutboxStatus.GAVE_UP,
        OutboxStatus.NOT_SENT_NO_SMTP, OutboxStatus.SENDING);
    assertThat(outbox.ofRequest(reference)).filteredOn(mail -> mail.status() == OutboxStatus.SENT)
        .extracting(Outbox.Entry::sent).containsExactly(now.minus(Duration.ofDays(89)));
    assertThat(purge.purge(now, 5)).as("a second node, or the next day, finds nothing left to delete").isZero();
  }

  @Test
  void theDailyPurgeCountsTheRetentionFromNow() {
    String reference = "TA-1990-00002";
    Instant now = Instant.now();
    row(reference, OutboxStatus.SENT, now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(90)).minus(Duration.ofHours(1)));
    row(reference, OutboxStatus.SENT, now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(90)).plus(Duration.ofHours(1)));

    purge.daily();

    assertThat(outbox.ofRequest(reference)).extracting(Outbox.Entry::sent)
        .containsExactly(now.minus(Duration.ofDays(90)).plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
  }

  /** A mail as the outbox would have left it: sent at {@code sent}, or in another status and not due for a year. */
  private void row(String reference, OutboxStatus status, Instant created, Instant sent) {
    boolean waiting = status == OutboxStatus.PENDING || status == OutboxStatus.FAILED;
    jdbc.update("INSERT INTO UR_OUTBOX (CREATED_, KIND_, REFERENCE_, RECIPIENT_, LANGUAGE_, SUBJECT_, BODY_, STATUS_, "
        + "ATTEMPTS_, NEXT_ATTEMPT_, LAST_ATTEMPT_, SENT_, CLAIMED_UNTIL_) VALUES (:created, 'RECEIVED', :reference, "
        + "'someone@example.org', 'en', 'An old mail', 'Body', :status, :attempts, :next, :last, :sent, :claimedUntil)",
        new MapSqlParameterSource("created", timestamp(created)).addValue("reference", reference)
            .addValue("status", status.name())
            .addValue("attempts", status == OutboxStatus.PENDING || status == OutboxStatus.NOT_SENT_NO_SMTP ? 0 : 1)
            .addValue("next", waiting ? timestamp(Instant.now().plus(Duration.ofDays(365))) : null)
            .addValue("last", status == OutboxStatus.PENDING ? null : timestamp(created))
            .addValue("sent", timestamp(sent))
            .addValue("claimedUntil", status == OutboxStatus.SENDING ? timestamp(Instant.now().plus(Duration.ofDays(365))) : null));
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS));
  }
}
