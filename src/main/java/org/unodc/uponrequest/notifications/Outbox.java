package org.unodc.uponrequest.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox table {@code UR_OUTBOX}. Mails are added in the transaction of the step that causes
 * them (the template joins the engine's Spring transaction), so a step that commits has its mails
 * and one that rolls back has none. Sending claims one row at a time with a conditional UPDATE
 * (status and due time in its WHERE clause, a fresh claim token in its SET): whichever node's
 * update changes the row owns it, on H2 and PostgreSQL alike, without {@code SELECT ... FOR UPDATE
 * SKIP LOCKED} (which H2 lacks). A claim runs out after {@link MailSettings#claimTimeout()}, so a
 * mail whose node died while sending it is sent by another (at least once, not exactly once).
 */
@Repository
public class Outbox {

  /** A row as administrators read it and the sender sends it. */
  public record Entry(long id, Instant created, MailKind kind, String reference, String recipient, String user,
      String language, String subject, String body, String link, OutboxStatus status, int attempts, Instant nextAttempt,
      Instant lastAttempt, Instant sent, String error) {}

  /** One page of the outbox, newest first, and how many mails it holds in all. */
  public record Page(List<Entry> entries, long total) {}

  static final int ERROR_LENGTH = 2000;
  static final int SUBJECT_LENGTH = 1000;
  static final int BODY_LENGTH = 20000;

  /** Due: never tried or failed and its time has come, or claimed by a node whose claim ran out. */
  private static final String DUE = "((STATUS_ IN ('PENDING', 'FAILED') AND NEXT_ATTEMPT_ <= :now) "
      + "OR (STATUS_ = 'SENDING' AND CLAIMED_UNTIL_ < :now))";

  private final NamedParameterJdbcTemplate jdbc;

  Outbox(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes mails in the caller's transaction, to be sent ({@code PENDING}) or kept unsent ({@code NOT_SENT_NO_SMTP}). */
  void add(List<Mail> mails, OutboxStatus status, Instant now) {
    for (Mail mail : mails) {
      jdbc.update("INSERT INTO UR_OUTBOX (CREATED_, KIND_, REFERENCE_, PROC_INST_ID_, RECIPIENT_, USER_, LANGUAGE_, SUBJECT_, "
          + "BODY_, LINK_, STATUS_, ATTEMPTS_, NEXT_ATTEMPT_) VALUES (:now, :kind, :reference, :request, :recipient, :user, "
          + ":language, :subject, :body, :link, :status, 0, :next)", new MapSqlParameterSource("now", timestamp(now))
          .addValue("kind", mail.kind().name()).addValue("reference", mail.reference())
          .addValue("request", mail.processInstanceId()).addValue("recipient", mail.recipient())
          .addValue("user", mail.user()).addValue("language", mail.language())
          .addValue("subject", cut(mail.subject(), SUBJECT_LENGTH)).addValue("body", cut(mail.body(), BODY_LENGTH))
          .addValue("link", mail.link()).addValue("status", status.name())
          .addValue("next", status == OutboxStatus.PENDING ? timestamp(now) : null));
    }
  }

  /** The ids of mails due now, oldest first. */
  List<Long> due(Instant now, int limit) {
    return jdbc.queryForList("SELECT ID_ FROM UR_OUTBOX WHERE " + DUE + " ORDER BY ID_ LIMIT :limit",
        new MapSqlParameterSource("now", timestamp(now)).addValue("limit", limit), Long.class);
  }

  /**
   * Claims a due mail for one attempt: counts the attempt and returns the mail, or nothing if it is
   * not due (any more) because another node claimed or sent it first.
   */
  Optional<Entry> claim(long id, String claim, Instant now, Instant until) {
    return claimWhere(DUE, id, claim, now, until);
  }

  /** Claims a mail given up earlier for one more attempt (an administrator's retry); nothing if it is not given up. */
  Optional<Entry> reopen(long id, String claim, Instant now, Instant until) {
    return claimWhere("STATUS_ = 'GAVE_UP'", id, claim, now, until);
  }

  private Optional<Entry> claimWhere(String claimable, long id, String claim, Instant now, Instant until) {
    int claimed = jdbc.update("UPDATE UR_OUTBOX SET STATUS_ = 'SENDING', CLAIM_ = :claim, CLAIMED_UNTIL_ = :until, "
        + "ATTEMPTS_ = ATTEMPTS_ + 1, LAST_ATTEMPT_ = :now WHERE ID_ = :id AND " + claimable,
        new MapSqlParameterSource("id", id).addValue("claim", claim).addValue("now", timestamp(now))
            .addValue("until", timestamp(until)));
    if (claimed == 0) {
      return Optional.empty();
    }
    return jdbc.query("SELECT * FROM UR_OUTBOX WHERE ID_ = :id AND CLAIM_ = :claim",
        new MapSqlParameterSource("id", id).addValue("claim", claim), Outbox::entry).stream().findFirst();
  }

  /** The claimed mail went out. False if the claim was lost meanwhile (ran out and another node took it). */
  boolean sent(long id, String claim, Instant now) {
    return jdbc.update("UPDATE UR_OUTBOX SET STATUS_ = 'SENT', SENT_ = :now, ERROR_ = NULL, NEXT_ATTEMPT_ = NULL, "
        + "CLAIM_ = NULL, CLAIMED_UNTIL_ = NULL WHERE ID_ = :id AND CLAIM_ = :claim",
        new MapSqlParameterSource("id", id).addValue("claim", claim).addValue("now", timestamp(now))) == 1;
  }

  /** The claimed mail did not go out: {@code FAILED} until {@code next}, or {@code GAVE_UP} when {@code next} is null. */
  boolean failed(long id, String claim, String error, Instant next) {
    return jdbc.update("UPDATE UR_OUTBOX SET STATUS_ = :status, ERROR_ = :error, NEXT_ATTEMPT_ = :next, CLAIM_ = NULL, "
        + "CLAIMED_UNTIL_ = NULL WHERE ID_ = :id AND CLAIM_ = :claim", new MapSqlParameterSource("id", id)
        .addValue("claim", claim).addValue("error", cut(error, ERROR_LENGTH)).addValue("next", timestamp(next))
        .addValue("status", (next == null ? OutboxStatus.GAVE_UP : OutboxStatus.FAILED).name())) == 1;
  }

  /**
   * Deletes at most {@code limit} mails sent before {@code before}, the oldest first, in the
   * caller's transaction (none: then this batch alone); returns how many. Only {@code SENT} rows: a
   * sent row never changes again, so two nodes deleting at once at worst find a row already gone.
   */
  int deleteSent(Instant before, int limit) {
    return jdbc.update("DELETE FROM UR_OUTBOX WHERE STATUS_ = 'SENT' AND ID_ IN (SELECT ID_ FROM UR_OUTBOX "
        + "WHERE STATUS_ = 'SENT' AND SENT_ < :before ORDER BY ID_ LIMIT :limit)",
        new MapSqlParameterSource("before", timestamp(before)).addValue("limit", limit));
  }

  // --- read by administrators and tests --------------------------------------------------------

  /** A page of the outbox, newest first. */
  public Page page(int offset, int limit) {
    long total = jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM UR_OUTBOX", Long.class);
    List<Entry> entries = jdbc.query("SELECT * FROM UR_OUTBOX ORDER BY ID_ DESC LIMIT :limit OFFSET :offset",
        new MapSqlParameterSource("limit", limit).addValue("offset", offset), Outbox::entry);
    return new Page(entries, total);
  }

  /** How many mails stand in each status. */
  public Map<OutboxStatus, Long> counts() {
    Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
    jdbc.getJdbcTemplate().query("SELECT STATUS_, COUNT(*) FROM UR_OUTBOX GROUP BY STATUS_",
        row -> {
          counts.put(OutboxStatus.valueOf(row.getString(1)), row.getLong(2));
        });
    return counts;
  }

  /** Every mail about one request, oldest first. */
  public List<Entry> ofRequest(String reference) {
    return jdbc.query("SELECT * FROM UR_OUTBOX WHERE REFERENCE_ = :reference ORDER BY ID_",
        new MapSqlParameterSource("reference", reference), Outbox::entry);
  }

  private static Entry entry(ResultSet row, int number) throws SQLException {
    return new Entry(row.getLong("ID_"), instant(row.getTimestamp("CREATED_")), MailKind.valueOf(row.getString("KIND_")),
        row.getString("REFERENCE_"), row.getString("RECIPIENT_"), row.getString("USER_"), row.getString("LANGUAGE_"),
        row.getString("SUBJECT_"), row.getString("BODY_"), row.getString("LINK_"), OutboxStatus.valueOf(row.getString("STATUS_")),
        row.getInt("ATTEMPTS_"), instant(row.getTimestamp("NEXT_ATTEMPT_")), instant(row.getTimestamp("LAST_ATTEMPT_")),
        instant(row.getTimestamp("SENT_")), row.getString("ERROR_"));
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  /** To the millisecond: the database would round finer fractions, and a rounded-up due time is not due yet. */
  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS));
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
