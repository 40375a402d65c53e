package org.unodc.uponrequest.process.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The process diagrams drawn from the project's own BPMN files. Besides checking the SVG, each test
 * leaves an HTML page under target/diagram/ and, where Chromium is installed, a PNG screenshot of it,
 * for a person to look at.
 */
class ProcessDiagramTest {

  private static final Path BPMN = Path.of("bpmn");
  private static final Path OUT = Path.of("target", "diagram");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** One headless Chromium for all the pictures (one per picture took about 3 s each); none where it is not installed. */
  private static WebDriver browser;
  private static final Set<String> FLOW_KINDS = Set.of("sequence-flow", "message-flow", "association",
      "data-association", "connection");

  @Test
  void theRequestProcessIsDrawnWithEveryShapeAndFlowOfItsDiagram() throws Exception {
    BpmnModelInstance model = model("technical-assistance-request.bpmn");
    DiagramMarks marks = DiagramMarks.current(List.of("Activity_ScreenRequest"))
        .withDone(List.of("StartEvent_RequestSubmitted", "Activity_RegisterRequest", "Gateway_ReadyForScreening",
            "Flow_SubmittedToRegister", "Flow_RegisterToScreening", "Flow_ReadyToScreen"))
        .withElementBadge("Activity_ScreenRequest", "12 · 3 d")
        .withFlowBadge("Flow_Accepted", "87 %");
    ProcessDiagram diagram = ProcessDiagram.of(model);
    String svg = diagram.svg(marks, "Where request UR-2025-0001 stands",
        "It waits at: " + String.join(", ", diagram.names(marks.current())) + ".");
    Document doc = parse(svg);

    assertEveryShapeAndFlowDrawn(model, doc);
    assertViewBoxHoldsEveryShape(model, doc);
    assertNoInlineStyle(doc);

    Element current = element(doc, "Activity_ScreenRequest");
    assertThat(current.getAttribute("data-state")).isEqualTo("current");
    Element outline = firstChild(current, "rect");
    assertThat(outline.getAttribute("stroke")).isEqualTo(DiagramRenderer.CURRENT_STROKE);
    assertThat(outline.getAttribute("fill")).isEqualTo(DiagramRenderer.CURRENT_FILL);
    assertThat(Double.parseDouble(outline.getAttribute("stroke-width"))).isGreaterThanOrEqualTo(4);
    assertThat(marksFor(doc, "Activity_ScreenRequest")).containsExactly("current");
    assertThat(textOf(doc, "data-badge-for", "Activity_ScreenRequest")).isEqualTo("12 · 3 d");
    assertThat(textOf(doc, "data-badge-for", "Flow_Accepted")).isEqualTo("87 %");

    Element passed = element(doc, "Activity_RegisterRequest");
    assertThat(passed.getAttribute("data-state")).isEqualTo("done");
    assertThat(firstChild(passed, "rect").getAttribute("fill")).isEqualTo(DiagramRenderer.DONE_FILL);
    assertThat(marksFor(doc, "Activity_RegisterRequest")).containsExactly("done");
    assertThat(element(doc, "Flow_RegisterToScreening").getAttribute("data-state")).isEqualTo("done");

    Element untouched = element(doc, "Activity_AssessPriority");
    assertThat(untouched.hasAttribute("data-state")).isFalse();
    assertThat(firstChild(untouched, "rect").getAttribute("fill")).isEqualTo(DiagramRenderer.PAPER);
    assertThat(element(doc, "Lane_HqIntake").getTextContent().strip()).isEqualTo("HQ intake");
    assertThat(element(doc, "Group_Intake").getAttribute("data-kind")).isEqualTo("group");
    assertThat(textOf(doc, "data-label-for", "Group_Intake")).isEqualTo("1 Intake");
    assertThat(textOf(doc, "data-label-for", "Flow_Declined")).isEqualTo("Decline");
    assertThat(element(doc, "Event_ClarificationReminderDue").getAttribute("data-kind")).isEqualTo("boundary-event");

    assertThat(doc.getDocumentElement().getElementsByTagName("desc").item(0).getTextContent())
        .isEqualTo("It waits at: Screen the request.");

    show("technical-assistance-request", svg);
    showTiles("technical-assistance-request", svg, 3);
  }

