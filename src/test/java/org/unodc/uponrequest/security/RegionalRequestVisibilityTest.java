package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who sees a regional request through the states' own door, {@code /api/requests}: Kenya files
 * for itself, Uganda, Tanzania and Rwanda. Uganda confirms, Tanzania declines, Rwanda lets the
 * deadline pass, Burundi is named in nothing. Kenya sees the whole request and every answer;
 * Uganda sees what the request shares with participants and its own remarks; Tanzania, Rwanda and
 * Burundi get the same 404 as a request that does not exist; staff are sent to Tasklist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionalRequestVisibilityTest {

  static final String PASSWORD = "visibility-test-password";
  static final String CONFIRMATION = "Confirm taking part in the regional request";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;

  private HttpSession machine;
  private String reference;
  private final List<String> seenBeforeAnswers = new ArrayList<>();
  private JsonNode ugandaBeforeAnswering;
  private JsonNode kenyaBeforeAnswersAreRecorded;

  @BeforeAll
  void kenyaFilesForFourStatesAndTheyAnswerInTheirOwnWays() {
    for (String state : List.of("UGA", "TZA", "RWA", "BDI")) {
      focalPoint(state.toLowerCase() + ".visibility", state);
    }
    machine = HttpSession.machine(port);
    reference = StateFiling.file(machine, "ken.focal", "demo", "KEN", "Regional asset recovery network",
        "\"coRequestingStates\":[\"UGA\",\"TZA\",\"RWA\"]");
    for (String state : List.of("UGA", "TZA", "RWA")) {
      if (contains(list(state), reference)) {
        seenBeforeAnswers.add(state);
      }
    }
    String screening = taskService.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult().getId();
    HttpResponse<String> accepted = machine.postJsonAs("intake", "demo", "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"}}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);

    ugandaBeforeAnswering = json(get("UGA", "/api/requests/" + reference));
    answer("UGA", "YES", "The Financial Intelligence Authority and the Inspectorate of Government take part.");
    answer("TZA", "NO", "Our own national programme covers this already.");
    Job rwandasDeadline = managementService.createJobQuery().processDefinitionKey("regional-participation").timers()
        .processInstanceId(participationOf("RWA")).singleResult();
    managementService.executeJob(rwandasDeadline.getId());
    kenyaBeforeAnswersAreRecorded = json(get("ken.focal", "demo", "/api/requests/" + reference));
    // the request records each answer after the participation ends (asynchronously)
    String request = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("technical-assistance-request")
        .processInstanceBusinessKey(reference).singleResult().getId();
    for (int round = 0; round < 10; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(request).messages().list();
      if (due.isEmpty()) {
        break;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(request)
        .variableName("participation_UGA").singleResult().getValue()).isEqualTo("YES");
  }

  @Test
  void namedStatesSeeNothingBeforeIntakeAsksThem() {
    assertThat(seenBeforeAnswers).isEmpty();
  }

  @Test
  void anInvitedStateSeesTheSharedRequestAndItsOwnConfirmationToDo() {
    JsonNode uganda = ugandaBeforeAnswering;
    assertThat(uganda.get("yourRole").asText()).isEqualTo("INVITED");
    assertThat(uganda.get("yourState").asText()).isEqualTo("UGA");
    assertThat(uganda.get("fields").get("title").asText()).isEqualTo("Regional asset recovery network");
    assertThat(uganda.get("waitingOnYou")).hasSize(1);
    assertThat(uganda.get("waitingOnYou").get(0).get("name").asText()).isEqualTo(CONFIRMATION);
    assertThat(uganda.get("coRequestingStates")).hasSize(1);
    assertThat(uganda.get("coRequestingStates").get(0).get("answer").asText()).isEqualTo("AWAITING_ANSWER");
  }

  @Test
  void theLeadStateSeesTheWholeRequestAndEveryAnswerWithItsRemarks() {
    JsonNode kenya = json(get("ken.focal", "demo", "/api/requests/" + reference));
    assertThat(kenya.get("yourRole").asText()).isEqualTo("LEAD");
    assertThat(kenya.get("status").asText()).isEqualTo("OPEN");
    assertThat(kenya.get("fields").get("requesterEmail").asText()).isEqualTo("wanjiru.kamau@example.org");
    assertThat(kenya.get("fields").has("screeningOutcome")).as("internal to UNODC").isFalse();
    assertThat(kenya.get("fields").has("participation_UGA")).isFalse();
    assertThat(answers(kenya)).containsExactly(
        "UGA YES The Financial Intelligence Authority and the Inspectorate of Government take part.",
        "TZA NO Our own national programme covers this already.",
        "RWA NO_ANSWER null");
    assertThat(contains(json(get("ken.focal", "demo", "/api/requests")), reference)).isTrue();
  }

  @Test
  void answersShowTheMomentAStateGivesThemNotOnlyOnceTheRequestRecordsThem() {
    assertThat(answers(kenyaBeforeAnswersAreRecorded)).containsExactly(
        "UGA YES The Financial Intelligence Authority and the Inspectorate of Government take part.",
        "TZA NO Our own national programme covers this already.",
        "RWA NO_ANSWER null");
  }

  @Test
  void aConfirmedStateSeesWhatIsSharedWithParticipantsAndOnlyItsOwnRemarks() {
    JsonNode uganda = json(get("UGA", "/api/requests/" + reference));
    assertThat(uganda.get("yourRole").asText()).isEqualTo("PARTICIPANT");
    JsonNode fields = uganda.get("fields");
    assertThat(fields.get("title").asText()).isEqualTo("Regional asset recovery network");
    assertThat(fields.get("memberStateName").asText()).isEqualTo("Kenya");
    assertThat(fields.get("thematicAreas").get(0).asText()).isEqualTo("CORRUPTION");
    assertThat(fields.has("stage")).isTrue();
    for (String leadsOwn : List.of("requesterName", "requesterEmail", "submittedBy", "clarificationQuestion",
        "screeningNotes", "feedbackComments")) {
      assertThat(fields.has(leadsOwn)).as(leadsOwn).isFalse();
    }
    assertThat(answers(uganda)).as("Tanzania declined and Rwanda did not answer: not participants")
        .containsExactly("UGA YES The Financial Intelligence Authority and the Inspectorate of Government take part.");
    assertThat(uganda.get("waitingOnYou")).isEmpty();

    JsonNode listed = json(get("UGA", "/api/requests"));
    JsonNode summary = find(listed, reference);
    assertThat(summary.get("yourRole").asText()).isEqualTo("PARTICIPANT");
    assertThat(summary.get("leadState").asText()).isEqualTo("KEN");
    assertThat(summary.get("title").asText()).isEqualTo("Regional asset recovery network");
  }

  @Test
  void statesThatDeclinedMissedTheDeadlineOrWereNeverNamedGetTheSame404AsNoRequest() {
    String nonexistent = reference.substring(0, reference.length() - 5) + "99999";
    int missing = get("BDI", "/api/requests/" + nonexistent).statusCode();
    assertThat(missing).isEqualTo(404);
    for (String state : List.of("TZA", "RWA", "BDI")) {
      HttpResponse<String> detail = get(state, "/api/requests/" + reference);
      assertThat(detail.statusCode()).as(state).isEqualTo(404);
      assertThat(json(detail).get("detail").asText()).as(state)
          .isEqualTo("None of your State's requests has the reference " + reference + ".");
      assertThat(contains(list(state), reference)).as(state).isFalse();
    }
    assertThat(get("col.focal", "demo", "/api/requests/" + reference).statusCode()).isEqualTo(404);
  }

  @Test
  void staffReadTheStaffViewOfRequestsTheyWorkOnAndStrangersAreAskedToSignIn() {
    HttpResponse<String> intake = get("intake", "demo", "/api/requests/" + reference);
    assertThat(intake.statusCode()).as("HQ intake screened it").isEqualTo(200);
    assertThat(intake.body()).contains("\"steps\"", "Screen the request");
    HttpResponse<String> office = get("office.nairobi", "demo", "/api/requests/" + reference);
    assertThat(office.statusCode()).as("no office has been offered it yet").isEqualTo(404);
    assertThat(office.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(machine.get("/api/requests").statusCode()).isEqualTo(401);
  }

  @Test
  void badPagingIsRefusedNamingTheField() {
    for (String query : List.of("page=-1", "page=x", "size=0", "size=101", "size=%00", "sort=colour",
        "sort=PROC_INST_ID_", "direction=up", "q=%01", "q=" + "x".repeat(201))) {
      HttpResponse<String> refused = get("ken.focal", "demo", "/api/requests?" + query);
      assertThat(refused.statusCode()).as(query).isEqualTo(400);
      assertThat(json(refused).get("field").asText()).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
    }
    HttpResponse<String> odd = get("ken.focal", "demo", "/api/requests/TA-2026-%3Cscript%3E");
    assertThat(odd.statusCode()).isEqualTo(404);
    assertThat(odd.body()).doesNotContain("<script>");
  }

  @Test
  void pagesAreOrderedNewestFirstAndCountTheTotal() {
    JsonNode first = json(get("ken.focal", "demo", "/api/requests?size=1"));
    assertThat(first.get("requests")).hasSize(1);
    assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(first.get("size").asInt()).isEqualTo(1);
    JsonNode all = json(get("ken.focal", "demo", "/api/requests?size=100"));
    List<String> filed = new ArrayList<>();
    all.get("requests").forEach(request -> filed.add(request.get("filedAt").asText()));
    assertThat(filed).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(all.get("requests").get(0).get("referenceNumber").asText()).isEqualTo(first.get("requests").get(0).get("referenceNumber").asText());
  }

  private void answer(String state, String decision, String remarks) {
    HttpResponse<String> answered = machine.postJsonAs(state.toLowerCase() + ".visibility", PASSWORD,
        "/api/requests/" + reference + "/answers", "{\"participationDecision\":\"" + decision
            + "\",\"participationNotes\":\"" + remarks + "\"}");
    // a state that declines no longer sees the request: its answer is taken, with nothing to show (204)
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(decision.equals("YES") ? 200 : 204);
  }

  private String participationOf(String state) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("regional-participation")
        .processInstanceBusinessKey(reference).variableValueEquals("memberState", state).singleResult().getId();
  }

  private static List<String> answers(JsonNode request) {
    List<String> answers = new ArrayList<>();
    request.get("coRequestingStates").forEach(state -> answers.add(state.get("state").asText() + " "
        + state.get("answer").asText() + " " + (state.hasNonNull("remarks") ? state.get("remarks").asText() : "null")));
    return answers;
  }

  private JsonNode list(String state) {
    return json(get(state, "/api/requests?size=100"));
  }

  private static boolean contains(JsonNode page, String reference) {
    return find(page, reference) != null;
  }

  private static JsonNode find(JsonNode page, String reference) {
    for (JsonNode request : page.get("requests")) {
      if (request.get("referenceNumber").asText().equals(reference)) {
        return request;
      }
    }
    return null;
  }

  private HttpResponse<String> get(String state, String path) {
    return get(state.toLowerCase() + ".visibility", PASSWORD, path);
  }

  private HttpResponse<String> get(String user, String password, String path) {
    return machine.exchangeAs(user, password, "GET", path, null);
  }

  private void focalPoint(String id, String state) {
    StateFiling.focalPoint(identityService, id, state, PASSWORD);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }
}
