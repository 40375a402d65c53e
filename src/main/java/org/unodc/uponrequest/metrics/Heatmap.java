package org.unodc.uponrequest.metrics;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.unodc.uponrequest.process.diagram.DiagramMarks;
import org.unodc.uponrequest.process.diagram.ProcessDiagram;

/**
 * The request process as a heatmap: on each step, how many requests wait there now and for how
 * long (median), and on each sequence flow how often it was taken in the period; what Cockpit
 * shows only in its Enterprise edition. Drawn on the latest version of the process.
 */
@Service
class Heatmap {

  /** A step or flow of the process with its figures; {@code taken} for flows, the others for steps. */
  record Entry(String id, String kind, String name, long waiting, Double medianWaitDays, long taken) {}

  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  private final NamedParameterJdbcTemplate jdbc;
  private final RepositoryService repositoryService;
  private final ManagerMetrics metrics;
  private final Map<String, Model> models = new ConcurrentHashMap<>();

  /** The process version drawn, with the names and kinds of its elements. */
  private record Model(ProcessDiagram diagram, Map<String, String> kinds) {}

  Heatmap(NamedParameterJdbcTemplate jdbc, RepositoryService repositoryService, ManagerMetrics metrics) {
    this.jdbc = jdbc;
    this.repositoryService = repositoryService;
    this.metrics = metrics;
  }

  List<Entry> entries(MetricsFilter filter) {
    Model model = latest();
    long now = metrics.now().getTime();
    Map<String, Map<String, Long>> since = new TreeMap<>();
    jdbc.queryForList("SELECT W.ACT_ID_, W.PROC_INST_ID_, W.STARTED_AT_ FROM UR_METRIC_WAIT W JOIN UR_METRIC_REQUEST R "
        + "ON R.PROC_INST_ID_ = W.PROC_INST_ID_ WHERE 1 = 1" + filter.dimensions("R"), filter.parameters())
        .forEach(row -> {
          String element = ((String) row.get("ACT_ID_")).replace(MULTI_INSTANCE_BODY, "");
          long started = ((Timestamp) row.get("STARTED_AT_")).getTime();
          // a request counts once per step, waiting since its earliest instance there
          since.computeIfAbsent(element, e -> new HashMap<>()).merge((String) row.get("PROC_INST_ID_"), started, Math::min);
        });
    Map<String, Long> taken = new HashMap<>();
    jdbc.queryForList("SELECT F.FLOW_ID_, SUM(F.TAKEN_) AS TAKEN FROM UR_METRIC_FLOW_MONTH F WHERE F.MONTH_ >= :fromMonth "
        + "AND F.MONTH_ <= :toMonth" + filter.dimensions("F") + " GROUP BY F.FLOW_ID_", filter.parameters())
        .forEach(row -> taken.put((String) row.get("FLOW_ID_"), ManagerMetrics.number(row.get("TAKEN"))));

    List<Entry> entries = new ArrayList<>();
    model.kinds().forEach((id, kind) -> {
      String name = model.diagram().name(id).orElse(id);
      if (kind.equals("flow")) {
        entries.add(new Entry(id, kind, name, 0, null, taken.getOrDefault(id, 0L)));
      } else {
        Map<String, Long> waits = since.getOrDefault(id, Map.of());
        entries.add(new Entry(id, kind, name, waits.size(), median(waits.values().stream()
            .mapToLong(started -> now - started).sorted().toArray()), 0));
      }
    });
    return entries;
  }

  MetricsTable table(MetricsFilter filter) {
    List<Map<String, Object>> rows = entries(filter).stream().map(entry -> ManagerMetrics.row("id", entry.id(),
        "kind", entry.kind(), "name", entry.name(), "waitingNow", entry.kind().equals("flow") ? null : entry.waiting(),
        "medianWaitDays", entry.medianWaitDays(), "taken", entry.kind().equals("flow") ? entry.taken() : null)).toList();
    return new MetricsTable("heatmap", "The process as a heatmap",
        List.of("id", "kind", "name", "waitingNow", "medianWaitDays", "taken"), rows);
  }

  /** The process drawn as SVG with the figures as badges; steps where requests wait are marked. */
  String svg(MetricsFilter filter) {
    DiagramMarks marks = DiagramMarks.none();
    List<String> waitingAt = new ArrayList<>();
    for (Entry entry : entries(filter)) {
      if (entry.kind().equals("flow")) {
        if (entry.taken() > 0) {
          marks = marks.withFlowBadge(entry.id(), Long.toString(entry.taken()));
        }
      } else if (entry.waiting() > 0) {
        waitingAt.add(entry.id());
        marks = marks.withElementBadge(entry.id(), entry.waiting() + " · " + format(entry.medianWaitDays()) + " d");
      }
    }
    return latest().diagram().svg(marks.withCurrent(waitingAt), "The request process as a heatmap",
        "Each step shows how many requests wait there now and their median waiting time in days; each flow how often "
            + "it was taken in the period.", "heatmap-");
  }

  boolean knows(String elementOrFlow) {
    return latest().kinds().containsKey(elementOrFlow);
  }

  private static String format(Double days) {
    return days == null ? "0" : days >= 10 ? Long.toString(Math.round(days)) : Double.toString(days);
  }

  static Double median(long[] sortedMs) {
    if (sortedMs.length == 0) {
      return null;
    }
    int middle = sortedMs.length / 2;
    double ms = sortedMs.length % 2 == 1 ? sortedMs[middle] : (sortedMs[middle - 1] + sortedMs[middle]) / 2.0;
    return ManagerMetrics.days(ms);
  }

  private Model latest() {
    String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).latestVersion()
        .withoutTenantId().singleResult().getId();
    return models.computeIfAbsent(id, definition -> {
      var bpmn = repositoryService.getBpmnModelInstance(definition);
      Map<String, String> kinds = new java.util.LinkedHashMap<>();
      bpmn.getModelElementsByType(FlowNode.class).forEach(node -> kinds.put(node.getId(), node.getElementType().getTypeName()));
      bpmn.getModelElementsByType(SequenceFlow.class).forEach(flow -> kinds.put(flow.getId(), "flow"));
      return new Model(ProcessDiagram.of(bpmn), kinds);
    });
  }
}