  @Test
  void aRequestInDeliveryShowsTheSubProcessAndTheStepInsideIt() throws Exception {
    BpmnModelInstance model = model("technical-assistance-request.bpmn");
    ProcessDiagram diagram = ProcessDiagram.of(model);
    DiagramMarks marks = DiagramMarks.current(List.of("SubProcess_Delivery", "Activity_RecordActivity",
            "Event_FundingRecheckDue", "Gateway_OfficeDecision"))
        .withDone(List.of("StartEvent_DeliveryBegins", "Activity_PlanDelivery", "Event_DeliveryStarted",
            "Flow_DeliveryBeginsToPlan", "Flow_PlanToRecord", "Flow_StartedToDelivery", "Flow_OfficeAccepts"))
        .withFlowBadge("Flow_OfficeAccepts", "41")
        .withFlowBadge("Flow_OfficeDeclines", "3")
        .withElementBadge("Activity_RecordActivity", "2 of 5");
    String svg = diagram.svg(marks, "t", "d");
    Document doc = parse(svg);
    assertEveryShapeAndFlowDrawn(model, doc);
    Element subProcess = element(doc, "SubProcess_Delivery");
    assertThat(subProcess.getAttribute("data-state")).isEqualTo("current");
    assertThat(firstChild(subProcess, "rect").getAttribute("stroke")).isEqualTo(DiagramRenderer.CURRENT_STROKE);
    assertThat(firstChild(element(doc, "Event_FundingRecheckDue"), "circle").getAttribute("fill"))
        .isEqualTo(DiagramRenderer.CURRENT_FILL);
    assertThat(firstChild(element(doc, "Gateway_OfficeDecision"), "polygon").getAttribute("stroke"))
        .isEqualTo(DiagramRenderer.CURRENT_STROKE);
    assertThat(marksFor(doc, "Activity_RecordActivity")).containsExactly("current");
    show("technical-assistance-request-delivery", svg);
  }

  @Test
  void theRegionalParticipationProcessIsDrawnWithTheTimerWaiting() throws Exception {
    BpmnModelInstance model = model("regional-participation.bpmn");
    DiagramMarks marks = DiagramMarks.current(List.of("Activity_ConfirmParticipation"))
        .withDone(List.of("StartEvent_AskedToTakePart", "Flow_ToConfirm"))
        .withElementBadge("Activity_ConfirmParticipation", "4 · 2 d");
    String svg = ProcessDiagram.of(model).svg(marks, "Taking part in a regional request",
        "Waiting for the confirmation of taking part.");
    Document doc = parse(svg);

    assertEveryShapeAndFlowDrawn(model, doc);
    assertViewBoxHoldsEveryShape(model, doc);
    assertNoInlineStyle(doc);
    assertThat(element(doc, "Participant_CoRequestingState").getTextContent().strip()).isEqualTo("Co-requesting member state");
    assertThat(element(doc, "EndEvent_Answered").getElementsByTagName("circle").item(0)).satisfies(circle ->
        assertThat(((Element) circle).getAttribute("stroke-width")).isEqualTo("4"));
    show("regional-participation", svg);
  }

  /** A test model with one of each kind of shape, events, gateways, pools and flows the diagram knows. */
  @Test
  void everyKindOfShapeIsDrawn() throws Exception {
    BpmnModelInstance model;
    try (var in = getClass().getResourceAsStream("/diagram/all-shapes.bpmn")) {
      model = Bpmn.readModelFromStream(in);
    }
    String svg = ProcessDiagram.of(model).svg(DiagramMarks.current(List.of("Task_User", "Catch_Message", "Gw_Parallel"))
        .withDone(List.of("Task_Plain", "Start_None", "F1", "F3")), "All shapes", "One of each.");
    Document doc = parse(svg);
    assertEveryShapeAndFlowDrawn(model, doc);
    assertViewBoxHoldsEveryShape(model, doc);
    assertNoInlineStyle(doc);
    assertThat(element(doc, "Participant_B").getTextContent().strip()).isEqualTo("A collapsed pool");
    assertThat(element(doc, "Msg_1").getAttribute("data-kind")).isEqualTo("message-flow");
    assertThat(element(doc, "Boundary_Message").getElementsByTagName("circle").item(0).getAttributes()
        .getNamedItem("stroke-dasharray")).isNotNull();
    assertThat(element(doc, "Task_Seq").getTextContent().replace(" ", "")).contains("<&>");
    show("all-shapes", svg);
  }

