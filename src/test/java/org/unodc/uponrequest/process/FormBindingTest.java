package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.ProcessVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unodc.uponrequest.referencedata.Group;
import org.unodc.uponrequest.referencedata.SeedLoader;

/**
 * The BPMN of {@code technical-assistance-request} against its Camunda Forms, without an engine:
 * every form-bearing element references an existing form; every variable the process reads from
 * a form (gateway conditions, the registration, the validating task listeners) is a field of the
 * form that feeds it; user tasks have candidate groups; the diagram is complete and made for
 * Camunda 7.24. That form field keys are declared {@link ProcessVariables} is checked by
 * {@code FormOptionsMatchSeedsTest.everyFieldKeyIsADeclaredProcessVariable}.
 */
class FormBindingTest {

  private static final String BPMN = "bpmn/technical-assistance-request.bpmn";
  private static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BpmnModelInstance MODEL = readModel();

  /** What the registration (SubmittedRequest.from) reads from the start form. */
  private static final List<String> REGISTRATION_READS = List.of(
      MEMBER_STATE, TITLE, DESCRIPTION, THEMATIC_AREAS, ASSISTANCE_TYPES, ESTIMATED_BUDGET_USD, URGENCY,
      REQUESTER_EMAIL);

  /**
   * The variables each validating "complete" task listener reads, taken from its source. fromForm:
   * what the officer enters ({@code list[].item} for an item of a dynamic list); fromProcess: what
   * the listener checks the entry against, which the process set earlier and the form only shows.
   */
  private static final Map<String, Reads> LISTENER_READS = Map.of(
      "validateTerrorismConsultation", new Reads( // consultation/ValidateTerrorismConsultation
          List.of(CTED_CONSULTED), List.of()),
      "applyPriorityOverride", new Reads( // assessment/ApplyPriorityOverride
          List.of(OVERRIDE_PRIORITY, OVERRIDDEN_PRIORITY_BAND, OVERRIDE_JUSTIFICATION), List.of(PRIORITY_BAND)),
      "validateFundingDecision", new Reads( // funding/ValidateFundingDecision
          List.of(FUNDING_DECISION, FUNDING_SOURCE, DONOR, FUNDED_AMOUNT_USD), List.of()),
      "validateOfficeDecision", new Reads( // assignment/ValidateOfficeDecision
          List.of(OFFICE_DECISION), List.of(ASSIGNED_OFFICE)),
      "validateDeliveryPlan", new Reads( // delivery/ValidateDeliveryPlan
          List.of(DELIVERY_ACTIVITIES, item(DELIVERY_ACTIVITIES, ACTIVITY_TYPE), item(DELIVERY_ACTIVITIES, ACTIVITY_TITLE),
              item(DELIVERY_ACTIVITIES, ACTIVITY_START_DATE), item(DELIVERY_ACTIVITIES, ACTIVITY_END_DATE),
              item(DELIVERY_ACTIVITIES, PLANNED_PARTICIPANTS)),
          List.of()),
      "recordActivity", new Reads( // delivery/RecordActivity; the planned fields come from ShowPlannedActivity,
          // which also sets the type's label: the form shows the label, not the code
          List.of(ACTUAL_PARTICIPANTS, ACTIVITY_OUTCOME),
          List.of(ACTIVITY_TYPE_LABEL, ACTIVITY_TITLE, ACTIVITY_START_DATE, ACTIVITY_END_DATE, PLANNED_PARTICIPANTS)),
      "recordProgressReport", new Reads( // delivery/RecordProgressReport
          List.of(PROGRESS_SUMMARY, PROGRESS_ISSUES), List.of()));

  record Reads(List<String> fromForm, List<String> fromProcess) {}

