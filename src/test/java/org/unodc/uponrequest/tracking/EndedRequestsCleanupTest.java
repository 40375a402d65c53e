package org.unodc.uponrequest.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.unodc.uponrequest.process.ProcessVariables.DECLINE_REASON;
import static org.unodc.uponrequest.process.ProcessVariables.SCREENING_OUTCOME;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.SCREEN_REQUEST;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * A request's rows leave the product only once the engine's history cleanup has removed its
 * history, ten years (the process's time to live) after it ended. In a database of its own: the
 * engine's cleanup here removes every expired request's history, not only this test's.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:ended-requests-${random.uuid};DB_CLOSE_DELAY=-1")
class EndedRequestsCleanupTest extends ProcessTestSupport {

  private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
  /** The tables holding a request's rows, with the column naming it. */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("UR_REQUEST", "PROC_INST_ID_");
    TABLES.put("UR_METRIC_REQUEST", "PROC_INST_ID_");
    TABLES.put("UR_METRIC_FLOW", "PROC_INST_ID_");
    TABLES.put("UR_DOCUMENT", "PROC_INST_ID_");
    TABLES.put("UR_DOCUMENT_CONTENT", "PROC_INST_ID_");
    TABLES.put("UR_OUTBOX", "PROC_INST_ID_");
  }

  @Autowired EndedRequestsCleanup cleanup;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anEndedRequestsRowsGoOnlyAfterTheEngineHasRemovedItsHistoryAndOpenOrRecentOnesStay() {
    ClockUtil.setCurrentTime(Date.from(T0));
    ProcessInstance expired = submit("KEN", "CORRUPTION");
    decline(expired);
    attachDocument(expired);
    ProcessInstance open = submit("KEN", "CORRUPTION");
    attachDocument(open);

    Instant now = T0.plus(Duration.ofDays(3651));
    ClockUtil.setCurrentTime(Date.from(now));
    ProcessInstance recent = submit("PAK", "CYBERCRIME");
    decline(recent);
    assertThat(rows(expired)).as("rows of the expired request before any cleanup").allSatisfy(this::someRows);

    assertThat(cleanup.removeExpired(now)).as("the engine still holds its history: nothing goes").isZero();
    assertThat(rows(expired).get("UR_REQUEST")).isOne();

    runTheEnginesHistoryCleanup();
    assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(expired.getId()).count()).isZero();
    assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(recent.getId()).count()).isOne();

    assertThat(cleanup.removeExpired(now)).isOne();
    assertThat(rows(expired)).as("rows of the expired request after both cleanups").allSatisfy((table, n) ->
        assertThat(n).as(table).isZero());
    assertThat(rows(open)).as("the open request keeps its rows").allSatisfy(this::someRowsUnlessNone);
    assertThat(rows(recent).get("UR_REQUEST")).isOne();
    assertThat(rows(recent).get("UR_METRIC_REQUEST")).isOne();
    assertThat(cleanup.removeExpired(now)).as("a second run finds nothing").isZero();
  }

  private void decline(ProcessInstance request) {
    complete(task(SCREEN_REQUEST, request), withVariables(SCREENING_OUTCOME, "DECLINE", DECLINE_REASON,
        "Outside the mandate of UNODC."));
    assertThat(request).isEnded();
  }

  /** A document row and its bytes, as documents/DocumentStore writes them. */
  private void attachDocument(ProcessInstance request) {
    String id = java.util.UUID.randomUUID().toString();
    jdbc.update("INSERT INTO UR_DOCUMENT (ID_, PROC_INST_ID_, REFERENCE_, UPLOADED_BY_, UPLOADED_AT_, NAME_, MEDIA_TYPE_, "
        + "SIZE_, SHA256_) VALUES (?, ?, ?, 'ken.focal', CURRENT_TIMESTAMP, 'plan.pdf', 'application/pdf', 4, 'x')", id,
        request.getId(), request.getBusinessKey());
    jdbc.update("INSERT INTO UR_DOCUMENT_CONTENT (ID_, CONTENT_) VALUES (?, ?)", id, new byte[] {1, 2, 3, 4});
  }

  private void runTheEnginesHistoryCleanup() {
    Job cleanupJob = historyService().cleanUpHistoryAsync(true);
    managementService().executeJob(cleanupJob.getId());
  }

  private Map<String, Long> rows(ProcessInstance request) {
    Map<String, Long> rows = new LinkedHashMap<>();
    TABLES.forEach((table, column) -> rows.put(table, table.equals("UR_DOCUMENT_CONTENT")
        ? jdbc.queryForObject("SELECT COUNT(*) FROM UR_DOCUMENT_CONTENT C JOIN UR_DOCUMENT D ON D.ID_ = C.ID_ "
            + "WHERE D.PROC_INST_ID_ = ?", Long.class, request.getId())
        : jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", Long.class, request.getId())));
    return rows;
  }

  private void someRows(String table, Long n) {
    assertThat(n).as(table).isPositive();
  }

  /** An open request may have had no mail yet; everything else it has. */
  private void someRowsUnlessNone(String table, Long n) {
    if (!List.of("UR_OUTBOX").contains(table)) {
      assertThat(n).as(table).isPositive();
    }
  }
}
