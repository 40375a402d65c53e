package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A regional request through the states' own door, /api: Kenya files for itself and Uganda.
 * Uganda's focal point sees and answers its own confirmation, and reads only what the request
 * shares with it; Tanzania, not named, sees nothing, and the engine's doors refuse it; Kenya does
 * not see Uganda's task.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionalRequestIsolationTest {

  static final String PASSWORD = "regional-test-password";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;

  private HttpSession machine;
  private String businessKey;

  @BeforeAll
  void kenyaFilesForItselfAndUgandaAndIntakeAccepts() {
    focalPoint("uga.regional", "UGA");
    focalPoint("tza.regional", "TZA");
    machine = HttpSession.machine(port);
    businessKey = StateFiling.file(machine, "ken.focal", "demo", "KEN", "Regional witness protection network",
        "\"coRequestingStates\":[\"UGA\"]");
    String screening = taskService.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult().getId();
    HttpResponse<String> accepted = machine.postJsonAs("intake", "demo", "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"}}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
  }

  @Test
  void theCoRequestingStateSeesItsConfirmationAndOnlyWhatTheRequestSharesWithIt() {
    JsonNode request = json(machine.getAs("uga.regional", PASSWORD, "/api/requests/" + businessKey));
    assertThat(request.get("yourRole").asText()).isEqualTo("INVITED");
    assertThat(request.get("waitingOnYou")).hasSize(1);
    assertThat(request.get("waitingOnYou").get(0).get("step").asText()).isEqualTo("Activity_ConfirmParticipation");
    assertThat(request.get("fields").get("memberStateName").asText()).isEqualTo("Kenya");
    assertThat(request.get("fields").get("title").asText()).isEqualTo("Regional witness protection network");
    assertThat(request.get("fields").has("screeningNotes")).isFalse();
    assertThat(request.get("fields").has("requesterEmail")).as("the lead state's contact").isFalse();

    HttpResponse<String> slipped = machine.postJsonAs("uga.regional", PASSWORD, "/api/requests/" + businessKey + "/answers",
        "{\"participationDecision\":\"YES\",\"memberState\":\"UGA\"}");
    assertThat(slipped.statusCode()).isEqualTo(400);
    assertThat(json(slipped).get("field").asText()).isEqualTo("memberState");
    HttpResponse<String> answered = machine.postJsonAs("uga.regional", PASSWORD, "/api/requests/" + businessKey + "/answers",
        "{\"participationDecision\":\"YES\"}");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    assertThat(json(answered).get("yourRole").asText()).isEqualTo("PARTICIPANT");
  }

  @Test
  void aStateNotNamedSeesNothingOfTheRequest() {
    HttpResponse<String> asked = machine.getAs("tza.regional", PASSWORD, "/api/requests/" + businessKey);
    HttpResponse<String> none = machine.getAs("tza.regional", PASSWORD, "/api/requests/TA-1999-99999");
    assertThat(asked.statusCode()).isEqualTo(404);
    assertThat(json(asked).get("detail").asText().replace(businessKey, "X"))
        .isEqualTo(json(none).get("detail").asText().replace("TA-1999-99999", "X"));
    assertThat(json(machine.getAs("tza.regional", PASSWORD, "/api/requests?size=100")).toString()).doesNotContain(businessKey);
    for (String path : new String[] {"/engine-rest/task?processInstanceBusinessKey=" + businessKey,
        "/engine-rest/process-instance?businessKey=" + businessKey,
        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + businessKey}) {
      assertThat(machine.getAs("tza.regional", PASSWORD, path).statusCode()).as("engine doors are closed to states: " + path)
          .isEqualTo(403);
    }
  }

  @Test
  void theLeadStateDoesNotSeeTheCoRequestingStatesTask() {
    JsonNode request = json(machine.getAs("ken.focal", "demo", "/api/requests/" + businessKey));
    for (JsonNode task : request.get("waitingOnYou")) {
      assertThat(task.get("step").asText()).isNotEqualTo("Activity_ConfirmParticipation");
    }
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
