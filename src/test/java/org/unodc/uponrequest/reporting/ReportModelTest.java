package org.unodc.uponrequest.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.process.diagram.DiagramMarks;
import org.unodc.uponrequest.process.diagram.ProcessDiagram;

/**
 * The report's BPMN without an engine: made for Camunda 7.24 like the request process, every
 * element named and drawn, the two lanes, forms bound by deployment, the gateway reading only the
 * review form's fields, variables named in {@link ReportVariables}. Leaves the diagram as SVG and
 * HTML under target/diagram/ for a person to look at.
 */
class ReportModelTest {

  private static final String BPMN = "bpmn/annual-implementation-report.bpmn";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXPRESSION_VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*==");

  private final BpmnModelInstance model = Bpmn.readModelFromStream(resource(BPMN));

  @Test
  void madeForCamunda724WithAHistoryTimeToLive() throws IOException {
    String xml = new String(resource(BPMN).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(xml).contains("modeler:executionPlatform=\"Camunda Platform\"", "modeler:executionPlatformVersion=\"7.24.0\"");
    for (Process process : model.getModelElementsByType(Process.class)) {
      assertThat(process.isExecutable()).as(process.getId()).isTrue();
      assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId()).isNotBlank();
    }
    assertThat(model.getModelElementsByType(Process.class)).extracting(Process::getId)
        .containsExactlyInAnyOrder(ReportProcess.PROCESS_KEY, ReportProcess.SCHEDULE_PROCESS_KEY);
  }

  @Test
  void everyElementIsNamedAndDrawnAndTheReportHasItsTwoLanes() {
    Set<String> drawn = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
    List<String> unnamed = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node.getName() == null || node.getName().isBlank()) {
        unnamed.add(node.getId());
      }
    }
    assertThat(unnamed).as("flow nodes without a name").isEmpty();
    Set<String> elements = new TreeSet<>();
    model.getModelElementsByType(FlowElement.class).forEach(element -> elements.add(element.getId()));
    model.getModelElementsByType(MessageFlow.class).forEach(flow -> elements.add(flow.getId()));
    model.getModelElementsByType(Lane.class).forEach(lane -> elements.add(lane.getId()));
    assertThat(drawn).as("diagram interchange of every element").containsAll(elements);
    assertThat(model.getModelElementsByType(Lane.class)).extracting(Lane::getName).containsExactly("Managers", "Reporting system");
    Lane managers = model.getModelElementById("Lane_Managers");
    assertThat(managers.getFlowNodeRefs()).extracting(BaseElement::getId)
        .contains(ReportProcess.REPORT_REQUESTED, ReportProcess.REVIEW_REPORT);
    Lane system = model.getModelElementById("Lane_ReportingSystem");
    assertThat(system.getFlowNodeRefs()).extracting(BaseElement::getId).contains(ReportProcess.YEARLY_REPORT_DUE,
        ReportProcess.CHECK_REPORT_PERIOD, ReportProcess.COMPILE_FIGURES, ReportProcess.PUBLISH_REPORT);
  }

  @Test
  void formsAreBoundByDeploymentAndTheReviewIsForManagers() throws IOException {
    StartEvent manual = model.getModelElementById(ReportProcess.REPORT_REQUESTED);
    assertThat(manual.getCamundaFormRef()).isEqualTo(ReportProcess.PERIOD_FORM);
    assertThat(manual.getCamundaFormRefBinding()).isEqualTo("deployment");
    assertThat(manual.getCamundaInitiator()).isEqualTo(ReportVariables.REQUESTED_BY);
    UserTask review = model.getModelElementById(ReportProcess.REVIEW_REPORT);
    assertThat(review.getCamundaFormRef()).isEqualTo(ReportProcess.REVIEW_FORM);
    assertThat(review.getCamundaFormRefBinding()).isEqualTo("deployment");
    assertThat(review.getCamundaCandidateGroups()).isEqualTo("managers");
    assertThat(formKeys(ReportProcess.PERIOD_FORM)).containsExactly(ReportVariables.PERIOD_FROM, ReportVariables.PERIOD_TO);
    assertThat(formKeys(ReportProcess.REVIEW_FORM)).containsExactly(ReportVariables.REVIEW_DECISION, ReportVariables.REVIEW_COMMENT);
    assertThat(declaredVariables()).containsAll(formKeys(ReportProcess.PERIOD_FORM)).containsAll(formKeys(ReportProcess.REVIEW_FORM));
  }

  @Test
  void theGatewayReadsTheReviewFormsDecisionAndTheSlowStepsRunAsJobsWithRetries() throws IOException {
    Set<String> read = new TreeSet<>();
    for (SequenceFlow flow : model.<FlowNode>getModelElementById(ReportProcess.REVIEW_OUTCOME).getOutgoing()) {
      Matcher variable = EXPRESSION_VARIABLE.matcher(flow.getConditionExpression().getTextContent());
      assertThat(variable.find()).as(flow.getId()).isTrue();
      read.add(variable.group(1));
    }
    assertThat(read).containsExactly(ReportVariables.REVIEW_DECISION);
    assertThat(formKeys(ReportProcess.REVIEW_FORM)).contains(ReportVariables.REVIEW_DECISION);
    String xml = new String(resource(BPMN).readAllBytes(), StandardCharsets.UTF_8);
    for (String step : List.of(ReportProcess.COMPILE_FIGURES, ReportProcess.PUBLISH_REPORT)) {
      FlowNode node = model.getModelElementById(step);
      assertThat(node.isCamundaAsyncBefore()).as(step).isTrue();
      String element = xml.substring(xml.indexOf("id=\"" + step + "\""));
      assertThat(element.substring(0, element.indexOf("</bpmn:serviceTask>")))
          .contains("<camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle>");
    }
  }

  @Test
  void theDiagramIsDrawn() throws IOException {
    ProcessDiagram diagram = ProcessDiagram.of(model);
    String svg = diagram.svg(DiagramMarks.current(List.of(ReportProcess.REVIEW_REPORT)), "Annual implementation report",
        "The report waits for a manager's review.");
    assertThat(diagram.drawnElementIds()).contains(ReportProcess.REVIEW_REPORT, ReportProcess.YEARLY_REPORT_DUE,
        ReportProcess.ASK_FOR_YEARLY_REPORT, "MessageFlow_YearlyReportDue");
    Path out = Path.of("target", "diagram");
    Files.createDirectories(out);
    Files.writeString(out.resolve("annual-implementation-report.svg"), svg);
    Files.writeString(out.resolve("annual-implementation-report.html"), "<!DOCTYPE html><html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><title>Annual implementation report</title></head><body>" + svg + "</body></html>");
  }

  private static List<String> formKeys(String form) throws IOException {
    List<String> keys = new ArrayList<>();
    try (InputStream in = resource("forms/" + form + ".form")) {
      JsonNode root = JSON.readTree(in);
      assertThat(root.path("id").asText()).isEqualTo(form);
      for (JsonNode component : root.path("components")) {
        if (component.hasNonNull("key")) {
          keys.add(component.get("key").asText());
        }
      }
    }
    return keys;
  }

  private static Set<String> declaredVariables() {
    Set<String> names = new HashSet<>();
    for (Field constant : ReportVariables.class.getDeclaredFields()) {
      if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
        try {
          names.add((String) constant.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  private static InputStream resource(String name) {
    InputStream in = ReportModelTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name + " on the classpath").isNotNull();
    return in;
  }
}
