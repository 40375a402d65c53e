package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;
import org.unodc.uponrequest.process.VariableValues;

/**
 * Sealed data: with a Kenyan and a Colombian request in flight (each waiting for its focal
 * points' clarification, with an attachment and comments), each state's focal point asks for the
 * other state's request, task, variables, history, attachments, comments and diagram through
 * engine-rest and through the webapps' engine API (Tasklist's door), reads and writes. The answer
 * must be exactly the answer for an id or reference number that does not exist, carry nothing of
 * the other request, and change nothing; the owner asking the same gets the data (so no probe can
 * pass by asking the wrong address). A focal point cannot file for another state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossStateIsolationTest {

  static final String PASSWORD = "demo";
  static final String KEN_FOCAL = "ken.focal";
  static final String COL_FOCAL = "col.focal";
  static final String START = "/process-definition/key/technical-assistance-request";
  static final String BINARY = "application/octet-stream";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The clarification a focal point sends back (completes "Provide clarification"). */
  static final String ANSWER = "{\"variables\":{\"clarificationAnswer\":{\"value\":\"The supreme court and two high courts.\"}}}";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired FormService formService;
  @Autowired IdentityService identityService;

  private HttpSession machine;
  private final Map<String, HttpSession> tasklist = new LinkedHashMap<>();
  private final Map<String, Filed> filed = new LinkedHashMap<>();

  /** The two doors to the engine: machine clients with HTTP Basic, and the webapps' API behind a login. */
  enum Door {
    ENGINE_REST("/engine-rest"),
    TASKLIST("/camunda/api/engine/engine/default");

    final String prefix;

    Door(String prefix) {
      this.prefix = prefix;
    }
  }

  /** One member state's request in flight, with everything the other state must not see. */
  record Filed(String state, String focalPoint, String processInstance, String businessKey, String task,
      String attachment, String comment, String variable, String detail, String job, String activity, String title,
      String content) {

    /** What a path may name, by placeholder. */
    Map<String, String> ids() {
      Map<String, String> ids = new LinkedHashMap<>();
      ids.put("{pi}", processInstance);
      ids.put("{bk}", businessKey);
      ids.put("{task}", task);
      ids.put("{attachment}", attachment);
      ids.put("{comment}", comment);
      ids.put("{variable}", variable);
      ids.put("{detail}", detail);
      ids.put("{job}", job);
      ids.put("{activity}", activity);
      return ids;
    }

    /** Everything of this request that must never reach another state. */
    List<String> secrets() {
      List<String> secrets = new ArrayList<>(ids().values());
      secrets.addAll(List.of(title, content, commentText(state), attachmentName(state)));
      return secrets;
    }
  }

  /** The same placeholders, naming nothing that exists. */
  static Map<String, String> madeUpIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("{pi}", UUID.randomUUID().toString());
    ids.put("{bk}", "TA-1999-99999");
    ids.put("{task}", UUID.randomUUID().toString());
    ids.put("{attachment}", UUID.randomUUID().toString());
    ids.put("{comment}", UUID.randomUUID().toString());
    ids.put("{variable}", UUID.randomUUID().toString());
    ids.put("{detail}", UUID.randomUUID().toString());
    ids.put("{job}", UUID.randomUUID().toString());
    ids.put("{activity}", "Activity_ProvideClarification:" + UUID.randomUUID());
    return ids;
  }

  /**
   * A request to one door. {@code owner} is the placeholder whose value must appear in the owner's
   * answer (the positive control); {@code fresh} probes change the request when the owner makes
   * them, so they run against a request filed for the purpose.
   */
  record Probe(String name, String method, String path, String body, String accept, int ownerStatus, String owner,
      boolean fresh) {

    static Probe read(String name, String path, String owner) {
      return new Probe(name, "GET", path, null, "application/json", 200, owner, false);
    }

    static Probe write(String name, String method, String path, String body, int ownerStatus, boolean fresh) {
      return new Probe(name, method, path, body, "application/json", ownerStatus, null, fresh);
    }

    Probe accepting(String mediaType) {
      return new Probe(name, method, path, body, mediaType, ownerStatus, owner, fresh);
    }

    @Override
    public String toString() {
      return name + " (" + method + " " + path + ")";
    }
  }

  static final List<Probe> READS = List.of(
      Probe.read("the request", "/process-instance/{pi}", "{pi}"),
      Probe.read("its variables", "/process-instance/{pi}/variables", "{bk}"),
      Probe.read("one variable", "/process-instance/{pi}/variables/referenceNumber", "{bk}"),
      Probe.read("its diagram state", "/process-instance/{pi}/activity-instances", "{pi}"),
      // comments on the request itself, not on a task of its focal points, are internal: the owner gets none either
      Probe.read("comments on the request", "/process-instance/{pi}/comment", ""),
      Probe.read("requests by reference number", "/process-instance?businessKey={bk}", "{pi}"),
      Probe.read("the task", "/task/{task}", "{task}"),
      Probe.read("task variables", "/task/{task}/variables", "{bk}"),
      Probe.read("task form variables", "/task/{task}/form-variables", "{bk}"),
      Probe.read("task form reference", "/task/{task}/form", "provide-clarification"),
      Probe.read("task deployed form", "/task/{task}/deployed-form", "provide-clarification"),
      Probe.read("task candidates", "/task/{task}/identity-links", "focal-"),
      Probe.read("attachments", "/task/{task}/attachment", "{attachment}"),
      Probe.read("one attachment", "/task/{task}/attachment/{attachment}", "{attachment}"),
      Probe.read("attachment content", "/task/{task}/attachment/{attachment}/data", "CONTENT OF").accepting(BINARY),
      Probe.read("task comments", "/task/{task}/comment", "{comment}"),
      Probe.read("one task comment", "/task/{task}/comment/{comment}", "{comment}"),
      Probe.read("tasks of the request", "/task?processInstanceId={pi}", "{task}"),
      Probe.read("tasks by reference number", "/task?processInstanceBusinessKey={bk}", "{task}"),
      Probe.read("executions", "/execution?processInstanceId={pi}", "{pi}"),
      Probe.read("the request's execution", "/execution/{pi}", "{pi}"),
      Probe.read("variable instances", "/variable-instance?processInstanceIdIn={pi}", "{bk}"),
      Probe.read("one variable instance", "/variable-instance/{variable}", "{variable}"),
      Probe.read("timers", "/job?processInstanceId={pi}", "{pi}"),
      Probe.read("one timer", "/job/{job}", "{job}"),
      Probe.read("message subscriptions", "/event-subscription?processInstanceId={pi}", "{pi}"),
      Probe.read("history of the request", "/history/process-instance/{pi}", "{pi}"),
      Probe.read("history by reference number", "/history/process-instance?processInstanceBusinessKey={bk}", "{pi}"),
      Probe.read("variable history", "/history/variable-instance?processInstanceId={pi}", "{bk}"),
      Probe.read("one variable's history", "/history/variable-instance/{variable}", "{variable}"),
      // every past value of every variable, internal notes included: closed to member states, the owner too
      new Probe("variable change history", "GET", "/history/detail?processInstanceId={pi}", null, "application/json", 403, "", false),
      new Probe("one variable change", "GET", "/history/detail/{detail}", null, "application/json", 403, "", false),
      Probe.read("task history", "/history/task?processInstanceId={pi}", "{task}"),
      Probe.read("activity history", "/history/activity-instance?processInstanceId={pi}", "{task}"),
      Probe.read("one activity's history", "/history/activity-instance/{activity}", "{task}"),
      Probe.read("candidate history", "/history/identity-link-log?taskId={task}", "{task}"),
      Probe.read("operation log", "/history/user-operation?processInstanceId={pi}", "{pi}"));

  static final List<Probe> WRITES = List.of(
      Probe.write("claim the task", "POST", "/task/{task}/claim", "{\"userId\":\"{user}\"}", 204, true),
      Probe.write("take over the task", "POST", "/task/{task}/assignee", "{\"userId\":\"{user}\"}", 204, true),
      Probe.write("answer the clarification", "POST", "/task/{task}/complete", ANSWER, 204, true),
      Probe.write("submit the task form", "POST", "/task/{task}/submit-form", ANSWER, 204, true),
      Probe.write("comment on the task", "POST", "/task/{task}/comment/create", "{\"message\":\"Intruding\"}", 200, true),
      Probe.write("delete an attachment", "DELETE", "/task/{task}/attachment/{attachment}", null, 204, true),
      // focal points may not change variables or delete requests, even their own: the owner's answer is 403
      Probe.write("change a variable", "PUT", "/process-instance/{pi}/variables/title", "{\"value\":\"Changed\"}", 403, false),
      Probe.write("delete the request", "DELETE", "/process-instance/{pi}", null, 403, false),
      // only administrators may send the withdrawal message (see the report); the owner's 403 shows it reaches the request
      Probe.write("withdraw the request", "POST", "/message",
          "{\"messageName\":\"RequestWithdrawal\",\"businessKey\":\"{bk}\"}", 403, false));

  @BeforeAll
  void fileOneRequestPerState() {
    machine = HttpSession.machine(port);
    filed.put(KEN_FOCAL, file("KEN", KEN_FOCAL));
    filed.put(COL_FOCAL, file("COL", COL_FOCAL));
    for (String focalPoint : filed.keySet()) {
      HttpSession browser = new HttpSession(port);
      assertThat(browser.login(focalPoint, PASSWORD).statusCode()).isEqualTo(302);
      // Camunda builds its session authentication (user, groups, tenants) when the app is first loaded
      assertThat(browser.get(LoginController.TASKLIST).statusCode()).isEqualTo(200);
      assertThat(browser.cookie(HttpSession.WEBAPP_CSRF_COOKIE)).isPresent();
      tasklist.put(focalPoint, browser);
    }
  }

  static Stream<Arguments> reads() {
    return cases(READS);
  }

  static Stream<Arguments> writes() {
    return cases(WRITES);
  }

  private static Stream<Arguments> cases(List<Probe> probes) {
    return Stream.of(COL_FOCAL, KEN_FOCAL).flatMap(intruder -> Stream.of(Door.values())
        .flatMap(door -> probes.stream().map(probe -> Arguments.of(intruder, door, probe))));
  }

  @ParameterizedTest(name = "{0} through {1}: {2}")
  @MethodSource("reads")
  void anotherStatesDataAnswersLikeARequestThatDoesNotExist(String intruder, Door door, Probe probe) {
    Filed target = otherThan(intruder);

    HttpResponse<String> own = call(door, target.focalPoint(), probe, target.ids(), target.focalPoint());
    assertThat(own.statusCode()).as("the owner's answer (positive control): %s", own.body()).isEqualTo(probe.ownerStatus());
    assertThat(own.body()).as("the owner's answer (positive control)").contains(fill(probe.owner(), target.ids()));

    assertAnswersLikeAMissingRequest(intruder, door, probe, target);
  }

  @ParameterizedTest(name = "{0} through {1}: {2}")
  @MethodSource("writes")
  void anotherStatesRequestCannotBeChangedAndAnswersLikeARequestThatDoesNotExist(String intruder, Door door, Probe probe) {
    Filed other = otherThan(intruder);
    // a probe the owner's control would change gets a request of its own, so no other test sees the change
    Filed target = probe.fresh() ? fileQuickly(other.state(), other.focalPoint()) : other;

    assertAnswersLikeAMissingRequest(intruder, door, probe, target);
    assertUntouched(target);

    // positive control: the same call reaches the owner's request
    HttpResponse<String> own = call(door, target.focalPoint(), probe, target.ids(), target.focalPoint());
    assertThat(own.statusCode()).as("the owner's answer (positive control): %s", own.body()).isEqualTo(probe.ownerStatus());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {COL_FOCAL, KEN_FOCAL})
  void tasklistFiltersShowOnlyTheOwnStatesTasks(String focalPoint) {
    Filed own = filed.get(focalPoint);
    Filed other = otherThan(focalPoint);
    HttpSession browser = tasklist.get(focalPoint);
    JsonNode filters = json(browser.exchange("GET", Door.TASKLIST.prefix + "/filter?resourceType=Task", null));
    assertThat(filters.size()).isPositive();
    StringBuilder everything = new StringBuilder();
    for (JsonNode filter : filters) {
      HttpResponse<String> list = browser.exchange("POST",
          Door.TASKLIST.prefix + "/filter/" + filter.get("id").asText() + "/list?maxResults=1000", "{}");
      assertThat(list.statusCode()).as(filter.get("name").asText()).isEqualTo(200);
      everything.append(list.body());
    }
    assertThat(everything.toString()).as("the shared filters show the own state's task").contains(own.task());
    assertNothingOf(other, everything.toString(), Map.of());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {COL_FOCAL, KEN_FOCAL})
  void cockpitPluginApiListsOnlyTheOwnStatesRequests(String intruder) {
    Filed target = otherThan(intruder);
    String byKey = "/camunda/api/cockpit/plugin/base/default/process-instance?businessKey=";
    HttpResponse<String> own = tasklist.get(target.focalPoint()).exchange("GET", byKey + target.businessKey(), null);
    assertThat(own.body()).as("positive control").contains(target.processInstance());

    HttpResponse<String> asked = tasklist.get(intruder).exchange("GET", byKey + target.businessKey(), null);
    HttpResponse<String> missing = tasklist.get(intruder).exchange("GET", byKey + "TA-1999-99999", null);
    assertThat(asked.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(200);
    assertThat(asked.body()).isEqualTo(missing.body()).isEqualTo("[]");
  }

  /** How a focal point of Kenya might try to file a request for Colombia. */
  enum FilingForAnotherState {
    FORM_THROUGH_ENGINE_REST(Door.ENGINE_REST, "/submit-form", ""),
    START_THROUGH_ENGINE_REST(Door.ENGINE_REST, "/start", ""),
    FORM_THROUGH_TASKLIST(Door.TASKLIST, "/submit-form", ""),
    CLAIMING_TO_BE_HQ_INTAKE(Door.ENGINE_REST, "/submit-form", ",\"submittedBy\":{\"value\":\"intake\"}"),
    CLAIMING_TO_BE_THE_SYSTEM(Door.ENGINE_REST, "/submit-form", ",\"submittedBy\":{\"value\":null}"),
    CLAIMING_TO_BE_HQ_INTAKE_IN_TASKLIST(Door.TASKLIST, "/submit-form", ",\"submittedBy\":{\"value\":\"intake\"}");

    final Door door;
    final String action;
    final String extraVariables;

    FilingForAnotherState(Door door, String action, String extraVariables) {
      this.door = door;
      this.action = action;
      this.extraVariables = extraVariables;
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(FilingForAnotherState.class)
  void focalPointCannotFileForAnotherStateAndNothingIsCreated(FilingForAnotherState attempt) {
    long running = runtimeService.createProcessInstanceQuery().count();
    long ever = historyService.createHistoricProcessInstanceQuery().count();

    String body = submission("COL", "Filed by Kenya for Colombia", attempt.extraVariables);
    Probe filing = Probe.write("file", "POST", START + attempt.action, body, 0, false);
    HttpResponse<String> response = call(attempt.door, KEN_FOCAL, filing, Map.of(), KEN_FOCAL);

    // a claim to be someone else is refused before the state is even looked at: submittedBy is not a form field
    String refusedField = attempt.extraVariables.isEmpty() ? "memberState" : "submittedBy";
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).path("field").asText()).isEqualTo(refusedField);
    assertThat(runtimeService.createProcessInstanceQuery().count()).as("running requests").isEqualTo(running);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).as("requests ever started").isEqualTo(ever);
  }

  @Test
  void focalPointFilesForTheOwnStateThroughBothDoors() {
    for (Door door : Door.values()) {
      Probe filing = Probe.write("file", "POST", START + "/submit-form", submission("KEN", "Own request", ""), 200, false);
      HttpResponse<String> response = call(door, KEN_FOCAL, filing, Map.of(), KEN_FOCAL);
      assertThat(response.statusCode()).as("%s: %s", door, response.body()).isEqualTo(200);
      assertThat(json(response).path("tenantId").asText()).isEqualTo("KEN");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void assertAnswersLikeAMissingRequest(String intruder, Door door, Probe probe, Filed target) {
    Map<String, String> madeUp = madeUpIds();
    HttpResponse<String> asked = call(door, intruder, probe, target.ids(), intruder);
    HttpResponse<String> missing = call(door, intruder, probe, madeUp, intruder);

    if (probe.path().contains("?") && probe.ownerStatus() == 200) {
      assertThat(missing.body()).as("a query for a request that does not exist").isEqualTo("[]");
    } else {
      assertThat(missing.statusCode()).as("a request that does not exist is not found: %s", missing.body())
          .isNotIn(200, 204);
    }
    assertThat(asked.statusCode())
        .as("%s asking for %s's request: %s%n  vs. a request that does not exist: %s", intruder, target.state(),
            asked.body(), missing.body())
        .isEqualTo(missing.statusCode());
    assertNothingOf(target, asked.body(), target.ids());
    assertThat(mask(asked.body(), target.ids()))
        .as("%s asking for %s's request gets the very answer for a request that does not exist", intruder, target.state())
        .isEqualTo(mask(missing.body(), madeUp));
  }

  /** The answer carries nothing of the request but the ids the caller sent. */
  private static void assertNothingOf(Filed target, String body, Map<String, String> sent) {
    String rest = mask(body, sent);
    for (String secret : target.secrets()) {
      assertThat(rest).as("the answer carries %s's %s", target.state(), secret).doesNotContain(secret);
    }
  }

  private void assertUntouched(Filed target) {
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(target.processInstance()).count())
        .as("the request is still running").isOne();
    Task task = taskService.createTaskQuery().taskId(target.task()).singleResult();
    assertThat(task).as("the task is still open").isNotNull();
    assertThat(task.getAssignee()).as("nobody took the task").isNull();
    assertThat(taskService.getTaskAttachment(target.task(), target.attachment())).as("the attachment").isNotNull();
    assertThat(taskService.getTaskComments(target.task())).as("the task's comments").hasSize(1);
    assertThat(runtimeService.getVariable(target.processInstance(), "title")).isEqualTo(target.title());
  }

  private HttpResponse<String> call(Door door, String user, Probe probe, Map<String, String> ids, String caller) {
    Map<String, String> values = new LinkedHashMap<>(ids);
    values.put("{user}", caller);
    String path = door.prefix + fillQuery(probe.path(), values);
    String body = fill(probe.body(), values);
    return switch (door) {
      case ENGINE_REST -> machine.exchangeAs(user, PASSWORD, probe.method(), path, body, probe.accept());
      case TASKLIST -> tasklist.get(user).exchange(probe.method(), path, body, probe.accept());
    };
  }

  /** Files a request as the state's focal point, screens it with a question back, and adds an attachment and comments. */
  private Filed file(String state, String focalPoint) {
    String title = "Border control training for " + state + " " + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> started = machine.postJsonAs(focalPoint, PASSWORD, "/engine-rest" + START + "/submit-form",
        submission(state, title, ""));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode instance = json(started);
    String processInstance = instance.get("id").asText();
    String businessKey = instance.get("businessKey").asText();
    assertThat(instance.get("tenantId").asText()).isEqualTo(state);

    String screening = json(machine.getAs("intake", PASSWORD, "/engine-rest/task?processInstanceId=" + processInstance))
        .get(0).get("id").asText();
    assertThat(machine.postJsonAs("intake", PASSWORD, "/engine-rest/task/" + screening + "/claim",
        "{\"userId\":\"intake\"}").statusCode()).isEqualTo(204);
    assertThat(machine.postJsonAs("intake", PASSWORD, "/engine-rest/task/" + screening + "/complete",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"CLARIFY\"},"
            + "\"clarificationQuestion\":{\"value\":\"Which courts and agencies take part?\"}}}").statusCode()).isEqualTo(204);

    JsonNode tasks = json(machine.getAs(focalPoint, PASSWORD, "/engine-rest/task?processInstanceId=" + processInstance));
    assertThat(tasks.size()).isOne();
    assertThat(tasks.get(0).get("name").asText()).isEqualTo("Provide clarification");
    String task = tasks.get(0).get("id").asText();

    String content = "CONTENT OF " + state + " " + UUID.randomUUID();
    HttpResponse<String> attachment = machine.postMultipartAs(focalPoint, PASSWORD,
        "/engine-rest/task/" + task + "/attachment/create",
        "attachment-name", attachmentName(state), "attachment-type", "text/plain", "content", content);
    assertThat(attachment.statusCode()).as(attachment.body()).isEqualTo(200);
    HttpResponse<String> comment = machine.postJsonAs(focalPoint, PASSWORD, "/engine-rest/task/" + task + "/comment/create",
        "{\"message\":\"" + commentText(state) + "\"}");
    assertThat(comment.statusCode()).as(comment.body()).isEqualTo(200);
    // a comment on the request itself (Tasklist shows it in the request's history)
    taskService.createComment(null, processInstance, commentText(state));

    return filed(state, focalPoint, processInstance, businessKey, task, json(attachment).get("id").asText(),
        json(comment).get("id").asText(), title, content);
  }

  /**
   * The same as {@link #file}, through the Java API (quicker): for the requests that the owner's
   * positive control of a state-changing probe uses up.
   */
  private Filed fileQuickly(String state, String focalPoint) {
    String title = "Border control training for " + state + " " + UUID.randomUUID().toString().substring(0, 8);
    String content = "CONTENT OF " + state + " " + UUID.randomUUID();
    List<String> groups = identityService.createGroupQuery().groupMember(focalPoint).list().stream()
        .map(group -> group.getId()).toList();
    identityService.setAuthentication(focalPoint, groups, List.of(state));
    try {
      var definition = repositoryService.createProcessDefinitionQuery()
          .processDefinitionKey(TechnicalAssistanceProcess.PROCESS_KEY).latestVersion().singleResult();
      var instance = formService.submitStartForm(definition.getId(), Variables.createVariables()
          .putValue("memberState", state).putValue("title", title)
          .putValue("description", "Training for border police and prosecutors on the new law.")
          .putValueTyped("thematicAreas", VariableValues.json(List.of("CORRUPTION")))
          .putValueTyped("assistanceTypes", VariableValues.json(List.of("LEGISLATIVE_ASSISTANCE")))
          .putValue("urgency", "NORMAL")
          .putValue("requesterName", "Focal point of " + state)
          .putValue("requesterEmail", "focal." + state.toLowerCase() + "@example.org"));
      identityService.clearAuthentication();
      Task screening = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
      taskService.claim(screening.getId(), "intake");
      taskService.complete(screening.getId(), Variables.createVariables()
          .putValue("screeningOutcome", "CLARIFY").putValue("clarificationQuestion", "Which courts and agencies take part?"));
      identityService.setAuthentication(focalPoint, groups, List.of(state));
      Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
      var attachment = taskService.createAttachment("text/plain", task.getId(), null, attachmentName(state), null,
          new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
      var comment = taskService.createComment(task.getId(), null, commentText(state));
      identityService.clearAuthentication();
      taskService.createComment(null, instance.getId(), commentText(state));
      return filed(state, focalPoint, instance.getId(), instance.getBusinessKey(), task.getId(), attachment.getId(),
          comment.getId(), title, content);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Filed filed(String state, String focalPoint, String processInstance, String businessKey, String task,
      String attachment, String comment, String title, String content) {
    String variable = runtimeService.createVariableInstanceQuery().processInstanceIdIn(processInstance)
        .variableName("title").singleResult().getId();
    String detail = historyService.createHistoricDetailQuery().processInstanceId(processInstance).variableUpdates().list()
        .stream().filter(update -> ((HistoricVariableUpdate) update).getVariableName().equals("title"))
        .findFirst().orElseThrow().getId();
    String job = managementService.createJobQuery().processInstanceId(processInstance).list().get(0).getId();
    String activity = historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstance)
        .activityId("Activity_ProvideClarification").singleResult().getId();
    return new Filed(state, focalPoint, processInstance, businessKey, task, attachment, comment, variable, detail, job,
        activity, title, content);
  }

  private Filed otherThan(String focalPoint) {
    return filed.get(focalPoint.equals(KEN_FOCAL) ? COL_FOCAL : KEN_FOCAL);
  }

  static String submission(String state, String title, String extraVariables) {
    return "{\"variables\":{"
        + "\"memberState\":{\"value\":\"" + state + "\"},"
        + "\"title\":{\"value\":\"" + title + "\"},"
        + "\"description\":{\"value\":\"Training for border police and prosecutors on the new law.\"},"
        + "\"thematicAreas\":{\"type\":\"Json\",\"value\":\"[\\\"CORRUPTION\\\"]\"},"
        + "\"assistanceTypes\":{\"type\":\"Json\",\"value\":\"[\\\"LEGISLATIVE_ASSISTANCE\\\"]\"},"
        + "\"urgency\":{\"value\":\"NORMAL\"},"
        + "\"requesterName\":{\"value\":\"Focal point of " + state + "\"},"
        + "\"requesterEmail\":{\"value\":\"focal." + state.toLowerCase() + "@example.org\"}" + extraVariables + "}}";
  }

  static String commentText(String state) {
    return "Internal remark of " + state;
  }

  static String attachmentName(String state) {
    return "list-of-courts-" + state.toLowerCase() + ".txt";
  }

  private static String fill(String template, Map<String, String> values) {
    if (template == null) {
      return null;
    }
    String filled = template;
    for (var value : values.entrySet()) {
      filled = filled.replace(value.getKey(), value.getValue());
    }
    return filled;
  }

  /** Fills a path; values in the query string are URL-encoded. */
  private static String fillQuery(String path, Map<String, String> values) {
    int query = path.indexOf('?');
    if (query < 0) {
      return fill(path, values);
    }
    Map<String, String> encoded = new LinkedHashMap<>();
    values.forEach((key, value) -> encoded.put(key, URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return fill(path.substring(0, query), values) + fill(path.substring(query), encoded);
  }

  /** Replaces the ids a caller sent by their placeholders, so two answers can be compared. */
  private static String mask(String body, Map<String, String> sent) {
    String masked = body;
    for (var id : sent.entrySet()) {
      masked = masked.replace(id.getValue(), id.getKey());
    }
    return masked;
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }
}