  @Test
  void namesAndCaptionsAreTextNeverMarkup() throws Exception {
    BpmnModelInstance model = model("regional-participation.bpmn");
    model.getModelElementById("Activity_ConfirmParticipation")
        .setAttributeValue("name", "Confirm <&> \"quoted\" 'part'");
    model.getModelElementById("EndEvent_Answered").setAttributeValue("name", "<script>alert(1)</script>");
    String svg = ProcessDiagram.of(model).svg(DiagramMarks.current(List.of("Activity_ConfirmParticipation")),
        "Title </title><script>x</script>", "Desc & <b>more</b>", "rp-1");

    assertThat(svg).doesNotContain("<script").doesNotContain("<b>").contains("&lt;&amp;&gt;");
    Document doc = parse(svg);
    assertThat(element(doc, "Activity_ConfirmParticipation").getTextContent().replace(" ", ""))
        .contains("Confirm<&>\"quoted\"'part'");
    assertThat(textOf(doc, "data-label-for", "EndEvent_Answered").replace(" ", "")).isEqualTo("<script>alert(1)</script>");
    Element root = doc.getDocumentElement();
    assertThat(root.getAttribute("role")).isEqualTo("img");
    assertThat(root.getAttribute("aria-labelledby")).isEqualTo("rp-1-title rp-1-desc");
    Element title = (Element) root.getElementsByTagName("title").item(0);
    Element desc = (Element) root.getElementsByTagName("desc").item(0);
    assertThat(title.getAttribute("id")).isEqualTo("rp-1-title");
    assertThat(title.getTextContent()).isEqualTo("Title </title><script>x</script>");
    assertThat(desc.getAttribute("id")).isEqualTo("rp-1-desc");
    assertThat(desc.getTextContent()).isEqualTo("Desc & <b>more</b>");
    show("escaped-names", svg);
  }

  @Test
  void theSvgScalesWithItsContainer() throws Exception {
    Element root = parse(ProcessDiagram.of(model("regional-participation.bpmn"))
        .svg(DiagramMarks.none(), "t", "d")).getDocumentElement();
    assertThat(root.getAttribute("width")).isEqualTo("100%");
    assertThat(root.hasAttribute("height")).isFalse();
    assertThat(root.getAttribute("viewBox")).matches("-?[0-9.]+ -?[0-9.]+ [0-9.]+ [0-9.]+");
  }