  /** EL words and context objects that are not process variables. */
  private static final Set<String> NOT_VARIABLES = Set.of(
      "and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "empty", "instanceof",
      "true", "false", "null", "execution", "task");

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  // --- (a) form references ---------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("formBearingElements")
  void referencesAnExistingFormByDeploymentBinding(String elementId) {
    BaseElement element = MODEL.getModelElementById(elementId);
    String formRef = formRef(element);
    assertThat(formRef).as("camunda:formRef of %s", elementId).isNotBlank();
    assertThat(formRefBinding(element)).as("camunda:formRefBinding of %s", elementId).isEqualTo("deployment");
    assertThat(element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "formKey"))
        .as("%s has a formRef, so no camunda:formKey", elementId).isNull();
    JsonNode form = form(formRef);
    assertThat(form).as("forms/%s.form (formRef of %s) on the classpath", formRef, elementId).isNotNull();
    assertThat(form.path("id").asText()).as("id inside forms/%s.form", formRef).isEqualTo(formRef);
  }

  @Test
  void theWithdrawalCarriesTheFieldsOfItsForm() {
    org.camunda.bpm.model.bpmn.instance.BaseElement received = MODEL.getModelElementById(TechnicalAssistanceProcess.WITHDRAWAL_RECEIVED);
    assertThat(ElementProperties.get(received, "form")).contains(TechnicalAssistanceProcess.WITHDRAWAL_FORM);
    assertThat(form(TechnicalAssistanceProcess.WITHDRAWAL_FORM)).isNotNull();
  }

  @Test
  void theProcessHasOneNoneStartEventAndEveryFormIsUsed() throws Exception {
    assertThat(processStartEvents()).extracting(StartEvent::getId).as("none start events of the process").hasSize(1);
    Set<String> refs = new TreeSet<>();
    for (String id : formBearingElements()) {
      String formRef = formRef(MODEL.getModelElementById(id));
      if (formRef != null) {
        refs.add(formRef);
      }
    }
    // the participation a regional request calls for each co-requesting state has the one other form
    BpmnModelInstance participation = Bpmn.readModelFromStream(
        FormBindingTest.class.getClassLoader().getResourceAsStream("bpmn/regional-participation.bpmn"));
    participation.getModelElementsByType(UserTask.class).forEach(task -> refs.add(formRef(task)));
    // the implementation report's start and review (reporting.ReportModelTest checks that model on its own)
    BpmnModelInstance report = Bpmn.readModelFromStream(
        FormBindingTest.class.getClassLoader().getResourceAsStream("bpmn/annual-implementation-report.bpmn"));
    report.getModelElementsByType(UserTask.class).forEach(task -> refs.add(formRef(task)));
    report.getModelElementsByType(StartEvent.class).stream().map(FormBindingTest::formRef).filter(java.util.Objects::nonNull)
        .forEach(refs::add);
    // a message that carries a form's fields names it in a property, e.g. the withdrawal
    MODEL.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty.class).stream()
        .filter(property -> "form".equals(property.getCamundaName()))
        .forEach(property -> refs.add(property.getCamundaValue()));
    assertThat(formFilesOnClasspath()).as("forms/*.form are exactly the forms the processes reference")
        .isEqualTo(refs);
  }

  // --- (b) variables the process reads from forms -----------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("conditionalGateways")
  void gatewayReadsOnlyFieldsOfTheFormsThatFeedIt(String gatewayId) {
    Gateway gateway = MODEL.getModelElementById(gatewayId);
    Set<String> variables = new TreeSet<>();
    for (SequenceFlow flow : gateway.getOutgoing()) {
      if (flow.getConditionExpression() != null) {
        variables.addAll(variablesRead(flow.getConditionExpression().getTextContent()));
      }
    }
    if (variables.isEmpty()) {
      return; // only bean calls such as consultations.required(execution, 'TPB')
    }
    Upstream upstream = upstream(gateway);
    assertThat(upstream.deadEnds())
        .as("%s reads %s, but on these paths no form is completed before it (only user tasks and the start "
            + "event supply form variables; gateways and intermediate events are passed through)",
            gatewayId, variables)
        .isEmpty();
    assertThat(upstream.formNodes()).as("forms feeding %s", gatewayId).isNotEmpty();
    Map<String, Set<String>> missing = new TreeMap<>();
    for (FlowNode node : upstream.formNodes()) {
      String formRef = formRef(node);
      Set<String> absent = new TreeSet<>(variables);
      absent.removeAll(fields(formRef).keys());
      if (!absent.isEmpty()) {
        missing.put("forms/" + formRef + ".form (" + node.getId() + ")", absent);
      }
    }
    assertThat(missing)
        .as("%s reads %s; every form completed right before it must have them as fields (form -> missing)",
            gatewayId, variables)
        .isEmpty();
  }

  @Test
  void theGatewayConditionsOfTheProcessReadFormVariables() {
    Set<String> all = new TreeSet<>();
    for (String id : conditionalGateways()) {
      Gateway gateway = MODEL.getModelElementById(id);
      gateway.getOutgoing().stream().filter(f -> f.getConditionExpression() != null)
          .forEach(f -> all.addAll(variablesRead(f.getConditionExpression().getTextContent())));
    }
    assertThat(all).as("variables read by gateway conditions (derived; empty means the derivation broke)")
        .isNotEmpty();
  }

  @Test
  void conditionVariablesAreDerivedFromTheExpression() {
    assertThat(variablesRead("${screeningOutcome == 'DECLINE'}")).containsExactly(SCREENING_OUTCOME);
    assertThat(variablesRead("${consultations.required(execution, 'TPB')}")).isEmpty();
    assertThat(variablesRead("${fundingDecision eq \"FUNDED\" && not empty donor}"))
        .containsExactlyInAnyOrder(FUNDING_DECISION, DONOR);
    assertThat(variablesRead("${deliveryActivities.size() > 0}")).containsExactly(DELIVERY_ACTIVITIES);
  }

  @Test
  void theStartFormHasEveryFieldTheRegistrationReads() {
    List<StartEvent> starts = processStartEvents();
    assertThat(starts).extracting(StartEvent::getId).as("none start events of the process").hasSize(1);
    String formRef = formRef(starts.get(0));
    assertThat(formRef).as("formRef of %s", starts.get(0).getId()).isNotBlank();
    assertThat(fields(formRef).keys()).as("fields of the start form forms/%s.form", formRef)
        .containsAll(REGISTRATION_READS);
  }

  @Test
  void everyCompleteTaskListenerOfTheModelIsListedInThisTest() {
    Set<String> inModel = new TreeSet<>();
    for (UserTask task : MODEL.getModelElementsByType(UserTask.class)) {
      completeListeners(task).forEach(inModel::add);
    }
    assertThat(inModel).as("complete task listeners in %s; list what a new one reads in LISTENER_READS", BPMN)
        .isEqualTo(new TreeSet<>(LISTENER_READS.keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listeners")
  void validatingListenerReadsFieldsOfItsTaskForm(String listener) {
    List<UserTask> tasks = MODEL.getModelElementsByType(UserTask.class).stream()
        .filter(t -> completeListeners(t).contains(listener))
        .toList();
    assertThat(tasks).as("user tasks with the complete listener ${%s}", listener).hasSize(1);
    UserTask task = tasks.get(0);
    String formRef = task.getCamundaFormRef();
    assertThat(formRef).as("formRef of %s", task.getId()).isNotBlank();
    FormFields fields = fields(formRef);
    Reads reads = LISTENER_READS.get(listener);

    for (String read : reads.fromForm()) {
      int item = read.indexOf("[].");
      if (item < 0) {
        assertThat(fields.keys()).as("%s (on %s) reads %s: a field of forms/%s.form", listener, task.getId(), read, formRef)
            .contains(read);
      } else {
        String list = read.substring(0, item);
        assertThat(fields.listItems()).as("dynamic lists of forms/%s.form", formRef).containsKey(list);
        assertThat(fields.listItems().get(list))
            .as("%s (on %s) reads %s: an item field of the dynamic list %s in forms/%s.form", listener, task.getId(),
                read, list, formRef)
            .contains(read.substring(item + 3));
      }
    }
    for (String read : reads.fromProcess()) {
      assertThat(fields.keys())
          .as("%s checks the entry against %s, which the process sets: forms/%s.form must not let the officer "
              + "overwrite it", listener, read, formRef)
          .doesNotContain(read);
      assertThat(fields.shown()).as("%s (set by the process) is shown by a text of forms/%s.form as {{%s}}",
          read, formRef, read).contains(read);
    }
  }

  // --- (d) routing, names, diagram, platform ----------------------------------------------------

  @Test
  void everyUserTaskHasCandidateGroupsThatExist() {
    Set<String> groups = seededGroups();
    Map<String, String> problems = new TreeMap<>();
    for (UserTask task : MODEL.getModelElementsByType(UserTask.class)) {
      String candidates = task.getCamundaCandidateGroups();
      if (candidates == null || candidates.isBlank()) {
        problems.put(task.getId(), "no camunda:candidateGroups");
        continue;
      }
      for (String group : candidates.split(",")) {
        String name = group.trim();
        if (!name.contains("${") && !name.contains("#{") && !groups.contains(name)) {
          problems.put(task.getId(), "candidate group '" + name + "' is not in seeds/groups.csv");
        }
      }
    }
    assertThat(problems).as("user tasks nobody can see (expressions such as office-${assignedOffice} are not "
        + "resolved here)").isEmpty();
  }

  @Test
  void everyFlowNodeHasAName() {
    List<String> unnamed = MODEL.getModelElementsByType(FlowNode.class).stream()
        .filter(n -> n.getName() == null || n.getName().isBlank())
        .map(FlowNode::getId)
        .sorted()
        .toList();
    assertThat(unnamed).as("flow nodes without a name").isEmpty();
  }

  @Test
  void everyFlowNodeAndSequenceFlowIsDrawn() {
    Set<String> shapes = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (BpmnShape shape : MODEL.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() != null) {
        shapes.add(shape.getBpmnElement().getId());
        if (shape.getBounds() == null || shape.getBounds().getWidth() <= 0 || shape.getBounds().getHeight() <= 0) {
          problems.add(shape.getBpmnElement().getId() + ": shape without a width or height");
        }
      }
    }
    Set<String> edges = new HashSet<>(); // the BPMN schema already requires two waypoints per edge
    for (BpmnEdge edge : MODEL.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() != null) {
        edges.add(edge.getBpmnElement().getId());
      }
    }
    MODEL.getModelElementsByType(FlowNode.class).stream()
        .map(FlowNode::getId).filter(id -> !shapes.contains(id)).sorted()
        .forEach(id -> problems.add(id + ": flow node without a BPMNShape"));
    MODEL.getModelElementsByType(SequenceFlow.class).stream()
        .map(SequenceFlow::getId).filter(id -> !edges.contains(id)).sorted()
        .forEach(id -> problems.add(id + ": sequence flow without a BPMNEdge"));

    assertThat(problems).as("diagram interchange of %s", BPMN).isEmpty();
  }

  @Test
  void theModelIsMadeForCamunda724() {
    var definitions = MODEL.getDefinitions();
    assertThat(definitions.getAttributeValueNs(MODELER_NS, "executionPlatform"))
        .as("modeler:executionPlatform").isEqualTo("Camunda Platform");
    assertThat(definitions.getAttributeValueNs(MODELER_NS, "executionPlatformVersion"))
        .as("modeler:executionPlatformVersion").isNotNull().startsWith("7.24");
  }

  // --- model helpers ----------------------------------------------------------------------------

  static List<String> formBearingElements() {
    List<String> ids = new ArrayList<>();
    processStartEvents().forEach(s -> ids.add(s.getId()));
    MODEL.getModelElementsByType(UserTask.class).forEach(t -> ids.add(t.getId()));
    return ids;
  }

  static List<String> conditionalGateways() {
    return MODEL.getModelElementsByType(Gateway.class).stream()
        .filter(g -> g.getOutgoing().stream().anyMatch(f -> f.getConditionExpression() != null))
        .map(Gateway::getId)
        .sorted()
        .toList();
  }

  static List<String> listeners() {
    return new TreeSet<>(LISTENER_READS.keySet()).stream().toList();
  }

  /** The none start events directly in the process (not those of subprocesses or event subprocesses). */
  private static List<StartEvent> processStartEvents() {
    return MODEL.getModelElementsByType(StartEvent.class).stream()
        .filter(s -> s.getParentElement() instanceof Process)
        .filter(s -> s.getEventDefinitions().isEmpty())
        .toList();
  }

  private static String formRef(BaseElement element) {
    if (element instanceof UserTask task) {
      return task.getCamundaFormRef();
    }
    if (element instanceof StartEvent start) {
      return start.getCamundaFormRef();
    }
    return null;
  }

  private static String formRefBinding(BaseElement element) {
    if (element instanceof UserTask task) {
      return task.getCamundaFormRefBinding();
    }
    if (element instanceof StartEvent start) {
      return start.getCamundaFormRefBinding();
    }
    return null;
  }

  /** Names of the beans behind the task's {@code complete} listeners ({@code ${name}}). */
  private static List<String> completeListeners(UserTask task) {
    if (task.getExtensionElements() == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (CamundaTaskListener listener : task.getExtensionElements().getElementsQuery()
        .filterByType(CamundaTaskListener.class).list()) {
      if ("complete".equals(listener.getCamundaEvent())) {
        String delegate = listener.getCamundaDelegateExpression();
        Matcher bean = Pattern.compile("^[$#]\\{\\s*(\\w+)\\s*}$").matcher(delegate == null ? "" : delegate.trim());
        names.add(bean.matches() ? bean.group(1)
            : "unsupported listener on " + task.getId() + ": " + (delegate != null ? delegate
                : listener.getCamundaClass() != null ? listener.getCamundaClass() : listener.getCamundaExpression()));
      }
    }
    return names;
  }

  record Upstream(List<FlowNode> formNodes, List<String> deadEnds) {}

  /**
   * The nearest elements upstream of {@code from} that complete a form (user tasks, the start
   * event), walking back over incoming sequence flows through gateways and intermediate events
   * (milestones, timers). Any other element reached first is a dead end: a path on which no form
   * supplies the variables (a service task, a boundary event, a subprocess).
   */
  private static Upstream upstream(FlowNode from) {
    List<FlowNode> formNodes = new ArrayList<>();
    List<String> deadEnds = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<FlowNode> todo = new ArrayDeque<>();
    from.getIncoming().forEach(f -> todo.add(f.getSource()));
    while (!todo.isEmpty()) {
      FlowNode node = todo.poll();
      if (!seen.add(node.getId())) {
        continue;
      }
      String formRef = formRef(node);
      if (formRef != null && !formRef.isBlank()) {
        formNodes.add(node);
      } else if (node instanceof Gateway || node instanceof IntermediateThrowEvent
          || node instanceof IntermediateCatchEvent) {
        node.getIncoming().forEach(f -> todo.add(f.getSource()));
      } else {
        deadEnds.add(node.getId() + " (" + node.getElementType().getTypeName() + ")");
      }
    }
    return new Upstream(formNodes, deadEnds);
  }

  /**
   * The process variables an expression reads: identifiers outside string literals, except EL
   * words, {@code execution}/{@code task}, properties ({@code a.b}: b) and beans or functions
   * ({@code bean.method(...)}, {@code fn(...)}); an identifier before {@code .} or {@code (}
   * counts as a variable only when it is a declared process variable.
   */
  static Set<String> variablesRead(String text) {
    Set<String> variables = new LinkedHashSet<>();
    if (text == null) {
      return variables;
    }
    Set<String> declared = declaredProcessVariables();
    Matcher expression = EXPRESSION.matcher(text);
    while (expression.find()) {
      String body = STRING_LITERAL.matcher(expression.group(1)).replaceAll(" ");
      Matcher id = IDENTIFIER.matcher(body);
      while (id.find()) {
        String name = id.group();
        if (NOT_VARIABLES.contains(name) || (id.start() > 0 && Character.isDigit(body.charAt(id.start() - 1)))) {
          continue;
        }
        if (previousNonBlank(body, id.start()) == '.') {
          continue; // a property or method of something else
        }
        char next = nextNonBlank(body, id.end());
        if ((next == '.' || next == '(') && !declared.contains(name)) {
          continue; // a bean or an EL function
        }
        variables.add(name);
      }
    }
    return variables;
  }

  private static char previousNonBlank(String text, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  private static char nextNonBlank(String text, int index) {
    for (int i = index; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  // --- form helpers -----------------------------------------------------------------------------

  /**
   * keys: the variables a form submits (field keys and the paths of dynamic lists and groups);
   * listItems: the keys inside each such path (the item fields of a dynamic list); shown: the
   * variables its texts show as {{name}}.
   */
  record FormFields(Set<String> keys, Map<String, Set<String>> listItems, Set<String> shown) {}

  private static final Pattern SHOWN = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private static FormFields fields(String formRef) {
    JsonNode form = form(formRef);
    assertThat(form).as("forms/%s.form on the classpath", formRef).isNotNull();
    FormFields fields = new FormFields(new TreeSet<>(), new LinkedHashMap<>(), new TreeSet<>());
    collect(form.path("components"), fields, fields.keys());
    return fields;
  }

  private static void collect(JsonNode components, FormFields fields, Set<String> into) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (component.hasNonNull("key")) {
        into.add(component.get("key").asText());
      }
      if ("text".equals(type)) {
        Matcher shown = SHOWN.matcher(component.path("text").asText());
        while (shown.find()) {
          fields.shown().add(shown.group(1));
        }
      }
      String path = component.path("path").asText("");
      if (!path.isBlank()) {
        into.add(path);
        collect(component.path("components"), fields, fields.listItems().computeIfAbsent(path, p -> new TreeSet<>()));
      } else {
        collect(component.path("components"), fields, into);
      }
    }
  }

  private static JsonNode form(String id) {
    try (InputStream in = FormBindingTest.class.getClassLoader().getResourceAsStream("forms/" + id + ".form")) {
      return in == null ? null : JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("forms/" + id + ".form", e);
    }
  }

  private static Set<String> formFilesOnClasspath() throws Exception {
    URL forms = FormBindingTest.class.getClassLoader().getResource("forms");
    assertThat(forms).as("forms/ on the classpath").isNotNull();
    try (Stream<Path> files = Files.list(Paths.get(forms.toURI()))) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".form"))
          .map(name -> name.substring(0, name.length() - ".form".length()))
          .collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  /** The group ids of seeds/groups.csv, as the product's loader reads them. */
  private static Set<String> seededGroups() {
    Set<String> ids = SeedLoader.fromClasspath().groups().stream().map(Group::id).collect(Collectors.toSet());
    assertThat(ids).as("groups in seeds/groups.csv").isNotEmpty();
    return ids;
  }

  private static Set<String> declaredProcessVariables() {
    Set<String> names = new HashSet<>();
    for (Field constant : ProcessVariables.class.getDeclaredFields()) {
      int modifiers = constant.getModifiers();
      if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && constant.getType() == String.class) {
        try {
          names.add((String) constant.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  private static String item(String list, String key) {
    return list + "[]." + key;
  }

  private static BpmnModelInstance readModel() {
    try (InputStream in = FormBindingTest.class.getClassLoader().getResourceAsStream(BPMN)) {
      if (in == null) {
        throw new IllegalStateException(BPMN + " is not on the classpath");
      }
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(BPMN, e);
    }
  }
}
