package org.unodc.uponrequest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.ProcessTestSupport;

/**
 * Four requests driven through the real process driven through the real
 * process on a moved engine clock (days after {@link #T0}, 10 January 2031):
 * <ul>
 *   <li>A, Kenya, corruption: screened day 1, priority kept day 3, funded day 20 (late: due day 18),
 *       office accepts day 22, planned day 30, activity recorded day 50, final report day 55,
 *       feedback day 60, closed day 62;</li>
 *   <li>B, Kenya: filed day 2, declined at screening day 4;</li>
 *   <li>C, Pakistan, cybercrime: filed day 26, accepted day 27, waits for the priority review (due day 32);</li>
 *   <li>D, Kenya: filed day 26, waits for screening (due day 31).</li>
 * </ul>
 * "Now" is day 62 (13 March 2031); the period January to March 2031.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FourRequests extends ProcessTestSupport {

  static final Instant T0 = Instant.parse("2031-01-10T09:00:00Z");
  static final MetricsFilter Q1 = new MetricsFilter(YearMonth.of(2031, 1), YearMonth.of(2031, 3), null, null, null, null);

  @Autowired MeasuredRequests measuredRequests;
  @Autowired JdbcTemplate jdbc;

  protected ProcessInstance a;
  ProcessInstance b;
  ProcessInstance c;
  ProcessInstance d;
  String officeOfA;
  String bandOfA;
  String bandOfC;

  @BeforeAll
  void fourRequests() {
    init(processEngine);
    MetricsFixtures.clear(jdbc, measuredRequests);
    day(0);
    a = submit("KEN", "CORRUPTION");
    day(1);
    accept(a);
    day(2);
    b = submit("KEN", "CORRUPTION");
    day(3);
    keepAssessedPriority(a);
    day(4);
    complete(task(SCREEN_REQUEST, b), withVariables(SCREENING_OUTCOME, "DECLINE", DECLINE_REASON, "Outside the mandate."));
    day(20);
    fund(a);
    day(22);
    officeAccepts(a);
    day(26);
    c = submit("PAK", "CYBERCRIME");
    d = submit("KEN", "CORRUPTION");
    day(27);
    accept(c);
    day(30);
    planDelivery(a, List.of(activity("CAPACITY_BUILDING", "Workshop for prosecutors", "2031-02-20", "2031-02-22", 25)));
    day(50);
    recordActivity(a, 27, "Workshop held; pre and post tests show improved knowledge.");
    day(55);
    writeFinalReport(a);
    day(60);
    complete(task(GIVE_FEEDBACK, a), withVariables(SATISFACTION_RATING, 5, FEEDBACK_COMMENTS, "Useful."));
    day(62);
    complete(task(CLOSE_REQUEST, a), withVariables(CLOSURE_NOTES, "All results delivered."));
    officeOfA = (String) historicVariable(a, ASSIGNED_OFFICE);
    bandOfA = (String) historicVariable(a, PRIORITY_BAND);
    bandOfC = (String) runtimeService().getVariable(c.getId(), PRIORITY_BAND);
  }

  @BeforeEach
  void now() {
    day(62);
  }

  void day(int days) {
    ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(days))));
  }

  static String reference(ProcessInstance pi) {
    return (String) historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(REFERENCE_NUMBER).singleResult().getValue();
  }

  static Object historicVariable(ProcessInstance pi, String name) {
    return historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name)
        .singleResult().getValue();
  }

  static Map<String, Long> column(MetricsTable table, String key, String value) {
    Map<String, Long> values = new java.util.LinkedHashMap<>();
    table.rows().forEach(row -> values.put(String.valueOf(row.get(key)), (Long) row.get(value)));
    return values;
  }

  static Map<String, Map<String, Object>> byKey(MetricsTable table, String key) {
    Map<String, Map<String, Object>> rows = new java.util.LinkedHashMap<>();
    table.rows().forEach(row -> rows.put(String.valueOf(row.get(key)), row));
    return rows;
  }
}
