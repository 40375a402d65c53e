package org.unodc.uponrequest.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unodc.uponrequest.process.ProcessTestSupport;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * How long the annual report takes to build over 100,000 requests: its figures (a handful of grouped
 * queries over UR_METRIC_REQUEST), its page, and the PDF that publishing makes. The requests are
 * written straight into the reporting table, filed and closed in 2010-2012, each completed one with
 * its own obstacle text (the worst case for the report's length). Not part of {@code mvn verify}: it runs
 * with the benchmarks ({@code mvn -B -Pbench verify}) or alone ({@code mvn -B test -Dtest=ReportBuildBenchmark})
 * and writes target/bench/report.md
 * (BENCHMARKS.md, "The annual report").
 */
class ReportBuildBenchmark extends ProcessTestSupport {

  private static final Logger LOG = LoggerFactory.getLogger(ReportBuildBenchmark.class);
  private static final int REQUESTS = 100_000;
  private static final long DAY = 86_400_000L;
  private static final String[] OUTCOMES = {"COMPLETED", "COMPLETED", "COMPLETED", "DECLINED", "WITHDRAWN",
      "WITHDRAWN_NO_ANSWER", "CLOSED_UNFUNDED"};
  private static final String[] STAGES = {"INTAKE", "ASSESSMENT", "CONSULTATION", "FUNDING", "ASSIGNMENT", "DELIVERY", "REPORTING"};

  @Autowired JdbcTemplate jdbc;
  @Autowired ReferenceData referenceData;
  @Autowired FiguresFromMetrics figures;
  @Autowired ReportHtml html;
  @Autowired ReportPdf pdf;

  @Test
  void aYearOfAHundredThousandRequestsIsCompiledRenderedAndPrinted() throws java.io.IOException {
    insertRequests();
    ReportPeriod year2011 = new ReportPeriod(LocalDate.parse("2011-01-01"), LocalDate.parse("2011-12-31"));
    figures.compile(year2011, Instant.now()); // warm-up: the first run loads classes and plans

    StringBuilder report = new StringBuilder("# The annual report over " + REQUESTS + " requests (the year 2011)\n\n"
        + "| Run | Figures (ms) | Page (ms) | Page (KB) | PDF (ms) | PDF (KB) | All (ms) |\n|---|---|---|---|---|---|---|\n");
    for (int run = 1; run <= 3; run++) {
      long start = System.nanoTime();
      ReportFigures compiled = figures.compile(year2011, Instant.now());
      long queried = System.nanoTime();
      String page = html.page(compiled, ReportHtml.Heading.draft("Implementation report 2011", year2011, null));
      long rendered = System.nanoTime();
      byte[] document = pdf.of(html.printable(compiled, ReportHtml.Heading.draft("Implementation report 2011", year2011, null)));
      long printed = System.nanoTime();
      assertThat(compiled.total().received() + compiled.total().openAtEnd()).isPositive();
      assertThat(new String(document, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      report.append(String.format("| %d | %d | %d | %d | %d | %d | %d |%n", run, (queried - start) / 1_000_000,
          (rendered - queried) / 1_000_000, page.length() / 1024, (printed - rendered) / 1_000_000, document.length / 1024,
          (printed - start) / 1_000_000));
    }
    LOG.info("{}", report);
    java.nio.file.Path out = java.nio.file.Path.of("target", "bench", "report.md");
    java.nio.file.Files.createDirectories(out.getParent());
    java.nio.file.Files.writeString(out, report);
  }

  /** Requests filed from 2010 to 2012, each closed within the next year and by the end of 2012. */
  private void insertRequests() {
    Random random = new Random(64_179);
    List<String> themes = referenceData.thematicAreas().stream().map(area -> area.code()).toList();
    List<String> offices = referenceData.offices().stream().map(office -> office.code()).toList();
    List<String> states = referenceData.memberStates().stream().map(state -> state.iso3()).toList();
    String[] regions = {"Africa", "Americas", "Asia", "Europe", "Oceania"};
    String[] bands = {"HIGH", "MEDIUM", "LOW", null};
    String[] sources = {"REGULAR_BUDGET", "GENERAL_PURPOSE", "EARMARKED", "CPCJ_FUND"};
    long first = Instant.parse("2010-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("2012-12-31T00:00:00Z").toEpochMilli();
    StringBuilder stageColumns = new StringBuilder();
    for (String stage : STAGES) {
      stageColumns.append(", ").append(stage).append("_AT_, ").append(stage).append("_LEFT_, ").append(stage).append("_MS_, ")
          .append(stage).append("_TASKS_, ").append(stage).append("_LATE_");
    }
    String sql = "INSERT INTO UR_METRIC_REQUEST (PROC_INST_ID_, REFERENCE_, LEAD_STATE_, REGION_, THEME_, THEMES_, BAND_, "
        + "OFFICE_, STAGE_, STAGE_SINCE_, OUTCOME_, FILED_AT_, CLOSED_AT_, BUDGET_USD_, FUNDING_, FUNDING_SOURCE_, FUNDED_USD_, "
        + "OBSTACLES_, TO_ASSIGNMENT_MS_, TO_CLOSURE_MS_" + stageColumns + ") VALUES (" + "?, ".repeat(20 + 5 * STAGES.length)
        .replaceAll(", $", "") + ")";
    List<Object[]> batch = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      long filed = first + (long) (random.nextDouble() * (last - first - 400 * DAY));
      long closed = Math.min(last, filed + (1 + random.nextInt(360)) * DAY);
      String outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
      String theme = themes.get(random.nextInt(themes.size()));
      String other = themes.get(random.nextInt(themes.size()));
      boolean completed = outcome.equals("COMPLETED");
      boolean funded = completed || random.nextInt(4) == 0;
      List<Object> row = new ArrayList<>(List.of("scale-" + i, String.format("TA-2011-%05d", i % 100_000),
          states.get(random.nextInt(states.size())), regions[random.nextInt(regions.length)], theme, theme + "," + other));
      row.add(bands[random.nextInt(bands.length)]);
      row.add(completed ? offices.get(random.nextInt(offices.size())) : null);
      row.add("CLOSED");
      row.add(new Timestamp(closed));
      row.add(outcome);
      row.add(new Timestamp(filed));
      row.add(new Timestamp(closed));
      row.add(50_000.0 + random.nextInt(500_000));
      row.add(funded ? "FUNDED" : null);
      row.add(funded ? sources[random.nextInt(sources.length)] : null);
      row.add(funded ? 40_000.0 + random.nextInt(400_000) : null);
      row.add(completed ? "Obstacle " + i + ": turnover of trained staff and delays in the legislative calendar." : null);
      row.add(completed ? (closed - filed) / 2 : null);
      row.add(closed - filed);
      long at = filed;
      long share = (closed - filed) / STAGES.length;
      for (String stage : STAGES) {
        boolean reached = completed || stage.equals("INTAKE");
        row.add(reached ? new Timestamp(at) : null);
        row.add(reached ? new Timestamp(at + share) : null);
        row.add(reached ? share : 0L);
        row.add(reached ? 1 : 0);
        row.add(reached && random.nextInt(5) == 0 ? 1 : 0);
        at += share;
      }
      batch.add(row.toArray());
      if (batch.size() == 5_000) {
        jdbc.batchUpdate(sql, batch);
        batch.clear();
      }
    }
    jdbc.batchUpdate(sql, batch);
  }
}