  @Test
  void anIdPrefixMustBeAnXmlName() throws Exception {
    ProcessDiagram diagram = ProcessDiagram.of(model("regional-participation.bpmn"));
    assertThatThrownBy(() -> diagram.svg(DiagramMarks.none(), "t", "d", "a b\"")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aModelWithoutDiagramIsRefused() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent().endEvent().done();
    model.getDefinitions().getBpmDiagrams().forEach(d -> model.getDefinitions().removeChildElement(d));
    assertThatThrownBy(() -> ProcessDiagram.of(model)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theStepNamesAreThereForTheCallersDescription() throws Exception {
    ProcessDiagram diagram = ProcessDiagram.of(model("technical-assistance-request.bpmn"));
    assertThat(diagram.names(List.of("Activity_ScreenRequest", "no-such-step", "Activity_ProvideClarification")))
        .containsExactly("Screen the request", "Provide clarification");
    assertThat(diagram.drawnElementIds()).contains("Activity_ScreenRequest", "Flow_Accepted", "Lane_HqIntake");
  }

  /** WCAG 1.4.11 (3:1 for the parts of graphics that carry meaning) and 1.4.3 (4.5:1 for text). */
  @Test
  void theMarksKeepTheirContrast() {
    assertThat(contrast(DiagramRenderer.CURRENT_FILL, DiagramRenderer.PAPER)).isGreaterThanOrEqualTo(3);
    assertThat(contrast(DiagramRenderer.CURRENT_STROKE, DiagramRenderer.PAPER)).isGreaterThanOrEqualTo(3);
    assertThat(contrast(DiagramRenderer.CURRENT_STROKE, DiagramRenderer.CURRENT_FILL)).isGreaterThanOrEqualTo(3);
    assertThat(contrast(DiagramRenderer.CURRENT_TEXT, DiagramRenderer.CURRENT_FILL)).isGreaterThanOrEqualTo(4.5);
    assertThat(contrast(DiagramRenderer.INK, DiagramRenderer.DONE_FILL)).isGreaterThanOrEqualTo(4.5);
    assertThat(contrast(DiagramRenderer.DONE_STROKE, DiagramRenderer.PAPER)).isGreaterThanOrEqualTo(3);
    assertThat(contrast(DiagramRenderer.INK, DiagramRenderer.PAPER)).isGreaterThanOrEqualTo(4.5);
  }

  // ---- checks ----

  private static void assertEveryShapeAndFlowDrawn(BpmnModelInstance model, Document doc) {
    List<BpmnShape> shapes = new ArrayList<>();
    List<BpmnEdge> edges = new ArrayList<>();
    BpmnDiagram diagram = model.getDefinitions().getBpmDiagrams().iterator().next();
    for (DiagramElement di : diagram.getBpmnPlane().getDiagramElements()) {
      if (di instanceof BpmnShape shape) {
        shapes.add(shape);
      } else if (di instanceof BpmnEdge edge) {
        edges.add(edge);
      }
    }
    assertThat(shapes).isNotEmpty();
    assertThat(edges).isNotEmpty();

    Map<String, Element> drawnShapes = new HashMap<>();
    Map<String, Element> drawnFlows = new HashMap<>();
    NodeList groups = doc.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (!g.hasAttribute("data-element-id")) {
        continue;
      }
      Map<String, Element> target = FLOW_KINDS.contains(g.getAttribute("data-kind")) ? drawnFlows : drawnShapes;
      assertThat(target.put(g.getAttribute("data-element-id"), g)).as("drawn once: %s", g.getAttribute("data-element-id"))
          .isNull();
    }
    assertThat(drawnShapes).hasSameSizeAs(shapes);
    for (BpmnShape shape : shapes) {
      Element g = drawnShapes.get(shape.getBpmnElement().getId());
      assertThat(g).as("shape of %s", shape.getBpmnElement().getId()).isNotNull();
      assertThat(g.getElementsByTagName("*").getLength()).as("%s has something drawn", shape.getBpmnElement().getId())
          .isPositive();
    }
    assertThat(drawnFlows).hasSameSizeAs(edges);
    for (BpmnEdge edge : edges) {
      String id = edge.getBpmnElement().getId();
      Element g = drawnFlows.get(id);
      assertThat(g).as("flow %s", id).isNotNull();
      Element line = firstChild(g, "polyline");
      assertThat(line.getAttribute("points").split(" ")).as("waypoints of %s", id).hasSize(edge.getWaypoints().size());
      List<String> expected = edge.getWaypoints().stream()
          .map(w -> Svg.number(w.getX()) + "," + Svg.number(w.getY())).toList();
      assertThat(List.of(line.getAttribute("points").split(" "))).isEqualTo(expected);
      if ("sequence-flow".equals(g.getAttribute("data-kind")) || "message-flow".equals(g.getAttribute("data-kind"))) {
        assertThat(hasArrow(g)).as("arrowhead on %s", id).isTrue();
      }
    }
  }

  private static void assertViewBoxHoldsEveryShape(BpmnModelInstance model, Document doc) {
    String[] viewBox = doc.getDocumentElement().getAttribute("viewBox").split(" ");
    double x = Double.parseDouble(viewBox[0]);
    double y = Double.parseDouble(viewBox[1]);
    double right = x + Double.parseDouble(viewBox[2]);
    double bottom = y + Double.parseDouble(viewBox[3]);
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      Bounds b = shape.getBounds();
      assertThat(b.getX()).isGreaterThan(x);
      assertThat(b.getY()).isGreaterThan(y);
      assertThat(b.getX() + b.getWidth()).isLessThan(right);
      assertThat(b.getY() + b.getHeight()).isLessThan(bottom);
    }
  }

  /** Nothing that a Content-Security-Policy without 'unsafe-inline' would block. */
  private static void assertNoInlineStyle(Document doc) {
    assertThat(doc.getElementsByTagName("style").getLength()).isZero();
    assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      NamedNodeMap attributes = all.item(i).getAttributes();
      for (int j = 0; j < attributes.getLength(); j++) {
        String name = attributes.item(j).getNodeName();
        assertThat(name).isNotEqualTo("style").doesNotStartWith("on");
      }
    }
  }

