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
import java.util.stream.Stream;
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
 * Every figure of the dashboard computed exactly from the four requests of {@link FourRequests},
 * filters included.
 */
class ManagerMetricsTest extends FourRequests {

  @Autowired ManagerMetrics metrics;
  @Autowired Heatmap heatmap;
  @Autowired RequestsBehind behind;

  @Test
  void theTilesCountWhatHappenedInThePeriodAndWhatIsOpenNow() {
    Map<String, Object> tiles = metrics.summary(Q1).rows().get(0);
    assertThat(tiles).containsEntry("openRequests", 2L).containsEntry("received", 4L).containsEntry("completed", 1L)
        .containsEntry("medianDaysToAssignment", 22.0).containsEntry("medianDaysToClosure", 62.0)
        .containsEntry("overdueTasks", 2L)
        .containsEntry("fundingRequestedUsd", 1_000_000L).containsEntry("fundingSecuredUsd", 200_000L);
  }

  @Test
  void theFunnelCountsTheStagesReachedByTheRequestsReceivedAndWhereTheOpenOnesAre() {
    assertThat(column(metrics.stages(Q1), "stage", "reached")).containsExactly(
        // A passed the consultation milestone, none being required
        Map.entry("INTAKE", 4L), Map.entry("ASSESSMENT", 2L), Map.entry("CONSULTATION", 1L), Map.entry("FUNDING", 1L),
        Map.entry("ASSIGNMENT", 1L), Map.entry("DELIVERY", 1L), Map.entry("REPORTING", 1L), Map.entry("COMPLETED", 1L));
    assertThat(column(metrics.stages(Q1), "stage", "openNow"))
        .containsEntry("INTAKE", 1L).containsEntry("ASSESSMENT", 1L).containsEntry("DELIVERY", 0L);
  }

