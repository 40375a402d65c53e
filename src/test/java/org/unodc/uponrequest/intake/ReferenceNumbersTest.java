package org.unodc.uponrequest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * Reference numbers come from one sequence per year, made before anyone files; they never repeat,
 * also when filings run at once, and a year that counted in the old counter table continues after it.
 */
class ReferenceNumbersTest extends ProcessTestSupport {

  @Autowired JdbcTemplate jdbc;
  @Autowired ReferenceNumbers referenceNumbers;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void theSequencesOfThisYearAndTheNextAreMadeAtStartAndKeptOnce() {
    Year now = Year.now(ZoneOffset.UTC);
    referenceNumbers.prepareYears();
    referenceNumbers.prepareYears();
    // PostgreSQL keeps the unquoted name in lower case, H2 in upper case
    for (Year year : new Year[] {now, now.plusYears(1)}) {
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SEQUENCES WHERE UPPER(SEQUENCE_NAME) = ?",
          Integer.class, ReferenceNumbers.sequence(year))).as("sequence of %s", year).isOne();
    }
  }

  @Test
  void filingsAtTheSameMomentGetDifferentNumbersEachInItsOwnTransaction() throws Exception {
    Year year = Year.of(2041);
    referenceNumbers.prepare(year);
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    ExecutorService filers = Executors.newFixedThreadPool(8);
    List<Callable<String>> filings = Collections.nCopies(200, () -> transaction.execute(status -> referenceNumbers.next(year)));
    List<String> numbers = new ArrayList<>();
    for (Future<String> number : filers.invokeAll(filings)) {
      numbers.add(number.get());
    }
    filers.shutdown();
    assertThat(numbers).hasSize(200).doesNotHaveDuplicates().allMatch(number -> number.matches("TA-2041-\\d{5}"));
    assertThat(numbers).contains("TA-2041-00001", "TA-2041-00200");
  }

  @Test
  void numbersReservedInBulkComeFromTheYearsSequenceSoALaterFilingGetsTheNextOne() {
    Year year = Year.of(2045);
    assertThat(referenceNumbers.reserve(year, 3)).containsExactly("TA-2045-00001", "TA-2045-00002", "TA-2045-00003");
    String filed = new TransactionTemplate(transactions).execute(status -> referenceNumbers.next(year));
    assertThat(filed).isEqualTo("TA-2045-00004");
    assertThat(referenceNumbers.reserve(year, 2)).containsExactly("TA-2045-00005", "TA-2045-00006");
  }

  @Test
  void aYearCountedInTheOldCounterTableContinuesAfterItsLastNumber() {
    Year year = Year.of(2042);
    jdbc.update("INSERT INTO UR_REFERENCE_COUNTER (YEAR_, LAST_VALUE) VALUES (?, ?)", year.getValue(), 417);
    referenceNumbers.prepare(year);
    assertThat(referenceNumbers.next(year)).isEqualTo("TA-2042-00418");
  }

  @Test
  void aYearWhoseSequenceWasNotMadeAheadGetsItAtItsFirstFilingWithoutEndingTheFilingsTransaction() {
    Year year = Year.of(2043);
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      jdbc.update("INSERT INTO UR_REFERENCE_COUNTER (YEAR_, LAST_VALUE) VALUES (?, ?)", 2044, 1);
      assertThat(referenceNumbers.next(year)).isEqualTo("TA-2043-00001");
      throw new IllegalStateException("the filing fails later");
    })).hasMessage("the filing fails later");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UR_REFERENCE_COUNTER WHERE YEAR_ = 2044", Integer.class))
        .as("the filing's own writes rolled back with it").isZero();
    assertThat(referenceNumbers.next(year)).as("a rolled-back filing leaves a gap").isEqualTo("TA-2043-00002");
  }
}
