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
 * points' clarification, with an attachment and comments), each state's focal point knocks on the
 * engine's doors (engine-rest and the webapps' engine API, Tasklist's door) for the other state's
 * request, task, variables, history, attachments, comments and diagram, and for its own, reads and
 * writes: every door refuses member states (they have the portal and /api), carries nothing of the
 * request and changes nothing, while an administrator reaches the same addresses (so no probe
 * passes by asking the wrong address). At the states' own door, another state's request answers
 * like one that does not exist, and a focal point files for its own state only.
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
    filed.put(KEN_FOCAL, fileQuickly("KEN", KEN_FOCAL));
    filed.put(COL_FOCAL, fileQuickly("COL", COL_FOCAL));
    for (String focalPoint : filed.keySet()) {
      HttpSession browser = new HttpSession(port);
      assertThat(browser.login(focalPoint, PASSWORD).statusCode()).isEqualTo(302);
      // Tasklist sends a focal point to the portal; the webapps' API refuses it
      assertThat(browser.get(LoginController.TASKLIST).statusCode()).isEqualTo(302);
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
  void theEngineDoorsRefuseMemberStatesWhateverTheRequest(String intruder, Door door, Probe probe) {
    Filed other = otherThan(intruder);
    Filed own = filed.get(intruder);
    for (Filed target : List.of(other, own)) {
      HttpResponse<String> asked = call(door, intruder, probe, target.ids(), intruder);
      assertThat(asked.statusCode()).as("%s asking for %s's request: %s", intruder, target.state(), asked.body())
          .isEqualTo(403);
      assertNothingOf(target, asked.body(), target.ids());
    }
    HttpResponse<String> missing = call(door, intruder, probe, madeUpIds(), intruder);
    assertThat(missing.statusCode()).as("and for a request that does not exist").isEqualTo(403);

    // positive control: the address is right, an administrator reaches it
    HttpResponse<String> admin = machine.exchangeAs("admin", PASSWORD, probe.method(), Door.ENGINE_REST.prefix
        + fillQuery(probe.path(), other.ids()), null, probe.accept());
    assertThat(admin.statusCode()).as("positive control: %s", admin.body()).isBetween(200, 299);
  }

  @ParameterizedTest(name = "{0} through {1}: {2}")
  @MethodSource("writes")
  void noRequestCanBeChangedByAMemberStateThroughTheEngineDoors(String intruder, Door door, Probe probe) {
    for (Filed target : List.of(otherThan(intruder), filed.get(intruder))) {
      HttpResponse<String> asked = call(door, intruder, probe, target.ids(), intruder);
      assertThat(asked.statusCode()).as("%s changing %s's request: %s", intruder, target.state(), asked.body())
          .isEqualTo(403);
      assertNothingOf(target, asked.body(), target.ids());
      assertUntouched(target);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {COL_FOCAL, KEN_FOCAL})
  void tasklistFiltersAndCockpitAreClosedToMemberStates(String focalPoint) {
    HttpSession browser = tasklist.get(focalPoint);
    assertThat(browser.exchange("GET", Door.TASKLIST.prefix + "/filter?resourceType=Task", null).statusCode()).isEqualTo(403);
    assertThat(browser.exchange("GET", "/camunda/api/cockpit/plugin/base/default/process-instance?businessKey="
        + otherThan(focalPoint).businessKey(), null).statusCode()).isEqualTo(403);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {COL_FOCAL, KEN_FOCAL})
  void anotherStatesRequestAnswersAtTheStatesOwnDoorLikeOneThatDoesNotExist(String intruder) {
    Filed other = otherThan(intruder);
    for (String path : List.of("/api/requests/%s", "/api/requests/%s/documents")) {
      HttpResponse<String> asked = machine.getAs(intruder, PASSWORD, path.formatted(other.businessKey()));
      HttpResponse<String> missing = machine.getAs(intruder, PASSWORD, path.formatted("TA-1999-99999"));
      assertThat(asked.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
      assertNothingOf(other, asked.body(), Map.of("{bk}", other.businessKey()));
    }
    for (String action : List.of("answers", "feedback", "withdrawal")) {
      HttpResponse<String> asked = machine.postJsonAs(intruder, PASSWORD, "/api/requests/" + other.businessKey() + "/" + action,
          "{\"clarificationAnswer\":\"Intruding\",\"withdrawalReason\":\"Intruding\",\"withdrawalConfirmed\":true}");
      assertThat(asked.statusCode()).as(action).isEqualTo(404);
    }
    assertUntouched(other);
    HttpResponse<String> own = machine.getAs(intruder, PASSWORD, "/api/requests/" + filed.get(intruder).businessKey());
    assertThat(own.statusCode()).as("positive control").isEqualTo(200);
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
  void focalPointCannotFileThroughTheEngineDoorsAtAll(FilingForAnotherState attempt) {
    long ever = historyService.createHistoricProcessInstanceQuery().count();
    String body = submission("COL", "Filed by Kenya for Colombia", attempt.extraVariables);
    Probe filing = Probe.write("file", "POST", START + attempt.action, body, 0, false);
    HttpResponse<String> response = call(attempt.door, KEN_FOCAL, filing, Map.of(), KEN_FOCAL);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).as("requests ever started").isEqualTo(ever);
  }

  @Test
  void focalPointFilesOnlyForItsOwnStateAtItsOwnDoor() {
    long ever = historyService.createHistoricProcessInstanceQuery().count();
    HttpResponse<String> forColombia = machine.postJsonAs(KEN_FOCAL, PASSWORD, "/api/requests",
        StateFiling.request("COL", "Filed by Kenya for Colombia", null));
    assertThat(forColombia.statusCode()).isEqualTo(400);
    assertThat(json(forColombia).get("field").asText()).isEqualTo("memberState");
    HttpResponse<String> asSomeoneElse = machine.postJsonAs(KEN_FOCAL, PASSWORD, "/api/requests",
        StateFiling.request("KEN", "Claiming to be HQ intake", "\"submittedBy\":\"intake\""));
    assertThat(asSomeoneElse.statusCode()).isEqualTo(400);
    assertThat(json(asSomeoneElse).get("field").asText()).isEqualTo("submittedBy");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(ever);

    String own = StateFiling.file(machine, KEN_FOCAL, PASSWORD, "KEN", "Own request");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(own).singleResult().getTenantId())
        .isEqualTo("KEN");
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

  /**
   * Files a request as the state's focal point through the Java API (as the portal does), screens
   * it with a question back, and adds an attachment and comments.
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
