package org.unodc.uponrequest.metrics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.unodc.uponrequest.intake.ReferenceNumbers;
import org.unodc.uponrequest.intake.RequestFactsFromSeeds;
import org.unodc.uponrequest.process.Deadlines;
import org.unodc.uponrequest.process.Stage;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * 500 generated requests, in a database of their own (a context of its own, so no other test sees
 * them): every table agrees with the others and with what the engine's projections would have
 * written, and the mix looks like the programme's.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:generated-history-${random.uuid};DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryGeneratorTest {

  private static final int N = 500;
  private static final GenerateSettings SETTINGS = new GenerateSettings(N, 5, 7, false, GenerateSettings.Then.SERVE, 200);

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ReferenceData referenceData;
  @Autowired RequestFactsFromSeeds facts;
  @Autowired Deadlines deadlines;
  @Autowired ReferenceNumbers referenceNumbers;

  private HistoryGenerator generator;
  private HistoryGenerator.Report report;
  // a fixed moment to generate as of: the draw is then the same on every run, whatever the day
  private final long now = Instant.parse("2026-06-15T09:00:00Z").toEpochMilli();
  private long writtenFrom;

  @BeforeAll
  void generate() {
    generator = new HistoryGenerator(jdbc, transactions, referenceData, facts, deadlines, referenceNumbers);
    writtenFrom = System.currentTimeMillis();
    report = generator.generate(SETTINGS, now);
  }

  @Test
  @Order(1)
  void saysWhatItWrote() {
    assertThat(report.requests()).isEqualTo(N);
    assertThat(report.rows()).containsEntry("UR_METRIC_REQUEST", (long) N).containsEntry("UR_REQUEST", (long) N)
        .containsEntry("UR_METRIC_FLOW", count("SELECT COUNT(*) FROM UR_METRIC_FLOW"));
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST")).isEqualTo(N);
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_FLOW")).isEqualTo(report.rows().get("UR_METRIC_FLOW"));
    assertThat(report.openByStage().values().stream().mapToLong(Long::longValue).sum()
        + report.closedByOutcome().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(N);
    assertThat(report.toString()).contains("Generated 500 historic requests");
  }

  @Test
  @Order(2)
  void everyRequestIsStampedAsWrittenSoRunningProductsReadItIntoTheirFigures() {
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE CHANGE_STAMP_ BETWEEN ? AND ?", writtenFrom,
        System.currentTimeMillis())).isEqualTo(N);
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_FLOW F WHERE NOT EXISTS (SELECT 1 FROM UR_METRIC_REQUEST M "
        + "WHERE M.PROC_INST_ID_ = F.PROC_INST_ID_)")).isZero();
  }

  @Test
  @Order(3)
  void openRequestsWaitSomewhereAndClosedOnesNowhere() {
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST M WHERE M.CLOSED_AT_ IS NULL AND NOT EXISTS "
        + "(SELECT 1 FROM UR_METRIC_WAIT W WHERE W.PROC_INST_ID_ = M.PROC_INST_ID_)")).isZero();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_WAIT W JOIN UR_METRIC_REQUEST M ON M.PROC_INST_ID_ = W.PROC_INST_ID_ "
        + "WHERE M.CLOSED_AT_ IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE (CLOSED_AT_ IS NULL) <> (OUTCOME_ IS NULL) "
        + "OR (CLOSED_AT_ IS NULL) <> (STAGE_ <> 'CLOSED')")).isZero();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_WAIT WHERE TASK_ = TRUE AND DUE_AT_ IS NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_WAIT WHERE TASK_ = FALSE AND DUE_AT_ IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_WAIT WHERE STARTED_AT_ > ?", new Timestamp(now))).isZero();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_WAIT WHERE DUE_AT_ < ?", new Timestamp(now)))
        .as("some open tasks are overdue").isPositive();
    assertThat(report.openByStage()).as("open requests in several stages").hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  @Order(4)
  void everyMomentIsBetweenFilingAndClosure() {
    for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM UR_METRIC_REQUEST")) {
      long filed = ((Timestamp) row.get("FILED_AT_")).getTime();
      long end = row.get("CLOSED_AT_") == null ? now : ((Timestamp) row.get("CLOSED_AT_")).getTime();
      assertThat(filed).isLessThanOrEqualTo(end);
      for (Stage stage : Replay.TIMED_STAGES) {
        for (String column : List.of(stage + "_AT_", stage + "_LEFT_")) {
          if (row.get(column) != null) {
            assertThat(((Timestamp) row.get(column)).getTime()).as(row.get("PROC_INST_ID_") + " " + column)
                .isBetween(filed, end);
          }
        }
        assertThat(((Number) row.get(stage + "_LATE_")).intValue()).isLessThanOrEqualTo(((Number) row.get(stage + "_TASKS_")).intValue());
      }
      assertThat(((Timestamp) row.get("STAGE_SINCE_")).getTime()).isBetween(filed, end);
      if (row.get("CLOSED_AT_") != null) {
        assertThat(((Number) row.get("TO_CLOSURE_MS_")).longValue()).isEqualTo(end - filed);
      }
    }
  }

  @Test
  @Order(5)
  void theIndexAgreesWithTheMetrics() {
    assertThat(count("SELECT COUNT(*) FROM UR_REQUEST R JOIN UR_METRIC_REQUEST M ON M.PROC_INST_ID_ = R.PROC_INST_ID_ "
        + "WHERE R.REFERENCE_ = M.REFERENCE_ AND R.LEAD_STATE_ = M.LEAD_STATE_ AND R.STAGE_ = M.STAGE_ "
        + "AND R.OUTCOME_ IS NOT DISTINCT FROM M.OUTCOME_ AND R.PRIORITY_BAND_ IS NOT DISTINCT FROM M.BAND_ "
        + "AND R.ASSIGNED_OFFICE_ IS NOT DISTINCT FROM M.OFFICE_ AND R.FILED_AT_ = M.FILED_AT_ "
        + "AND R.CLOSED_AT_ IS NOT DISTINCT FROM M.CLOSED_AT_ AND R.TITLE_ IS NOT NULL")).isEqualTo(N);
    // co-requesting states are in the index once the request was accepted
    assertThat(count("SELECT COUNT(*) FROM UR_REQUEST_STATE S JOIN UR_METRIC_REQUEST M ON M.PROC_INST_ID_ = S.PROC_INST_ID_ "
        + "WHERE S.ANSWER_ = 'AWAITING_ANSWER' AND M.CLOSED_AT_ IS NOT NULL")).isZero();
  }

  @Test
  @Order(6)
  void referencesAreUniqueAndLaterFilingsGetLaterNumbers() {
    List<String> references = jdbc.queryForList("SELECT REFERENCE_ FROM UR_REQUEST", String.class);
    assertThat(references).hasSize(N).doesNotHaveDuplicates().allMatch(r -> r.matches("TA-\\d{4}-\\d{5}"));
    Map<Integer, Integer> highest = new HashMap<>();
    references.forEach(r -> highest.merge(Integer.parseInt(r.substring(3, 7)), Integer.parseInt(r.substring(8)), Math::max));
    highest.forEach((year, last) -> assertThat(Integer.parseInt(referenceNumbers.reserve(Year.of(year), 1).get(0).substring(8)))
        .as("the next filing of %s", year).isGreaterThan(last));
    // numbered in filing order within each year
    List<String> byFiling = jdbc.queryForList("SELECT REFERENCE_ FROM UR_REQUEST ORDER BY FILED_AT_, REFERENCE_", String.class);
    assertThat(byFiling).isSortedAccordingTo((a, b) -> a.substring(3, 7).equals(b.substring(3, 7)) ? a.compareTo(b) : 0);
  }

  @Test
  @Order(7)
  void theMixLooksLikeTheProgrammes() {
    Map<String, Long> outcomes = report.closedByOutcome();
    assertThat(outcomes.keySet()).contains("COMPLETED", "DECLINED", "WITHDRAWN", "CLOSED_UNFUNDED");
    assertThat(outcomes.get("COMPLETED")).isGreaterThan(outcomes.values().stream().mapToLong(Long::longValue).sum() / 2);
    assertThat(count("SELECT COUNT(DISTINCT LEAD_STATE_) FROM UR_METRIC_REQUEST")).isGreaterThan(60);
    assertThat(count("SELECT COUNT(DISTINCT THEME_) FROM UR_METRIC_REQUEST")).isGreaterThan(12);
    assertThat(count("SELECT COUNT(DISTINCT OFFICE_) FROM UR_METRIC_REQUEST")).isGreaterThan(10);
    assertThat(count("SELECT COUNT(DISTINCT BAND_) FROM UR_METRIC_REQUEST")).isEqualTo(3);
    assertThat(count("SELECT COUNT(DISTINCT REGION_) FROM UR_METRIC_REQUEST")).isEqualTo(5);
    Set<String> developed = referenceData.memberStates().stream()
        .filter(s -> s.para24Status() == org.unodc.uponrequest.referencedata.Para24Status.DEVELOPED)
        .map(s -> s.iso3()).collect(Collectors.toSet());
    long fromDeveloped = jdbc.queryForList("SELECT LEAD_STATE_ FROM UR_METRIC_REQUEST", String.class).stream()
        .filter(developed::contains).count();
    assertThat(fromDeveloped).as("requests from developed economies").isLessThan(N / 10);
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE FILED_AT_ < ?",
        new Timestamp(Instant.ofEpochMilli(now).minusSeconds(4L * 365 * 86400).toEpochMilli()))).isPositive();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE FUNDING_ = 'FUNDED' AND (FUNDING_SOURCE_ IS NULL "
        + "OR FUNDED_USD_ IS NULL OR FUNDED_USD_ > BUDGET_USD_)")).isZero();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE OUTCOME_ = 'COMPLETED' AND OBSTACLES_ IS NULL")).isZero();
    assertThat(count("SELECT SUM(INTAKE_LATE_ + ASSESSMENT_LATE_ + CONSULTATION_LATE_ + FUNDING_LATE_ + ASSIGNMENT_LATE_ "
        + "+ DELIVERY_LATE_ + REPORTING_LATE_) FROM UR_METRIC_REQUEST")).as("some tasks were late").isPositive();
    // more requests in the last year than in the first
    long firstYear = report.filedByYear().values().iterator().next();
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE FILED_AT_ > ?",
        new Timestamp(now - 365L * 86_400_000))).isGreaterThan(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE FILED_AT_ < ?",
        new Timestamp(Instant.ofEpochMilli(now).minusSeconds(4L * 365 * 86400).toEpochMilli())));
    assertThat(firstYear).isPositive();
  }

  @Test
  @Order(8)
  void refusesToGenerateAgainUnlessToldToAddMore() {
    assertThatThrownBy(() -> generator.generate(SETTINGS, now)).isInstanceOf(HistoryGenerator.Refused.class)
        .hasMessageContaining("already holds 500 generated requests").hasMessageContaining("uponrequest.generate.add=true");
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST")).isEqualTo(N);

    long flowsBefore = count("SELECT COUNT(*) FROM UR_METRIC_FLOW");
    HistoryGenerator.Report more = generator.generate(new GenerateSettings(50, 1, 7, true, GenerateSettings.Then.SERVE, 20), now);
    assertThat(more.requests()).isEqualTo(50);
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_REQUEST")).isEqualTo(N + 50);
    assertThat(jdbc.queryForObject("SELECT MAX(PROC_INST_ID_) FROM UR_METRIC_REQUEST", String.class)).isEqualTo("generated-00000550");
    assertThat(count("SELECT COUNT(*) FROM UR_METRIC_FLOW")).isEqualTo(flowsBefore + more.rows().get("UR_METRIC_FLOW"));
  }

  private long count(String sql, Object... arguments) {
    Number count = jdbc.queryForObject(sql, Number.class, arguments);
    return count == null ? 0 : count.longValue();
  }
}
