package org.unodc.uponrequest.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.reporting.ReportFigures.Counts;
import org.unodc.uponrequest.reporting.ReportFigures.Days;
import org.unodc.uponrequest.reporting.ReportFigures.EmergingIssue;
import org.unodc.uponrequest.reporting.ReportFigures.Funding;
import org.unodc.uponrequest.reporting.ReportFigures.Line;
import org.unodc.uponrequest.reporting.ReportFigures.StageTime;

/**
 * The report's figures, exactly, from eight requests driven through the real request process in
 * 2018-2020 with the engine's clock at known days (the day numbers below count from 1 March 2019):
 *
 * <pre>
 * A  KEN corruption        filed d0, screened d2, assessed d3, funded d8 (regular budget, 200,000 of 250,000),
 *                          accepted by ROEA d12, delivered d20, final report d22, closed d30: COMPLETED
 * B  COL organized crime   (also forest crime) filed d10, screened d11, assessed d12, funded d14 (general purpose,
 *                          100,000 of 120,000), accepted by COCOL d30 (its task late), delivered d40, report d41,
 *                          closed d50: COMPLETED
 * C  UGA corruption        filed d4, declined at screening d5
 * D  KEN cybercrime        filed d6, withdrawn d7
 * E  COL corruption        filed d8, screened d9, assessed d10, pipeline d11, closed unfunded d20
 * F  KEN urban crime       filed d15, screened d22 (late), open at the end of 2019
 * G  KEN corruption        filed 20 December 2018, withdrawn 10 January 2019
 * H  KEN corruption        filed 5 January 2020 (outside the period)
 * </pre>
 *
 * The report on 2019 is then asked for, compiled, approved and published, and its PDF read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportFiguresTest extends ReportTestSupport {

  private static final Instant DAY_0 = Instant.parse("2019-03-01T00:00:00Z");
  private static final ReportPeriod YEAR_2019 = new ReportPeriod(LocalDate.parse("2019-01-01"), LocalDate.parse("2019-12-31"));

  @Autowired FiguresFromMetrics figuresFromMetrics;
  @Autowired ReferenceData referenceData;

  private final Map<String, ProcessInstance> requests = new LinkedHashMap<>();
  private ReportFigures figures;

  static String d(int day) {
    return DAY_0.plus(day, ChronoUnit.DAYS).toString();
  }

  @BeforeAll
  void eightRequestsAtKnownTimes() {
    init(processEngine);
    try {
      ProcessInstance a = fundedRequest(submission("KEN", "CORRUPTION"), d(0), d(2), d(3), d(8), "REGULAR_BUDGET", 200000);
      deliveredAndClosed(a, d(12), d(20), d(22), "Turnover of trained staff; delays in the legislative calendar.", d(30));
      requests.put("A", a);

      ProcessInstance b = fundedRequest(submission("COL", "ORGANIZED_CRIME", "FOREST_WILDLIFE_CRIME")
          .putValue(PRIMARY_THEMATIC_AREA, "ORGANIZED_CRIME").putValue(ESTIMATED_BUDGET_USD, 120000),
          d(10), d(11), d(12), d(14), "GENERAL_PURPOSE", 100000);
      deliveredAndClosed(b, d(30), d(40), d(41), "Elections postponed the adoption of the law.", d(50));
      requests.put("B", b);

      at(d(4));
      ProcessInstance c = submit("UGA", "CORRUPTION");
      at(d(5));
      complete(task(SCREEN_REQUEST, c), withVariables(SCREENING_OUTCOME, "DECLINE",
          DECLINE_REASON, "Electoral assistance is outside UNODC's mandate."));
      requests.put("C", c);

      at(d(6));
      ProcessInstance dRequest = submit("KEN", "CYBERCRIME");
      withdraw(dRequest, d(7));
      requests.put("D", dRequest);

      at(d(8));
      ProcessInstance e = submit("COL", "CORRUPTION");
      at(d(9));
      accept(e);
      at(d(10));
      keepAssessedPriority(e);
      at(d(11));
      complete(task(CONFIRM_FUNDING, e), withVariables(FUNDING_DECISION, "PIPELINE", FUNDING_NOTES, "Donor talks."));
      execute(job(FUNDING_RECHECK_DUE, e));
      at(d(20));
      complete(task(CONFIRM_FUNDING, e), withVariables(FUNDING_DECISION, "CLOSE_UNFUNDED", FUNDING_NOTES, "No donor found."));
      requests.put("E", e);

      at(d(15));
      ProcessInstance f = submit("KEN", "URBAN_CRIME");
      at(d(22));
      accept(f);
      requests.put("F", f);

      at("2018-12-20T09:00:00Z");
      ProcessInstance g = submit("KEN", "CORRUPTION");
      withdraw(g, "2019-01-10T09:00:00Z");
      requests.put("G", g);

      at("2020-01-05T09:00:00Z");
      requests.put("H", submit("KEN", "CORRUPTION"));

      at("2020-01-15T06:00:00Z");
      figures = figuresFromMetrics.compile(YEAR_2019, ClockUtil.getCurrentTime().toInstant());
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void requestsReceivedInThePeriodAndClosedInItByOutcome() {
    assertThat(figures.total()).isEqualTo(new Counts(6, 2, 1, 2, 0, 1, 1));
  }

  @Test
  void byThematicAreaRegionAndOffice() {
    assertThat(byCode(figures.byTheme())).isEqualTo(Map.of(
        "CORRUPTION", new Counts(3, 1, 1, 1, 0, 1, 0),
        "ORGANIZED_CRIME", new Counts(1, 1, 0, 0, 0, 0, 0),
        "CYBERCRIME", new Counts(1, 0, 0, 1, 0, 0, 0),
        "URBAN_CRIME", new Counts(1, 0, 0, 0, 0, 0, 1)));
    assertThat(figures.byTheme()).extracting(Line::label).startsWith("Corruption", "Transnational organized crime");
    assertThat(byCode(figures.byRegion())).isEqualTo(Map.of(
        "Africa", new Counts(4, 1, 1, 2, 0, 0, 1),
        "Americas", new Counts(2, 1, 0, 0, 0, 1, 0)));
    Map<String, Counts> offices = byCode(figures.byOffice());
    assertThat(offices).containsEntry("ROEA", new Counts(1, 1, 0, 0, 0, 0, 0))
        .containsEntry("COCOL", new Counts(1, 1, 0, 0, 0, 0, 0))
        .containsEntry(null, new Counts(4, 0, 1, 2, 0, 1, 1)).hasSize(3);
    assertThat(figures.byOffice()).last().extracting(Line::label).isEqualTo("No office yet");
  }

  @Test
  void byPriorityBandAsTheAssessmentGaveIt() {
    Map<String, Counts> expected = new LinkedHashMap<>();
    Map<String, Counts> perRequest = Map.of("A", new Counts(1, 1, 0, 0, 0, 0, 0), "B", new Counts(1, 1, 0, 0, 0, 0, 0),
        "E", new Counts(1, 0, 0, 0, 0, 1, 0), "F", new Counts(1, 0, 0, 0, 0, 0, 1));
    perRequest.forEach((request, counts) -> expected.merge(band(request), counts, Counts::plus));
    expected.put(null, new Counts(2, 0, 1, 2, 0, 0, 0)); // C, D and G were never assessed
    assertThat(byCode(figures.byBand())).isEqualTo(expected);
  }

  @Test
  void fundingRequestedAgainstSecuredBySource() {
    assertThat(figures.funding()).containsExactly(
        new Funding("REGULAR_BUDGET", "United Nations regular budget", 1, 250000, 200000),
        new Funding("GENERAL_PURPOSE", "General-purpose (unearmarked) voluntary contributions", 1, 120000, 100000),
        new Funding("CLOSE_UNFUNDED", "Closed unfunded", 1, 250000, 0));
  }

  @Test
  void cycleTimesAreMediansAndNinetiethPercentilesInDays() {
    var times = figures.cycleTimes();
    assertDays(times.toOfficeAcceptance(), 2, 16.0, 19.2);
    assertDays(times.toClosureCompleted(), 2, 35.0, 39.0);
    assertDays(times.toClosureAny(), 6, 16.5, 35.0);
    Map<String, StageTime> stages = times.stages().stream().collect(Collectors.toMap(StageTime::stage, stage -> stage));
    assertDays(stages.get("INTAKE").days(), 7, 1.0, 12.6);
    assertDays(stages.get("ASSESSMENT").days(), 3, 1.0, 1.0);
    assertDays(stages.get("CONSULTATION").days(), 3, 0.0, 0.0);
    assertDays(stages.get("FUNDING").days(), 3, 5.0, 9.0);
    assertDays(stages.get("ASSIGNMENT").days(), 2, 10.0, 14.8);
    assertDays(stages.get("DELIVERY").days(), 2, 9.0, 9.8);
    assertDays(stages.get("REPORTING").days(), 2, 10.0, 10.0);
    // tasks completed in each stage by the requests that left it, and those done after their due date:
    // F's screening (due after 5 days, done after 7) and B's office decision (due after 5, done after 16)
    assertThat(stages.values().stream().collect(Collectors.toMap(StageTime::stage, stage -> List.of(stage.tasks(), stage.lateTasks()))))
        .isEqualTo(Map.of("INTAKE", List.of(5L, 1L), "ASSESSMENT", List.of(3L, 0L), "CONSULTATION", List.of(0L, 0L),
            "FUNDING", List.of(4L, 0L), "ASSIGNMENT", List.of(2L, 1L), "DELIVERY", List.of(4L, 0L),
            "REPORTING", List.of(6L, 0L)));
  }

  @Test
  void obstaclesOfTheFinalReportsByThematicAreaAndOfficeWithTheirReferences() {
    assertThat(figures.obstacles()).hasSize(2);
    assertThat(figures.obstacles()).extracting(group -> group.theme() + "/" + group.office() + "/" + group.reports())
        .containsExactlyInAnyOrder("CORRUPTION/ROEA/1", "ORGANIZED_CRIME/COCOL/1");
    var corruption = figures.obstacles().stream().filter(group -> group.theme().equals("CORRUPTION")).findFirst().orElseThrow();
    assertThat(corruption.themeLabel()).isEqualTo("Corruption");
    assertThat(corruption.officeName()).startsWith("Regional Office for Eastern Africa");
    assertThat(corruption.shown()).singleElement().satisfies(obstacle -> {
      assertThat(obstacle.reference()).isEqualTo(requests.get("A").getBusinessKey());
      assertThat(obstacle.stateName()).isEqualTo("Kenya");
      assertThat(obstacle.text()).isEqualTo("Turnover of trained staff; delays in the legislative calendar.");
    });
  }

  @Test
  void emergingPolicyIssuesAreTheRequestsNamingAParagraph10Area() {
    Map<String, EmergingIssue> issues = figures.emergingIssues().stream()
        .collect(Collectors.toMap(EmergingIssue::code, issue -> issue));
    assertThat(issues.keySet()).containsExactlyInAnyOrder("CYBERCRIME", "ECONOMIC_FRAUD_IDENTITY_CRIME",
        "FOREST_WILDLIFE_CRIME", "URBAN_CRIME", "SEXUAL_EXPLOITATION_OF_CHILDREN");
    assertThat(issues.get("CYBERCRIME")).isEqualTo(new EmergingIssue("CYBERCRIME", "Cybercrime", 1, 0, 0, List.of("Kenya")));
    // B counts under organized crime, its main area, and here under forest crime, which it names too
    assertThat(issues.get("FOREST_WILDLIFE_CRIME")).extracting(EmergingIssue::received, EmergingIssue::completed,
        EmergingIssue::openAtEnd, EmergingIssue::states).containsExactly(1L, 1L, 0L, List.of("Colombia"));
    assertThat(issues.get("URBAN_CRIME")).extracting(EmergingIssue::received, EmergingIssue::openAtEnd, EmergingIssue::states)
        .containsExactly(1L, 1L, List.of("Kenya"));
    assertThat(issues.get("SEXUAL_EXPLOITATION_OF_CHILDREN").received()).isZero();
  }

  @Test
  void ratificationStatusOfTheRequestingStatesFromTheReferenceDataMarkedIllustrative() {
    var ratifications = figures.ratifications();
    assertThat(ratifications.illustrative()).isTrue();
    assertThat(ratifications.asOf()).isEqualTo(referenceData.ratificationsAsOf().orElseThrow());
    assertThat(ratifications.instruments()).extracting(ReportFigures.InstrumentCount::code)
        .containsExactly("UNTOC", "UNTOC_TIP", "UNTOC_SOM", "UNTOC_FIREARMS", "UNCAC");
    assertThat(ratifications.states()).extracting(ReportFigures.StateStatus::iso3, ReportFigures.StateStatus::requests)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("COL", 2L), org.assertj.core.groups.Tuple.tuple("KEN", 3L),
            org.assertj.core.groups.Tuple.tuple("UGA", 1L));
    for (var state : ratifications.states()) {
      assertThat(state.statuses()).as(state.iso3()).isEqualTo(RequestersRatifications.INSTRUMENTS.stream()
          .map(code -> RequestersRatifications.words(referenceData.ratificationStatus(state.iso3(), code))).toList());
    }
    // the seeds' Kenya is not party to the Smuggling of Migrants Protocol; Colombia is party to all
    assertThat(ratifications.states().get(1).statuses().get(2)).isNotEqualTo("Party");
    assertThat(ratifications.states().get(0).statuses()).containsOnly("Party");
    var smuggling = ratifications.instruments().get(2);
    assertThat(smuggling.parties() + smuggling.signatories() + smuggling.notParties()).isEqualTo(3);
  }

  @Test
  void theReportOn2019IsCompiledApprovedAndPublishedAsHtmlAndAPdfHoldingItsKeyFigures() {
    at("2020-01-15T06:00:00Z");
    ProcessInstance report = askForReport("2019-01-01", "2019-12-31");
    runJobAt(report, ReportProcess.COMPILE_FIGURES);
    review(report, withVariables(ReportVariables.REVIEW_DECISION, ReportVariables.APPROVE));
    at("2020-01-16T08:00:00Z");
    runJobAt(report, ReportProcess.PUBLISH_REPORT);
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(report).isEnded();

    Reports.Report row = row(report);
    assertThat(row.title()).isEqualTo("Implementation report 2019");
    String html = new String(reports.html(row.id()).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(html).contains("<h1>Implementation report 2019</h1>", "1 January 2019 to 31 December 2019",
        requests.get("A").getBusinessKey(), "Turnover of trained staff", "Illustrative data", "manager, 15 January 2020, 06:00 UTC",
        "/manager/reports/" + row.id() + ".pdf").doesNotContain("Draft.");

    byte[] pdf = reports.pdf(row.id()).orElseThrow();
    ReportSamples.keep("report-2019", html, pdf);
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    String text = pdfText(pdf).replaceAll("\\s+", " ");
    assertThat(text).contains("Implementation report 2019", "Received (filed in the period) 6", "Completed 2", "Declined 1",
        "Closed unfunded 1", "Open at the end of the period 1", "Corruption 3 1 1 1 1 0",
        "Turnover of trained staff; delays in the legislative calendar.", requests.get("B").getBusinessKey(),
        "United Nations regular budget 1 US$ 250,000 US$ 200,000 80 %", "16.0", "Kenya", "Colombia", "Uganda",
        "Illustrative data", "Approved by manager, 15 January 2020, 06:00 UTC");
    assertThat(text).as("read in order").contains("for the period 1 January 2019 to 31 December 2019.");
  }

  private String band(String request) {
    return (String) historyService().createHistoricVariableInstanceQuery().processInstanceId(requests.get(request).getId())
        .variableName(PRIORITY_BAND).singleResult().getValue();
  }

  private static Map<String, Counts> byCode(List<Line> lines) {
    Map<String, Counts> map = new LinkedHashMap<>();
    lines.forEach(line -> map.put(line.code(), line.counts()));
    return map;
  }

  private static void assertDays(Days days, long requests, double median, double p90) {
    assertThat(days.requests()).as("requests").isEqualTo(requests);
    assertThat(days.median()).as("median").isCloseTo(median, within(0.001));
    assertThat(days.p90()).as("90th percentile").isCloseTo(p90, within(0.001));
  }
}
