package org.unodc.uponrequest.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every figure of the managers' dashboard as JSON (the default) or CSV ({@code format=csv} or
 * {@code Accept: text/csv}), with the dashboard's filters. Managers only (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/metrics")
class MetricsApi {

  /** The figures by name, in the order the dashboard shows them. */
  static final List<String> FIGURES = List.of("summary", "stages", "regions", "offices", "themes", "bands", "monthly",
      "stage-times", "open-age", "overdue", "on-time", "heatmap", "requests");

  private final ManagerMetrics metrics;
  private final Heatmap heatmap;
  private final RequestsBehind requestsBehind;
  private final MetricsCodes codes;
  private final Clock clock;
  private final Map<String, Function<MetricsFilter, MetricsTable>> figures = new LinkedHashMap<>();
  /** Writes every cell, null ones included, so that JSON and CSV have the same cells (the product's mapper leaves nulls out). */
  private final ObjectWriter json;

  MetricsApi(ManagerMetrics metrics, Heatmap heatmap, RequestsBehind requestsBehind, MetricsCodes codes,
      ObjectMapper objectMapper) {
    this.json = objectMapper.copy()
        .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
        .writer();
    this.metrics = metrics;
    this.heatmap = heatmap;
    this.requestsBehind = requestsBehind;
    this.codes = codes;
    this.clock = EngineClock.INSTANCE;
    figures.put("summary", metrics::summary);
    figures.put("stages", metrics::stages);
    figures.put("regions", filter -> metrics.by("region", filter));
    figures.put("offices", filter -> metrics.by("office", filter));
    figures.put("themes", filter -> metrics.by("theme", filter));
    figures.put("bands", filter -> metrics.by("band", filter));
    figures.put("monthly", metrics::monthly);
    figures.put("stage-times", metrics::stageTimes);
    figures.put("open-age", metrics::openAge);
    figures.put("overdue", metrics::overdue);
    figures.put("on-time", metrics::onTime);
    figures.put("heatmap", heatmap::table);
  }

  @Operation(summary = "One figure of the managers' dashboard",
      description = "Figures: " + "summary, stages, regions, offices, themes, bands, monthly, stage-times, open-age, overdue, "
          + "on-time, heatmap, requests. The period is whole months, from and to included (default: the last 12 "
          + "months); received, completed and stage figures count what happened in the period, open requests, ages, "
          + "overdue tasks and waiting requests are as of now. 'requests' lists the requests behind a part of a "
          + "figure named by 'select' (received, completed, open, overdue, reached:<stage>, in:<stage>, left:<stage>, "
          + "received-in:<month>, completed-in:<month>, age:<group>, waiting:<step id>, flow:<flow id>). "
          + "JSON by default, CSV with format=csv or Accept: text/csv. Managers only.")
  @GetMapping("/{figure}")
  ResponseEntity<?> figure(@PathVariable String figure,
      @Parameter(description = "first month, YYYY-MM") @RequestParam(required = false) String from,
      @Parameter(description = "last month, YYYY-MM") @RequestParam(required = false) String to,
      @RequestParam(required = false) String region, @RequestParam(required = false) String office,
      @RequestParam(required = false) String theme, @RequestParam(required = false) String band,
      @Parameter(description = "for 'requests': the part of a figure") @RequestParam(required = false) String select,
      @Parameter(description = "for 'requests': at most this many (1-1000, default 100)")
      @RequestParam(required = false) String limit,
      @Parameter(description = "json or csv") @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("from", from);
    parameters.put("to", to);
    parameters.put("region", region);
    parameters.put("office", office);
    parameters.put("theme", theme);
    parameters.put("band", band);
    boolean csv = csv(format, accept);
    if (!FIGURES.contains(figure)) {
      throw new UnknownFigure(figure);
    }
    MetricsFilter filter = MetricsFilter.of(parameters, clock, codes);
    MetricsTable table;
    Long total = null;
    if (figure.equals("requests")) {
      RequestsBehind.Listing listing = requestsBehind.list(filter, select, limit);
      table = listing.table();
      total = listing.total();
    } else {
      table = figures.get(figure).apply(filter);
    }
    if (csv) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(figure, filter) + "\"")
          .body(Csv.of(table));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("figure", table.figure());
    body.put("title", table.title());
    body.put("filter", filter.asParameters());
    if (select != null && figure.equals("requests")) {
      body.put("select", select);
    }
    if (total != null) {
      body.put("total", total);
    }
    body.put("columns", table.columns());
    body.put("rows", table.rows());
    try {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A figure could not be written as JSON", e);
    }
  }

  private static boolean csv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw new BadMetricsQuery("format", "'" + (format.length() > 20 ? format.substring(0, 20) : format)
            + "' is not json or csv");
      };
    }
    return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
  }

  private static String fileName(String figure, MetricsFilter filter) {
    return "uponrequest-" + figure + "-" + filter.from() + "-to-" + filter.to() + ".csv";
  }

  /** A figure name that is not one of {@link #FIGURES}. */
  static class UnknownFigure extends RuntimeException {
    UnknownFigure(String figure) {
      super(figure);
    }
  }

  @ExceptionHandler(BadMetricsQuery.class)
  ResponseEntity<ProblemDetail> badQuery(BadMetricsQuery e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(URI.create("about:blank"));
    problem.setProperty("field", e.parameter());
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(UnknownFigure.class)
  ResponseEntity<ProblemDetail> unknownFigure(UnknownFigure e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "There is no such figure; the figures are " + String.join(", ", FIGURES) + ".");
    problem.setType(URI.create("about:blank"));
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