  @Test
  void requestsByRegionOfficeThemeAndBandAreReceivedAndCompletedInThePeriod() {
    assertThat(column(metrics.by("region", Q1), "region", "received")).containsOnly(Map.entry("Africa", 3L), Map.entry("Asia", 1L));
    assertThat(column(metrics.by("region", Q1), "region", "completed")).containsOnly(Map.entry("Africa", 1L), Map.entry("Asia", 0L));
    assertThat(column(metrics.by("office", Q1), "office", "received")).containsOnly(Map.entry(officeOfA, 1L), Map.entry("", 3L));
    assertThat(column(metrics.by("theme", Q1), "theme", "received"))
        .containsOnly(Map.entry("CORRUPTION", 3L), Map.entry("CYBERCRIME", 1L));
    assertThat(metrics.by("office", Q1).rows()).anySatisfy(row -> assertThat(row)
        .containsEntry("office", "").containsEntry("label", MetricsCodes.NONE_LABEL));
    Map<String, Long> bands = column(metrics.by("band", Q1), "band", "received");
    assertThat(bands.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
    // B and D were never assessed; A and C were
    assertThat(bands.get("")).isEqualTo(2L);
    assertThat(bands.get(bandOfA)).isEqualTo(bandOfA.equals(bandOfC) ? 2L : 1L);
  }

  @Test
  void receivedAndCompletedPerMonthListEveryMonthOfThePeriod() {
    assertThat(metrics.monthly(Q1).rows()).containsExactly(
        Map.of("month", "2031-01", "received", 2L, "completed", 0L),
        Map.of("month", "2031-02", "received", 2L, "completed", 0L),
        Map.of("month", "2031-03", "received", 0L, "completed", 1L));
  }

  @Test
  void timeInEachStageIsTheMedianAndNinetiethPercentileOfTheRequestsThatSpentTimeInItAndLeftIt() {
    Map<String, Map<String, Object>> byStage = byKey(metrics.stageTimes(Q1), "stage");
    // INTAKE left by A (1 day), B (2 days, declined) and C (1 day)
    assertThat(byStage.get("INTAKE")).containsEntry("requests", 3L).containsEntry("medianDays", 1.0).containsEntry("p90Days", 1.8);
    assertThat(byStage.get("ASSESSMENT")).containsEntry("requests", 1L).containsEntry("medianDays", 2.0);
    assertThat(byStage.get("FUNDING")).containsEntry("requests", 1L).containsEntry("medianDays", 17.0);
    assertThat(byStage.get("ASSIGNMENT")).containsEntry("medianDays", 2.0);
    assertThat(byStage.get("DELIVERY")).containsEntry("medianDays", 28.0);
    assertThat(byStage.get("REPORTING")).containsEntry("medianDays", 12.0);
    // A passed through consultation in the same step (none required): no time spent there, not counted
    assertThat(byStage.get("CONSULTATION")).containsEntry("requests", 0L).containsEntry("medianDays", null);
  }

  @Test
  void openRequestsAreGroupedByAgeAndOverdueTasksByOffice() {
    assertThat(column(metrics.openAge(Q1), "age", "openRequests")).containsExactly(Map.entry("0-30 days", 0L),
        Map.entry("30-90 days", 2L), Map.entry("90-180 days", 0L), Map.entry("180-365 days", 0L), Map.entry("365+ days", 0L));
    assertThat(column(metrics.overdue(Q1), "office", "overdueTasks")).containsOnly(Map.entry("", 2L));
  }

  @Test
  void theOnTimeRateCountsTasksCompletedByTheirDueDate() {
    Map<String, Map<String, Object>> byStage = byKey(metrics.onTime(Q1), "stage");
    assertThat(byStage.get("INTAKE")).containsEntry("tasks", 3L).containsEntry("onTime", 3L).containsEntry("onTimeRate", 100.0)
        .containsEntry("deadline", "P5D");
    assertThat(byStage.get("FUNDING")).containsEntry("tasks", 1L).containsEntry("onTime", 0L).containsEntry("onTimeRate", 0.0);
    assertThat(byStage.get("DELIVERY")).containsEntry("tasks", 2L).containsEntry("onTime", 2L);
    assertThat(byStage.get("REPORTING")).containsEntry("tasks", 3L).containsEntry("onTime", 3L);
    assertThat(byStage.get("CONSULTATION")).containsEntry("tasks", 0L).containsEntry("onTimeRate", null);
  }

  @Test
  void theHeatmapShowsWhoWaitsWhereAndHowOftenEachFlowWasTaken() {
    Map<String, Heatmap.Entry> entries = heatmap.entries(Q1).stream()
        .collect(Collectors.toMap(Heatmap.Entry::id, entry -> entry));
    assertThat(entries.get(SCREEN_REQUEST).waiting()).isEqualTo(1);
    assertThat(entries.get(SCREEN_REQUEST).medianWaitDays()).isEqualTo(36.0);
    assertThat(entries.get(REVIEW_PRIORITY).waiting()).isEqualTo(1);
    assertThat(entries.get(REVIEW_PRIORITY).medianWaitDays()).isEqualTo(35.0);
    assertThat(entries.get(CONFIRM_FUNDING).waiting()).isZero();
    assertThat(entries.get("Flow_SubmittedToRegister").taken()).isEqualTo(4);
    assertThat(entries.get("Flow_Accepted").taken()).isEqualTo(2);
    assertThat(entries.get("Flow_Declined").taken()).isEqualTo(1);
    assertThat(entries.get("Flow_Funded").taken()).isEqualTo(1);
    assertThat(entries.get("Flow_CloseToEnd").taken()).isEqualTo(1);
    assertThat(entries.get("Flow_Unfunded").taken()).isZero();
    assertThat(heatmap.svg(Q1)).contains("data-badge-for=\"" + SCREEN_REQUEST + "\"").contains("1 · 36 d");
  }

  @Test
  void everyFigureHonoursTheFilters() {
    MetricsFilter asia = new MetricsFilter(Q1.from(), Q1.to(), "Asia", null, null, null);
    assertThat(metrics.summary(asia).rows().get(0)).containsEntry("received", 1L).containsEntry("openRequests", 1L)
        .containsEntry("completed", 0L).containsEntry("overdueTasks", 1L);
    MetricsFilter office = new MetricsFilter(Q1.from(), Q1.to(), null, officeOfA, null, null);
    assertThat(metrics.summary(office).rows().get(0)).containsEntry("received", 1L).containsEntry("completed", 1L)
        .containsEntry("openRequests", 0L);
    // A's flows moved to its office when the office accepted it, the early ones included
    Map<String, Heatmap.Entry> entries = heatmap.entries(office).stream()
        .collect(Collectors.toMap(Heatmap.Entry::id, entry -> entry));
    assertThat(entries.get("Flow_SubmittedToRegister").taken()).isEqualTo(1);
    assertThat(entries.get("Flow_Declined").taken()).isZero();
    MetricsFilter cybercrime = new MetricsFilter(Q1.from(), Q1.to(), null, null, "CYBERCRIME", null);
    assertThat(column(metrics.stages(cybercrime), "stage", "reached")).containsEntry("INTAKE", 1L)
        .containsEntry("ASSESSMENT", 1L).containsEntry("FUNDING", 0L);
    MetricsFilter band = new MetricsFilter(Q1.from(), Q1.to(), null, null, null, bandOfA);
    long withBandOfA = bandOfA.equals(bandOfC) ? 2 : 1;
    assertThat(metrics.summary(band).rows().get(0)).containsEntry("received", withBandOfA);
    MetricsFilter february = new MetricsFilter(YearMonth.of(2031, 2), YearMonth.of(2031, 2), null, null, null, null);
    assertThat(metrics.summary(february).rows().get(0)).containsEntry("received", 2L).containsEntry("completed", 0L)
        .containsEntry("openRequests", 2L);
    assertThat(heatmap.entries(february).stream().filter(e -> e.id().equals("Flow_SubmittedToRegister")).findFirst()
        .orElseThrow().taken()).isEqualTo(2);
  }

  @Test
  void theRequestsBehindAFigureAreAsManyAsItCounts() {
    assertThat(behind.list(Q1, "received", null).total()).isEqualTo(4);
    assertThat(references(behind.list(Q1, "completed", null))).containsExactly(reference(a));
    assertThat(references(behind.list(Q1, "open", null))).containsExactlyInAnyOrder(reference(c), reference(d));
    assertThat(references(behind.list(Q1, "overdue", null))).containsExactlyInAnyOrder(reference(c), reference(d));
    assertThat(references(behind.list(Q1, "reached:ASSESSMENT", null))).containsExactlyInAnyOrder(reference(a), reference(c));
    assertThat(references(behind.list(Q1, "waiting:" + SCREEN_REQUEST, null))).containsExactly(reference(d));
    assertThat(references(behind.list(Q1, "flow:Flow_Declined", null))).containsExactly(reference(b));
    assertThat(references(behind.list(Q1, "received-in:2031-01", null))).containsExactlyInAnyOrder(reference(a), reference(b));
    assertThat(references(behind.list(Q1, "age:1", null))).containsExactlyInAnyOrder(reference(c), reference(d));
    assertThat(references(behind.list(Q1, "left:FUNDING", null))).containsExactly(reference(a));
    assertThat(behind.list(Q1, "received", "2").table().rows()).hasSize(2);
    // newest first (c and d were filed together: by reference), only as many as asked for, all counted
    RequestsBehind.Listing newestThree = behind.list(Q1, "received", "3");
    assertThat(newestThree.total()).isEqualTo(4);
    assertThat(newestThree.table().rows().stream().map(row -> row.get("reference")).toList()).containsExactly(
        Stream.of(reference(c), reference(d)).sorted().toArray()[0], Stream.of(reference(c), reference(d)).sorted().toArray()[1],
        reference(b));
    assertThat(behind.list(Q1, "completed", null).table().rows().get(0).get("link")).isEqualTo("/portal/requests/" + reference(a));
  }


  private static List<Object> references(RequestsBehind.Listing listing) {
    assertThat(listing.total()).isEqualTo(listing.table().rows().size());
    return listing.table().rows().stream().map(row -> row.get("reference")).toList();
  }
}
