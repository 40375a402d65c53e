package org.unodc.uponrequest.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unodc.uponrequest.process.ProcessTestSupport;
import org.unodc.uponrequest.tracking.RequestIndex.Entry;
import org.unodc.uponrequest.tracking.RequestIndex.Order;

/** The request index follows the engine: filing, each stage, the band, the office, the end; and it is rebuilt from history. */
class RequestIndexTest extends ProcessTestSupport {

  @Autowired RequestIndex index;
  @Autowired RequestIndexRebuild rebuild;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aFiledRequestIsIndexedWithItsReferenceLeadStateTitleAndStage() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    Entry entry = entry(pi);
    assertThat(entry.reference()).isEqualTo(reference(pi)).matches("TA-\\d{4}-\\d{5}");
    assertThat(entry.leadState()).isEqualTo("KEN");
    assertThat(entry.title()).isEqualTo("Strengthening the criminal justice response");
    assertThat(entry.stage()).isEqualTo("INTAKE");
    assertThat(entry.closedAt()).isNull();
    assertThat(entry.filedAt()).isNotNull();
  }

  @Test
  void theIndexFollowsTheRequestToItsOfficeAndBand() {
    ProcessInstance pi = requestAssignedToOffice("KEN");
    Entry entry = entry(pi);
    assertThat(entry.stage()).isEqualTo("ASSIGNMENT");
    assertThat(entry.priorityBand()).isEqualTo(runtimeService().getVariable(pi.getId(), PRIORITY_BAND));
    assertThat(entry.assignedOffice()).isEqualTo("ROEA");
    assertThat(entry.lastChange()).isAfterOrEqualTo(entry.filedAt());
  }

  @Test
  void aWithdrawnRequestIsClosedWithItsOutcome() {
    ProcessInstance pi = submit("KEN", "CORRUPTION");
    runtimeService().createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceBusinessKey(reference(pi))
        .setVariable(WITHDRAWAL_REASON, "Covered by the national programme").correlate();
    Entry entry = entry(pi);
    assertThat(entry.outcome()).isEqualTo("WITHDRAWN");
    assertThat(entry.stage()).isEqualTo("CLOSED");
    assertThat(entry.closedAt()).isNotNull();
  }

  @Test
  void requestsMissingFromTheIndexAreAddedFromHistoryAtStart() {
    ProcessInstance pi = requestAssignedToOffice("COL");
    Entry before = entry(pi);
    jdbc.update("DELETE FROM UR_REQUEST WHERE PROC_INST_ID_ = ?", pi.getId());
    assertThat(index.byReference(before.reference())).isEmpty();

    rebuild.addMissing();

    Entry after = entry(pi);
    assertThat(List.of(after.reference(), after.leadState(), after.title(), after.stage(), after.priorityBand(), after.assignedOffice()))
        .isEqualTo(List.of(before.reference(), before.leadState(), before.title(), before.stage(), before.priorityBand(), before.assignedOffice()));
    assertThat(after.filedAt()).isEqualTo(before.filedAt());
  }

  @Test
  void aStateSeesItsOwnRequestsFoundByTitleOrReferenceAndSortedAsAsked() {
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - 60_000));
    ProcessInstance first = submit(submission("SLE", "CORRUPTION").putValue(TITLE, "Asset recovery for Sierra Leone"));
    ClockUtil.reset();
    ProcessInstance second = submit(submission("SLE", "CORRUPTION").putValue(TITLE, "Witness protection 100% (phase_2)"));
    submit(submission("LBR", "CORRUPTION").putValue(TITLE, "Asset recovery for Liberia"));

    assertThat(references(index.visibleTo(Set.of("SLE"), null, Order.FILED, true, 0, 10)))
        .containsExactly(reference(second), reference(first));
    assertThat(references(index.visibleTo(Set.of("SLE"), "asset", Order.FILED, true, 0, 10)))
        .containsExactly(reference(first));
    assertThat(references(index.visibleTo(Set.of("SLE"), reference(second).toLowerCase(), Order.FILED, true, 0, 10)))
        .containsExactly(reference(second));
    assertThat(references(index.visibleTo(Set.of("SLE"), "100%", Order.FILED, true, 0, 10)))
        .as("% and _ are text, not wildcards").containsExactly(reference(second));
    assertThat(references(index.visibleTo(Set.of("SLE"), "0_", Order.FILED, true, 0, 10))).isEmpty();
    assertThat(references(index.visibleTo(Set.of("SLE"), null, Order.TITLE, false, 0, 10)))
        .containsExactly(reference(first), reference(second));
    RequestIndex.Page onePerPage = index.visibleTo(Set.of("SLE"), null, Order.TITLE, false, 1, 1);
    assertThat(references(onePerPage)).containsExactly(reference(second));
    assertThat(onePerPage.total()).isEqualTo(2);
  }

  private Entry entry(ProcessInstance pi) {
    return index.byReference(reference(pi)).orElseThrow();
  }

  private String reference(ProcessInstance pi) {
    return historyService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getBusinessKey();
  }

  private static List<String> references(RequestIndex.Page page) {
    return page.entries().stream().map(Entry::reference).toList();
  }
}
