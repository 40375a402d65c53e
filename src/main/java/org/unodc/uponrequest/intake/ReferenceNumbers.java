package org.unodc.uponrequest.intake;

import java.time.Year;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues reference numbers {@code TA-<year>-<5 digits>}, counting from 1 each year. The counter
 * row is updated inside the engine's transaction, so a rolled-back submission does not use up a
 * number, and the row lock keeps numbers unique across nodes sharing one database.
 */
@Component
class ReferenceNumbers {

  private final JdbcTemplate jdbc;

  ReferenceNumbers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  String next(Year year) {
    int updated = jdbc.update(
        "UPDATE UR_REFERENCE_COUNTER SET LAST_VALUE = LAST_VALUE + 1 WHERE YEAR_ = ?", year.getValue());
    if (updated == 0) {
      insertFirst(year);
    }
    int value = jdbc.queryForObject(
        "SELECT LAST_VALUE FROM UR_REFERENCE_COUNTER WHERE YEAR_ = ?", Integer.class, year.getValue());
    if (value > 99_999) {
      throw new IllegalStateException("More than 99999 requests in " + year + ": the reference format is exhausted");
    }
    return String.format("TA-%d-%05d", year.getValue(), value);
  }

  private void insertFirst(Year year) {
    try {
      jdbc.update("INSERT INTO UR_REFERENCE_COUNTER (YEAR_, LAST_VALUE) VALUES (?, 1)", year.getValue());
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      // another node inserted the year's row first: take the next number from it
      jdbc.update("UPDATE UR_REFERENCE_COUNTER SET LAST_VALUE = LAST_VALUE + 1 WHERE YEAR_ = ?", year.getValue());
    }
  }
}
