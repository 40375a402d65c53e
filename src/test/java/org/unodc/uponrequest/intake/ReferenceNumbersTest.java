package org.unodc.uponrequest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * The counters of this year and the next exist before anyone files, so no filing has to make one
 * (which takes a second connection from the pool while the filing holds one).
 */
class ReferenceNumbersTest extends ProcessTestSupport {

  @Autowired JdbcTemplate jdbc;
  @Autowired ReferenceNumbers referenceNumbers;

  @Test
  void theCountersOfThisYearAndTheNextAreMadeAtStartAndKeptOnce() {
    Year now = Year.now(ZoneOffset.UTC);
    referenceNumbers.prepareYears();
    for (Year year : new Year[] {now, now.plusYears(1)}) {
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UR_REFERENCE_COUNTER WHERE YEAR_ = ?", Integer.class,
          year.getValue())).as("counter of %s", year).isOne();
    }
  }
}
