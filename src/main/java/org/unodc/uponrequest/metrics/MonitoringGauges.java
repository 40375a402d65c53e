package org.unodc.uponrequest.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Stage;

/**
 * What a monitoring system scrapes at {@code /actuator/prometheus} (Micrometer): open requests by
 * stage, overdue tasks by office, stage durations over the last twelve months, and the job
 * executor's health (jobs due, jobs failed with no retries left, whether it runs). Read from the
 * reporting tables and the engine every {@code uponrequest.metrics.gauge-interval}, not on each
 * scrape, so a scraper cannot load the database.
 */
@Component
class MonitoringGauges {

  private final NamedParameterJdbcTemplate jdbc;
  private final ManagerMetrics metrics;
  private final ManagementService managementService;
  private final ProcessEngineConfigurationImpl engineConfiguration;
  private final MultiGauge openByStage;
  private final MultiGauge overdueByOffice;
  private final MultiGauge stageDurations;
  private volatile long jobsDue;
  private volatile long jobsFailed;

  MonitoringGauges(MeterRegistry registry, NamedParameterJdbcTemplate jdbc, ManagerMetrics metrics,
      ManagementService managementService, ProcessEngineConfiguration engineConfiguration) {
    this.jdbc = jdbc;
    this.metrics = metrics;
    this.managementService = managementService;
    this.engineConfiguration = (ProcessEngineConfigurationImpl) engineConfiguration;
    this.openByStage = MultiGauge.builder("uponrequest.requests.open")
        .description("Open requests by the stage they are in").baseUnit("requests").register(registry);
    this.overdueByOffice = MultiGauge.builder("uponrequest.tasks.overdue")
        .description("Tasks open past their due date, by the office of their request (none before assignment)")
        .baseUnit("tasks").register(registry);
    this.stageDurations = MultiGauge.builder("uponrequest.stage.duration")
        .description("Days spent in each stage by the requests that left it in the last twelve months (median, p90)")
        .baseUnit("days").register(registry);
    Gauge.builder("uponrequest.jobs.due", () -> jobsDue).description("Jobs due now and not yet run (timers, asynchronous steps)")
        .register(registry);
    Gauge.builder("uponrequest.jobs.failed", () -> jobsFailed)
        .description("Jobs whose retries are spent: each is an incident in Cockpit").register(registry);
    Gauge.builder("uponrequest.job.executor.active", () -> this.engineConfiguration.getJobExecutor() != null
        && this.engineConfiguration.getJobExecutor().isActive() ? 1 : 0)
        .description("1 while this node's job executor runs").register(registry);
  }

  @Scheduled(initialDelay = 0, fixedDelayString = "${uponrequest.metrics.gauge-interval:PT30S}")
  void refresh() {
    List<MultiGauge.Row<?>> open = new ArrayList<>();
    Map<String, Long> counts = new java.util.HashMap<>();
    jdbc.queryForList("SELECT STAGE_, COUNT(*) AS N FROM UR_METRIC_REQUEST WHERE CLOSED_AT_ IS NULL GROUP BY STAGE_",
        Map.of()).forEach(row -> counts.put((String) row.get("STAGE_"), ManagerMetrics.number(row.get("N"))));
    for (Stage stage : RequestMetrics.TIMED_STAGES) {
      open.add(row(Tags.of("stage", stage.name()), counts.getOrDefault(stage.name(), 0L)));
    }
    openByStage.register(open, true);

    List<MultiGauge.Row<?>> overdue = new ArrayList<>();
    jdbc.queryForList("SELECT R.OFFICE_, COUNT(*) AS N FROM UR_METRIC_WAIT W JOIN UR_METRIC_REQUEST R ON "
        + "R.PROC_INST_ID_ = W.PROC_INST_ID_ WHERE W.TASK_ = TRUE AND W.DUE_AT_ < :now GROUP BY R.OFFICE_",
        new MapSqlParameterSource("now", metrics.now())).forEach(row -> overdue.add(row(
            Tags.of("office", row.get("OFFICE_") == null ? "none" : (String) row.get("OFFICE_")),
            ManagerMetrics.number(row.get("N")))));
    overdueByOffice.register(overdue, true);

    YearMonth now = YearMonth.from(EngineClock.INSTANCE.instant().atZone(EngineClock.INSTANCE.getZone()));
    MetricsFilter lastYear = new MetricsFilter(now.minusMonths(11), now, null, null, null, null);
    List<MultiGauge.Row<?>> durations = new ArrayList<>();
    metrics.stageTimes(lastYear).rows().forEach(row -> {
      String stage = (String) row.get("stage");
      durations.add(row(Tags.of("stage", stage, "quantile", "0.5"), number(row.get("medianDays"))));
      durations.add(row(Tags.of("stage", stage, "quantile", "0.9"), number(row.get("p90Days"))));
    });
    stageDurations.register(durations, true);

    // executable: retries left and due (no due date, or due by now)
    jobsDue = managementService.createJobQuery().executable().count();
    jobsFailed = managementService.createJobQuery().noRetriesLeft().count();
  }

  private static MultiGauge.Row<?> row(Tags tags, double value) {
    return MultiGauge.Row.of(tags, (Supplier<Number>) () -> value);
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }
}
