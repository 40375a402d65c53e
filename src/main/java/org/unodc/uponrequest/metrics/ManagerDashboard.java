package org.unodc.uponrequest.metrics;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The managers' dashboard, {@code /manager}: tiles drawn on the server, charts drawn in the
 * browser from the same JSON that {@code /api/metrics} serves (and offers as CSV), the process
 * as a heatmap, one set of filters for all. Managers land here after signing in.
 */
@Controller
class ManagerDashboard {

  /** A chart on the page: its figure, how it is drawn, and the selection a click on a part lists. */
  record Chart(String figure, String title, String type, String note) {}

  static final List<Chart> CHARTS = List.of(
      new Chart("stages", "Requests by stage", "funnel", "Of the requests received in the period, how many reached each "
          + "stage; and how many open requests are in each stage now."),
      new Chart("monthly", "Received and completed per month", "line", null),
      new Chart("regions", "Requests by region", "bar", "Received and completed in the period, by the lead state's region."),
      new Chart("offices", "Requests by office", "bar", "Received and completed in the period, by the office that "
          + "accepted the request."),
      new Chart("themes", "Requests by thematic area", "bar", "By the thematic area that counts for the priority."),
      new Chart("bands", "Requests by priority band", "bar", null),
      new Chart("stage-times", "Time in each stage (days)", "bar", "Median and 90th percentile, of the requests that "
          + "left the stage in the period."),
      new Chart("open-age", "Age of open requests", "bar", "Days since filing, now."),
      new Chart("overdue", "Overdue tasks by office", "bar", "Tasks open past their due date now."),
      new Chart("on-time", "On-time rate per stage (%)", "bar", "Tasks completed by their due date (uponrequest.deadlines), "
          + "of the requests that left the stage in the period."));

  private final ManagerMetrics metrics;
  private final Heatmap heatmap;
  private final MetricsCodes codes;

  ManagerDashboard(ManagerMetrics metrics, Heatmap heatmap, MetricsCodes codes) {
    this.metrics = metrics;
    this.heatmap = heatmap;
    this.codes = codes;
  }

  @GetMapping("/manager")
  String dashboard(@RequestParam Map<String, String> parameters, Model model, HttpServletResponse response) {
    model.addAttribute("regions", codes.regions());
    model.addAttribute("offices", codes.offices());
    model.addAttribute("themes", codes.themes());
    model.addAttribute("bands", MetricsCodes.BANDS);
    model.addAttribute("none", MetricsCodes.NONE);
    model.addAttribute("noneLabel", MetricsCodes.NONE_LABEL);
    model.addAttribute("chosen", parameters);
    MetricsFilter filter;
    try {
      filter = MetricsFilter.of(parameters, EngineClock.INSTANCE, codes);
    } catch (BadMetricsQuery e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("error", e.getMessage());
      model.addAttribute("errorField", e.parameter());
      return "manager/dashboard";
    }
    String query = UriComponentsBuilder.newInstance().queryParams(new org.springframework.util.LinkedMultiValueMap<>(
        filter.asParameters().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()),
            (x, y) -> x, LinkedHashMap::new)))).build().encode().getQuery();
    model.addAttribute("filter", filter);
    model.addAttribute("query", query);
    model.addAttribute("tiles", metrics.summary(filter).rows().get(0));
    model.addAttribute("charts", CHARTS);
    model.addAttribute("heatmap", heatmap.svg(filter));
    return "manager/dashboard";
  }
}
