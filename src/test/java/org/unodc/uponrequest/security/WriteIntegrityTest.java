package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * Integrity of every write, tried as an attacker with a focal point's or an officer's account
 * through both doors to the engine (engine-rest with HTTP Basic, and the webapps' engine API
 * behind a login, which Tasklist uses), which are closed to focal points, and through the
 * states' own door, /api. Kenya's request waits for its focal point's
 * clarification, with HQ intake's internal screening notes on it. Each attack must be refused
 * with a 4xx naming the problem and leave the request exactly as it was; the same door used as
 * intended still works (so the refusals are not a broken door).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteIntegrityTest {

  static final String PASSWORD = "demo";
  static final String KEN_FOCAL = "ken.focal";
  static final String INTAKE = "intake";
  /** Reads every request and task (oversight), works only on the managers' own tasks, starts none. */
  static final String MANAGER = "manager";
  static final String DEFINITION = "/process-definition/key/" + TechnicalAssistanceProcess.PROCESS_KEY;
  static final String SECRET_NOTES = "Internal: the ministry's last project was mismanaged, check twice.";
  static final String INTERNAL_COMMENT = "Internal comment: the desk officer doubts the ministry's capacity.";
  static final String INTERNAL_ATTACHMENT = "INTERNAL ATTACHMENT: capacity assessment of the ministry";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  private HttpSession machine;
  private final Map<String, HttpSession> browsers = new HashMap<>();
  private String request;
  private String reference;
  private String clarificationTask;
  private String screeningTask;
  private String internalComment;
  private String internalAttachment;

  /** The two doors to the engine. */
  enum Door {
    ENGINE_REST("/engine-rest"),
    WEBAPP_API("/camunda/api/engine/engine/default");

    final String prefix;

    Door(String prefix) {
      this.prefix = prefix;
    }
  }

  @BeforeAll
  void kenyasRequestWaitsForClarificationWithInternalNotes() {
    machine = HttpSession.machine(port);
    // HQ intake files on Kenya's behalf through the engine's door (focal points have only the portal and /api)
    HttpResponse<String> filed = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form",
        submission("KEN", "\"Witness protection programme\""));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
    request = json(filed).get("id").asText();
    reference = json(filed).get("businessKey").asText();
    Task screening = taskService.createTaskQuery().processInstanceId(request).singleResult();
    screeningTask = screening.getId();
    internalComment = taskService.createComment(screeningTask, request, INTERNAL_COMMENT).getId();
    internalAttachment = taskService.createAttachment("text/plain", screeningTask, request, "internal-assessment.txt", null,
        new ByteArrayInputStream(INTERNAL_ATTACHMENT.getBytes(StandardCharsets.UTF_8))).getId();
    HttpResponse<String> screened = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest/task/" + screening.getId() + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"CLARIFY\"},"
            + "\"clarificationQuestion\":{\"value\":\"Which courts and agencies would take part?\"},"
            + "\"screeningNotes\":{\"value\":\"" + SECRET_NOTES + "\"}}}");
    assertThat(screened.statusCode()).as(screened.body()).isEqualTo(204);
    clarificationTask = taskService.createTaskQuery().processInstanceId(request).singleResult().getId();
    for (String user : List.of(KEN_FOCAL, INTAKE)) {
      HttpSession browser = new HttpSession(port);
      assertThat(browser.login(user, PASSWORD).statusCode()).isEqualTo(302);
      // Camunda builds its session when Tasklist first loads; a focal point is sent to the portal instead
      assertThat(browser.get(LoginController.TASKLIST).statusCode()).isEqualTo(user.equals(INTAKE) ? 200 : 302);
      browsers.put(user, browser);
    }
  }

  // ---- one way in ------------------------------------------------------------------------------

  static Stream<Arguments> startsPastRegistration() {
    String valid = submission("COL", "\"Planted\"");
    String body = valid.substring(0, valid.length() - 1);
    return Stream.of(Door.values()).flatMap(door -> Stream.of(
        Arguments.of(door, "start before screening",
            body + ",\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Activity_ScreenRequest\"}]}"),
        Arguments.of(door, "start skipping the registration's listeners", body + ",\"skipCustomListeners\":true}"),
        Arguments.of(door, "start skipping input mappings", body + ",\"skipIoMappings\":true}")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("startsPastRegistration")
  void aRequestCannotBePlantedPastRegistration(Door door, String attack, String body) {
    long before = runtimeService.createProcessInstanceQuery().count();
    for (String user : List.of(KEN_FOCAL, INTAKE)) {
      HttpResponse<String> answer = as(user, door, "POST", DEFINITION + "/start", body);
      assertThat(answer.statusCode()).as(user + ": " + answer.body()).isEqualTo(403);
    }
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aStartWithoutAValidMemberStateIsRefusedAndNothingIsStoredWithoutATenant() {
    long before = runtimeService.createProcessInstanceQuery().count();
    String noState = submission("KEN", "\"No state\"").replace("\"memberState\":{\"value\":\"KEN\"},", "");
    HttpResponse<String> answer = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form", noState);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).get("field").asText()).isEqualTo(ProcessVariables.MEMBER_STATE);
    HttpResponse<String> unknown = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form",
        submission("XXX", "\"Unknown state\""));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
    // reports and undelivered-mail cases are the office's own and carry no tenant; a request always does
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(TechnicalAssistanceProcess.PROCESS_KEY)
        .withoutTenantId().count()).isZero();
  }

  static Stream<Arguments> movesPastTheSteps() {
    return Stream.of(Door.values()).flatMap(door -> Stream.of(
        Arguments.of(door, "modify the request: jump to the office's planning", "POST", "/process-instance/{pi}/modification",
            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Activity_PlanDelivery\"}]}"),
        Arguments.of(door, "restart from history", "POST", DEFINITION.replace("/key/technical-assistance-request", "/{pd}") + "/restart",
            "{\"processInstanceIds\":[\"{pi}\"],\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Activity_ReviewPriority\"}]}"),
        Arguments.of(door, "migrate", "POST", "/migration/execute",
            "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\"{pd}\",\"targetProcessDefinitionId\":\"{pd}\",\"instructions\":[]},"
                + "\"processInstanceIds\":[\"{pi}\"]}"),
        Arguments.of(door, "correlate the withdrawal message", "POST", "/message",
            "{\"messageName\":\"RequestWithdrawal\",\"processInstanceId\":\"{pi}\"}"),
        Arguments.of(door, "throw a signal", "POST", "/signal", "{\"name\":\"anything\"}"),
        Arguments.of(door, "set a process variable", "PUT", "/process-instance/{pi}/variables/priorityScore",
            "{\"value\":99,\"type\":\"Integer\"}"),
        Arguments.of(door, "set a variable through one's own task", "PUT", "/task/{task}/variables/priorityScore",
            "{\"value\":99,\"type\":\"Integer\"}"),
        Arguments.of(door, "set several variables through one's own task", "POST", "/task/{task}/variables",
            "{\"modifications\":{\"requiredConsultations\":{\"value\":\"[]\",\"type\":\"Json\"}}}"),
        Arguments.of(door, "delete a variable through one's own task", "DELETE", "/task/{task}/variables/requiredConsultations", null),
        Arguments.of(door, "throw a BPMN error from one's own task", "POST", "/task/{task}/bpmnError",
            "{\"errorCode\":\"anything\",\"variables\":{\"stage\":{\"value\":\"DELIVERY\"}}}"),
        Arguments.of(door, "resolve one's own task with variables", "POST", "/task/{task}/resolve",
            "{\"variables\":{\"stage\":{\"value\":\"DELIVERY\"}}}")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("movesPastTheSteps")
  void aMemberStateCannotMoveOrRewriteItsRequestOutsideItsForms(Door door, String attack, String method, String path,
      String body) {
    Map<String, String> before = snapshot(request);
    for (String user : List.of(KEN_FOCAL, INTAKE)) {
      HttpResponse<String> answer = as(user, door, method, fill(path), body == null ? null : fill(body));
      assertThat(answer.statusCode()).as(user + ": " + answer.body()).isBetween(400, 499);
    }
    assertThat(snapshot(request)).isEqualTo(before);
    assertThat(runtimeService.getActiveActivityIds(request)).containsExactly(TechnicalAssistanceProcess.PROVIDE_CLARIFICATION);
  }

  // ---- each step accepts only its own form ----------------------------------------------------

  static Stream<Arguments> variablesSlippedIn() {
    return Stream.of("leastDeveloped\":true", "emergingFromConflict\":true", "strategyWeight\":5",
        "urgency\":\"CRITICAL\"", "stage\":\"DELIVERY\"", "priorityScore\":99", "requiredConsultations\":[]")
        .map(extra -> Arguments.of(extra.substring(0, extra.indexOf('"')), extra));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variablesSlippedIn")
  void answeringAQuestionCannotSetAnythingElse(String field, String extra) {
    Map<String, String> before = snapshot(request);
    HttpResponse<String> answer = machine.postJsonAs(KEN_FOCAL, PASSWORD, "/api/requests/" + reference + "/answers",
        "{\"clarificationAnswer\":\"The supreme court and two high courts.\",\"" + extra + "}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(json(answer).get("field").asText()).isEqualTo(field);
    for (Door door : Door.values()) {
      for (String action : List.of("/submit-form", "/complete")) {
        HttpResponse<String> engine = as(KEN_FOCAL, door, "POST", "/task/" + clarificationTask + action,
            "{\"variables\":{\"clarificationAnswer\":{\"value\":\"The supreme court.\"}}}");
        assertThat(engine.statusCode()).as("the engine's doors are closed to member states").isEqualTo(403);
      }
    }
    assertThat(snapshot(request)).isEqualTo(before);
  }

  @Test
  void anOfficerCannotSetAnythingBeyondTheirStepsForm() {
    String pi = fileAsKenya("\"Officer slips in a score\"");
    String screening = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    for (Door door : Door.values()) {
      HttpResponse<String> answer = as(INTAKE, door, "POST", "/task/" + screening + "/submit-form",
          "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"},\"priorityScore\":{\"value\":99}}}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
      assertThat(json(answer).get("field").asText()).isEqualTo(ProcessVariables.PRIORITY_SCORE);
      HttpResponse<String> put = as(INTAKE, door, "PUT", "/task/" + screening + "/variables/urgency", "{\"value\":\"CRITICAL\"}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
    }
    assertThat(runtimeService.getVariable(pi, ProcessVariables.URGENCY)).isEqualTo("NORMAL");
    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(TechnicalAssistanceProcess.SCREEN_REQUEST);
  }

  @Test
  void anOfficerCannotRewriteWhatTheProcessSetOnATaskButMayPlanItsFollowUp() {
    String pi = fileAsKenya("\"Officer moves a deadline\"");
    Task screening = taskService.createTaskQuery().processInstanceId(pi).singleResult();
    String due = "2099-12-31T00:00:00.000+0000";
    for (Door door : Door.values()) {
      for (String change : List.of("\"due\":\"" + due + "\"", "\"name\":\"Nothing to do\"", "\"description\":\"Ignore\"",
          "\"priority\":1", "\"parentTaskId\":\"" + screening.getId() + "\"")) {
        HttpResponse<String> put = as(INTAKE, door, "PUT", "/task/" + screening.getId(), taskAsTasklistSendsIt(screening, change));
        assertThat(put.statusCode()).as(door + " " + change + ": " + put.body()).isEqualTo(403);
      }
    }
    Task after = taskService.createTaskQuery().taskId(screening.getId()).singleResult();
    assertThat(after.getDueDate()).isEqualTo(screening.getDueDate());
    assertThat(after.getName()).isEqualTo(screening.getName());
    assertThat(after.getPriority()).isEqualTo(screening.getPriority());

    HttpResponse<String> followUp = as(INTAKE, Door.WEBAPP_API, "PUT", "/task/" + screening.getId(),
        taskAsTasklistSendsIt(screening, "\"followUp\":\"2027-04-01T09:00:00.000+0000\""));
    assertThat(followUp.statusCode()).as("Tasklist's follow-up date: " + followUp.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(screening.getId()).singleResult().getFollowUpDate()).isNotNull();
  }

  /** The whole task, as Tasklist PUTs it back after changing one field ({@code change}, a JSON member). */
  private static String taskAsTasklistSendsIt(Task task, String change) {
    java.text.SimpleDateFormat format = new java.text.SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    format.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("name", "\"" + task.getName() + "\"");
    fields.put("description", task.getDescription() == null ? "null" : "\"" + task.getDescription() + "\"");
    fields.put("priority", String.valueOf(task.getPriority()));
    fields.put("assignee", task.getAssignee() == null ? "null" : "\"" + task.getAssignee() + "\"");
    fields.put("owner", "null");
    fields.put("delegationState", "null");
    fields.put("due", task.getDueDate() == null ? "null" : "\"" + format.format(task.getDueDate()) + "\"");
    fields.put("followUp", "null");
    fields.put("parentTaskId", "null");
    fields.put("caseInstanceId", "null");
    fields.put("tenantId", task.getTenantId() == null ? "null" : "\"" + task.getTenantId() + "\"");
    String name = change.substring(1, change.indexOf('"', 1));
    fields.put(name, change.substring(change.indexOf(':') + 1));
    StringBuilder json = new StringBuilder("{");
    fields.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":").append(value));
    return json.append('}').toString();
  }

  @Test
  void aHiddenFieldCannotBeSetAndARequiredShownOneCannotBeLeftOut() {
    String pi = fileAsKenya("\"Hidden field\"");
    String screening = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    HttpResponse<String> hidden = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"},"
            + "\"declineReason\":{\"value\":\"Outside the mandate, but accepted anyway by mistake.\"}}}");
    assertThat(hidden.statusCode()).isEqualTo(400);
    assertThat(json(hidden).get("field").asText()).isEqualTo(ProcessVariables.DECLINE_REASON);
    HttpResponse<String> missing = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"DECLINE\"}}}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).get("field").asText()).isEqualTo(ProcessVariables.DECLINE_REASON);
    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(TechnicalAssistanceProcess.SCREEN_REQUEST);
  }

  @Test
  void whoMayNotWorkOnATaskIsRefusedWithoutLearningTheFormsRules() {
    String pi = fileAsKenya("\"Manager tries to screen\"");
    String screening = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    HttpResponse<String> broken = machine.postJsonAs(MANAGER, PASSWORD, "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"DECLINE\"}}}");
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(403);
    assertThat(json(broken).has("field")).as(broken.body()).isFalse();
    assertThat(broken.body()).doesNotContain(ProcessVariables.DECLINE_REASON);
    HttpResponse<String> kept = machine.postJsonAs(MANAGER, PASSWORD, "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"}}}");
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(403);
    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(TechnicalAssistanceProcess.SCREEN_REQUEST);
  }

  @Test
  void whoMayNotStartARequestIsRefusedWithoutLearningTheStartFormsRules() {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    HttpResponse<String> broken = machine.postJsonAs(MANAGER, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form",
        submission("KEN", "\"" + "x".repeat(201) + "\""));
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(403);
    assertThat(json(broken).has("field")).as(broken.body()).isFalse();
    HttpResponse<String> kept = machine.postJsonAs(MANAGER, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form",
        submission("KEN", "\"A manager's own request\""));
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(403);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  // ---- bad input gets a clear 400, never a 500 ------------------------------------------------

  static Stream<Arguments> badStarts() {
    return Stream.of(
        Arguments.of("a malformed JSON list", "thematicAreas",
            submission("KEN", "\"Broken list\"").replace("\"[\\\"CORRUPTION\\\"]\"", "\"[nope\"")),
        Arguments.of("a NUL character in the title", "title", submission("KEN", "\"Title\\u0000with NUL\"")),
        Arguments.of("an ESC character in the title", "title", submission("KEN", "\"Title\\u001b[31m red\"")),
        Arguments.of("a line break in a one-line title", "title", submission("KEN", "\"Title\\nsecond line\"")),
        Arguments.of("an unknown thematic area", "thematicAreas",
            submission("KEN", "\"Unknown area\"").replace("\\\"CORRUPTION\\\"", "\\\"ALCHEMY\\\"")),
        Arguments.of("a title too long", "title", submission("KEN", "\"" + "x".repeat(201) + "\"")),
        Arguments.of("a negative budget", "estimatedBudgetUsd",
            submission("KEN", "\"Negative\"").replace("\"value\":250000", "\"value\":-5")),
        Arguments.of("a budget that is text", "estimatedBudgetUsd",
            submission("KEN", "\"Text budget\"").replace("\"value\":250000", "\"value\":\"lots\"")),
        Arguments.of("an unknown field", "priorityScore",
            submission("KEN", "\"Extra\"").replace("{\"variables\":{", "{\"variables\":{\"priorityScore\":{\"value\":99},")),
        Arguments.of("a Java-serialized object", null, submission("KEN",
            "\"rO0ABXQABHRlc3Q=\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.lang.String\","
                + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStarts")
  void badInputToTheStartFormIsA400NamingTheFieldAndNothingIsSaved(String what, String field, String body) {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    HttpResponse<String> answer = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form", body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    if (field != null) {
      assertThat(json(answer).get("field").asText()).isEqualTo(field);
    }
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  // ---- internal notes stay internal ----------------------------------------------------------

  static Stream<Arguments> readsOfTheRequest() {
    return Stream.of(Door.values()).flatMap(door -> Stream.of(
        Arguments.of(door, "/process-instance/{pi}/variables"),
        Arguments.of(door, "/process-instance/{pi}/variables/screeningNotes"),
        Arguments.of(door, "/task/{task}/variables"),
        Arguments.of(door, "/task/{task}/variables/screeningNotes"),
        Arguments.of(door, "/task/{task}/form-variables"),
        Arguments.of(door, "/task/{task}/form-variables?variableNames=screeningNotes"),
        Arguments.of(door, "/variable-instance?processInstanceIdIn={pi}"),
        Arguments.of(door, "/variable-instance?variableName=screeningNotes"),
        Arguments.of(door, "/history/variable-instance?processInstanceId={pi}"),
        Arguments.of(door, "/history/variable-instance?variableName=screeningNotes"),
        Arguments.of(door, "/history/detail?processInstanceId={pi}"),
        Arguments.of(door, "/process-instance?variables=screeningNotes_like_%25mismanaged%25"),
        Arguments.of(door, "/history/process-instance?variables=screeningNotes_like_%25mismanaged%25"),
        Arguments.of(door, "/task?processVariables=screeningNotes_like_%25mismanaged%25"),
        Arguments.of(door, "/history/task?processVariables=screeningNotes_like_%25mismanaged%25")));
  }

  @ParameterizedTest(name = "{0}: GET {1}")
  @MethodSource("readsOfTheRequest")
  void internalNotesCannotBeReadByTheMemberStateThroughAnyDoor(Door door, String path) {
    HttpResponse<String> answer = as(KEN_FOCAL, door, "GET", fill(path), null);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 403, 404);
    // a refusal repeats the address asked for, which may name the field: only the rest counts
    String body = answer.body().replaceAll("\"path\":\"[^\"]*\"", "");
    assertThat(body).doesNotContain("mismanaged").doesNotContain(ProcessVariables.SCREENING_NOTES + "\"");
    if (answer.statusCode() == 403) {
      assertThat(answer.body()).doesNotContain("Exception");
    }
  }

  static Stream<Arguments> queriesThatWouldTellTheValue() {
    return Stream.of(Door.values()).flatMap(door -> Stream.of(
        Arguments.of(door, "/task", "{\"processVariables\":[{\"name\":\"screeningNotes\",\"operator\":\"like\",\"value\":\"%mismanaged%\"}]}"),
        Arguments.of(door, "/task", "{\"orQueries\":[{\"processVariables\":[{\"name\":\"screeningNotes\",\"operator\":\"like\","
            + "\"value\":\"%mismanaged%\"}]}]}"),
        Arguments.of(door, "/task", "{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\","
            + "\"parameters\":{\"variable\":\"screeningNotes\",\"type\":\"String\"}}]}"),
        Arguments.of(door, "/process-instance", "{\"variables\":[{\"name\":\"SCREENINGNOTES\",\"operator\":\"like\","
            + "\"value\":\"%mismanaged%\"}],\"variableNamesIgnoreCase\":true}"),
        Arguments.of(door, "/variable-instance", "{\"variableNameLike\":\"screening%\"}")));
  }

  @ParameterizedTest(name = "{0}: POST {1} {2}")
  @MethodSource("queriesThatWouldTellTheValue")
  void internalNotesCannotBeFilteredOrSortedOnByTheMemberState(Door door, String path, String query) {
    HttpResponse<String> answer = as(KEN_FOCAL, door, "POST", path, query);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 403);
    if (answer.statusCode() == 200) {
      assertThat(json(answer)).as("nothing internal matched or listed").isEmpty();
    }
  }

  static Stream<Arguments> notesOnUnodcTasks() {
    return Stream.of(Door.values()).flatMap(door -> Stream.of(
        Arguments.of(door, "/process-instance/{pi}/comment"),
        Arguments.of(door, "/task/{screening}/comment"),
        Arguments.of(door, "/task/{screening}/comment/{comment}"),
        Arguments.of(door, "/task/{screening}/attachment"),
        Arguments.of(door, "/task/{screening}/attachment/{attachment}"),
        Arguments.of(door, "/task/{screening}/attachment/{attachment}/data")));
  }

  @ParameterizedTest(name = "{0}: GET {1}")
  @MethodSource("notesOnUnodcTasks")
  void commentsAndAttachmentsOnUnodcTasksCannotBeReadByTheMemberState(Door door, String path) {
    HttpResponse<String> answer = as(KEN_FOCAL, door, "GET", fill(path), null);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 403, 404);
    assertThat(answer.body()).doesNotContain("desk officer").doesNotContain("INTERNAL ATTACHMENT")
        .doesNotContain("internal-assessment");
    HttpResponse<String> staff = as(INTAKE, door, "GET", fill(path), null);
    assertThat(staff.statusCode()).as("positive control: HQ intake reads its own notes").isEqualTo(200);
  }

  @Test
  void theMemberStateNeitherCommentsNorReadsCommentsThroughTheEngine() {
    HttpResponse<String> commented = machine.postJsonAs(KEN_FOCAL, PASSWORD, "/engine-rest/task/" + clarificationTask
        + "/comment/create", "{\"message\":\"We will answer after the cabinet meeting.\"}");
    assertThat(commented.statusCode()).isEqualTo(403);
    assertThat(machine.getAs(KEN_FOCAL, PASSWORD, "/engine-rest/process-instance/" + request + "/comment").statusCode())
        .isEqualTo(403);
    assertThat(taskService.getTaskComments(clarificationTask)).extracting(org.camunda.bpm.engine.task.Comment::getFullMessage)
        .doesNotContain("We will answer after the cabinet meeting.");
  }

  @Test
  void theMemberStateReadsItsStateVisibleFieldsAtItsOwnDoorAndStaffReadEverything() {
    HttpResponse<String> state = machine.getAs(KEN_FOCAL, PASSWORD, "/api/requests/" + reference);
    assertThat(state.statusCode()).isEqualTo(200);
    assertThat(json(state).get("fields").fieldNames()).toIterable()
        .contains(ProcessVariables.CLARIFICATION_QUESTION, ProcessVariables.TITLE, ProcessVariables.REFERENCE_NUMBER)
        .allMatch(ProcessVariables.STATE_VISIBLE::contains);
    assertThat(state.body()).doesNotContain("mismanaged");
    HttpResponse<String> staff = machine.getAs(INTAKE, PASSWORD, "/engine-rest/process-instance/" + request + "/variables");
    assertThat(staff.statusCode()).isEqualTo(200);
    assertThat(staff.body()).contains("mismanaged");
  }

  @Test
  void theMemberStateStillAnswersItsQuestionThroughItsForm() {
    String pi = fileAsKenya("\"Answer the question\"");
    String screening = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    assertThat(machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"CLARIFY\"},"
            + "\"clarificationQuestion\":{\"value\":\"Which courts and agencies would take part?\"}}}").statusCode()).isEqualTo(204);
    String answered = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();
    HttpResponse<String> answer = machine.postJsonAs(KEN_FOCAL, PASSWORD, "/api/requests/" + answered + "/answers",
        "{\"clarificationAnswer\":\"The supreme court and two high courts.\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("requiredConsultations").doesNotContain("strategyWeight");
    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(TechnicalAssistanceProcess.SCREEN_REQUEST);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private HttpResponse<String> as(String user, Door door, String method, String path, String body) {
    String accept = path.endsWith("/data") ? "application/octet-stream" : "application/json";
    if (door == Door.ENGINE_REST) {
      return machine.exchangeAs(user, PASSWORD, method, door.prefix + path, body, accept);
    }
    return browsers.get(user).exchange(method, door.prefix + path, body, accept);
  }

  /** The request's variables as text, to compare before and after. */
  private Map<String, String> snapshot(String pi) {
    Map<String, String> values = new java.util.TreeMap<>();
    runtimeService.getVariables(pi).forEach((name, value) -> values.put(name, String.valueOf(value)));
    return values;
  }

  private String fileAsKenya(String title) {
    HttpResponse<String> filed = machine.postJsonAs(INTAKE, PASSWORD, "/engine-rest" + DEFINITION + "/submit-form",
        submission("KEN", title));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
    return json(filed).get("id").asText();
  }

  private String fill(String text) {
    return text.replace("{pi}", request).replace("{task}", clarificationTask).replace("{screening}", screeningTask)
        .replace("{comment}", internalComment).replace("{attachment}", internalAttachment)
        .replace("{pd}", runtimeService.createProcessInstanceQuery().processInstanceId(request).singleResult().getProcessDefinitionId());
  }

  /** The start form's fields, as Tasklist submits them; {@code title} is the JSON of the title's value. */
  static String submission(String state, String title) {
    return "{\"variables\":{"
        + "\"memberState\":{\"value\":\"" + state + "\"},"
        + "\"title\":{\"value\":" + title + "},"
        + "\"description\":{\"value\":\"Training for prosecutors and judges on the new witness protection law.\"},"
        + "\"thematicAreas\":{\"value\":\"[\\\"CORRUPTION\\\"]\",\"type\":\"Json\"},"
        + "\"assistanceTypes\":{\"value\":\"[\\\"CAPACITY_BUILDING\\\"]\",\"type\":\"Json\"},"
        + "\"estimatedBudgetUsd\":{\"value\":250000},"
        + "\"urgency\":{\"value\":\"NORMAL\"},"
        + "\"requesterName\":{\"value\":\"Wanjiru Kamau\"},"
        + "\"requesterEmail\":{\"value\":\"wanjiru.kamau@example.org\"}}}";
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }
}