  private static boolean hasArrow(Element g) {
    NodeList polygons = g.getElementsByTagName("polygon");
    for (int i = 0; i < polygons.getLength(); i++) {
      if ("end".equals(((Element) polygons.item(i)).getAttribute("data-arrow"))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> marksFor(Document doc, String id) {
    List<String> found = new ArrayList<>();
    NodeList all = doc.getElementsByTagName("g");
    for (int i = 0; i < all.getLength(); i++) {
      Element g = (Element) all.item(i);
      if (id.equals(g.getAttribute("data-mark-for"))) {
        found.add(g.getAttribute("data-mark"));
      }
    }
    return found;
  }

  private static String textOf(Document doc, String attribute, String id) {
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute(attribute))) {
        return e.getTextContent().strip();
      }
    }
    throw new AssertionError("no element with " + attribute + "=" + id);
  }

  private static Element element(Document doc, String id) {
    NodeList all = doc.getElementsByTagName("g");
    for (int i = 0; i < all.getLength(); i++) {
      Element g = (Element) all.item(i);
      if (id.equals(g.getAttribute("data-element-id"))) {
        return g;
      }
    }
    throw new AssertionError("not drawn: " + id);
  }

  private static Element firstChild(Element parent, String tag) {
    NodeList found = parent.getElementsByTagName(tag);
    assertThat(found.getLength()).as("<%s> in %s", tag, parent.getAttribute("data-element-id")).isPositive();
    return (Element) found.item(0);
  }

  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  // ---- fixtures ----

  private static BpmnModelInstance model(String file) throws IOException {
    try (var in = Files.newInputStream(BPMN.resolve(file))) {
      return Bpmn.readModelFromStream(in);
    }
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    return doc;
  }

  /** Writes the SVG into a page and, with Chromium installed, takes a screenshot of it. */
  private static void show(String name, String svg) throws Exception {
    page(name, svg, 2400, 1400);
  }

  /** Pages that show the diagram in vertical strips, larger, to read its labels. */
  private static void showTiles(String name, String svg, int count) throws Exception {
    Element root = parse(svg).getDocumentElement();
    String viewBox = root.getAttribute("viewBox");
    String[] v = viewBox.split(" ");
    double x = Double.parseDouble(v[0]);
    double width = Double.parseDouble(v[2]);
    double tile = Math.ceil(width / count);
    for (int i = 0; i < count; i++) {
      String tiled = svg.replace("viewBox=\"" + viewBox + "\"",
          "viewBox=\"" + Svg.number(x + i * tile) + " " + v[1] + " " + Svg.number(tile) + " " + v[3] + "\"");
      page(name + "-" + (i + 1), tiled, 2400, (int) Math.ceil(2400 * Double.parseDouble(v[3]) / tile) + 20);
    }
  }

  private static void page(String name, String svg, int width, int height) throws Exception {
    Files.createDirectories(OUT);
    Path html = OUT.resolve(name + ".html");
    Files.writeString(html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + name
        + "</title></head>\n<body bgcolor=\"#ffffff\" topmargin=\"0\" leftmargin=\"0\" marginwidth=\"0\" marginheight=\"0\">\n"
        + svg + "</body></html>\n", StandardCharsets.UTF_8);
    if (browser == null) {
      return; // no browser here: the page is written, the screenshot is skipped
    }
    Path png = OUT.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    browser.get(html.toAbsolutePath().toUri().toString());
    // the page gets the whole size: the window's own frame comes on top of it
    browser.manage().window().setSize(new Dimension(width, height));
    long frameWidth = width - (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
    long frameHeight = height - (Long) ((JavascriptExecutor) browser).executeScript("return window.innerHeight;");
    browser.manage().window().setSize(new Dimension(width + (int) frameWidth, height + (int) frameHeight));
    Files.write(png, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    assertThat(png).as("screenshot of %s", html).isNotEmptyFile();
  }

  @BeforeAll
  static void startBrowserWhereInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--hide-scrollbars", "--no-first-run", "--disable-background-networking", "--disable-component-update");
      browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort().build(), options);
    }
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }
}
