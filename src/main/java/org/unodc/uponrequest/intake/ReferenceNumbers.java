package org.unodc.uponrequest.intake;

import java.time.Year;
import java.time.ZoneOffset;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues reference numbers {@code TA-<year>-<5 digits>}, counting from 1 each year. The counter
 * row is incremented inside the engine's transaction, so a rolled-back submission does not use
 * up a number, and the row lock keeps numbers unique across nodes sharing one database. The rows
 * of this year and the next are made at start and every day, outside any filing: making one
 * during a filing takes a second database connection, and a burst of first filings of a year
 * held every pooled connection while each waited for one more (seen with 50 clients on a fresh
 * database: every filing failed after 30 s).
 */
@Component
class ReferenceNumbers {

  private static final String INCREMENT = "UPDATE UR_REFERENCE_COUNTER SET LAST_VALUE = LAST_VALUE + 1 WHERE YEAR_ = ?";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  ReferenceNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @EventListener(ApplicationReadyEvent.class)
  @Scheduled(cron = "0 0 0 * * *", zone = "UTC")
  void prepareYears() {
    Year now = Year.now(ZoneOffset.UTC);
    for (Year year : new Year[] {now, now.plusYears(1)}) {
      if (jdbc.queryForObject("SELECT COUNT(*) FROM UR_REFERENCE_COUNTER WHERE YEAR_ = ?", Integer.class, year.getValue()) == 0) {
        createYear(year);
      }
    }
  }

  String next(Year year) {
    if (jdbc.update(INCREMENT, year.getValue()) == 0) {
      createYear(year);
      jdbc.update(INCREMENT, year.getValue());
    }
    int value = jdbc.queryForObject(
        "SELECT LAST_VALUE FROM UR_REFERENCE_COUNTER WHERE YEAR_ = ?", Integer.class, year.getValue());
    if (value > 99_999) {
      throw new IllegalStateException("More than 99999 requests in " + year + ": the reference format is exhausted");
    }
    return String.format("TA-%d-%05d", year.getValue(), value);
  }

  /**
   * The year's first request creates its row in a transaction of its own: if another node
   * created it first, only that small transaction fails (PostgreSQL would otherwise abort the
   * whole submission on the duplicate key).
   */
  private void createYear(Year year) {
    try {
      ownTransaction.executeWithoutResult(status ->
          jdbc.update("INSERT INTO UR_REFERENCE_COUNTER (YEAR_, LAST_VALUE) VALUES (?, 0)", year.getValue()));
    } catch (DuplicateKeyException createdByAnotherNode) {
      // the row exists now, which is all we need
    }
  }
}
