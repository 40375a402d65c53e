package org.unodc.uponrequest.metrics;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
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

  private final RepositoryService repositoryService;
  private final ManagerMetrics metrics;
  private final MeasuredRequests requests;
  private final Map<String, Model> models = new ConcurrentHashMap<>();

  /** The process version drawn, with the names and kinds of its elements. */
  private record Model(ProcessDiagram diagram, Map<String, String> kinds) {}

  Heatmap(RepositoryService repositoryService, ManagerMetrics metrics, MeasuredRequests requests) {
    this.repositoryService = repositoryService;
    this.metrics = metrics;
    this.requests = requests;
  }

  List<Entry> entries(MetricsFilter filter) {
    Model model = latest();
    long now = metrics.now().getTime();
    int fromMonth = MeasuredRequest.monthNumber(filter.from());
    int toMonth = MeasuredRequest.monthNumber(filter.to());
    Map<String, Map<String, Long>> since = new HashMap<>();
    long[] taken = requests.compute(snapshot -> {
      RequestColumns c = snapshot.columns();
      long[] counts = new long[requests.flowCount()];
      for (int slot : snapshot.covered(filter)) {
        MeasuredRequest request = snapshot.rows()[slot];
        if (c.isOpen(slot)) {
          for (MeasuredRequest.Wait wait : request.waits()) {
            String element = wait.activity().replace(MULTI_INSTANCE_BODY, "");
            // a request counts once per step, waiting since its earliest instance there
            since.computeIfAbsent(element, e -> new HashMap<>()).merge(request.id(), wait.startedAt(), Math::min);
          }
        }
        for (int flow : request.flows()) {
          int month = MeasuredRequest.monthOf(flow);
          if (month >= fromMonth && month <= toMonth) {
            // every flow in the snapshot was numbered before it was taken
            counts[MeasuredRequest.flowNumber(flow)]++;
          }
        }
      }
      return counts;
    });

    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, String> element : model.kinds().entrySet()) {
      String id = element.getKey();
      String kind = element.getValue();
      String name = model.diagram().name(id).orElse(id);
      if (kind.equals("flow")) {
        int number = requests.flowNumber(id);
        entries.add(new Entry(id, kind, name, 0, null, number >= 0 && number < taken.length ? taken[number] : 0));
      } else {
        Map<String, Long> waits = since.getOrDefault(id, Map.of());
        entries.add(new Entry(id, kind, name, waits.size(), median(waits.values().stream()
            .mapToLong(started -> now - started).sorted().toArray()), 0));
      }
    }
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
