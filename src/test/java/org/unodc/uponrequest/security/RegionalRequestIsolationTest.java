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
 * A regional request through engine-rest: Kenya files for itself and Uganda. Uganda's focal point
 * sees and answers its own confirmation, and reads only what the request shares with it; Tanzania,
 * not named, sees nothing; Kenya does not see Uganda's task.
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
    String body = WriteIntegrityTest.submission("KEN", "\"Regional witness protection network\"")
        .replace("{\"variables\":{", "{\"variables\":{\"coRequestingStates\":{\"value\":\"[\\\"UGA\\\"]\",\"type\":\"Json\"},");
    HttpResponse<String> filed = machine.postJsonAs("ken.focal", "demo",
        "/engine-rest/process-definition/key/technical-assistance-request/submit-form", body);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
    businessKey = json(filed).get("businessKey").asText();
    String screening = taskService.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult().getId();
    HttpResponse<String> accepted = machine.postJsonAs("intake", "demo", "/engine-rest/task/" + screening + "/submit-form",
        "{\"variables\":{\"screeningOutcome\":{\"value\":\"ACCEPT\"},\"confirmedUrgency\":{\"value\":\"NORMAL\"}}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
  }

  @Test
  void theCoRequestingStateSeesItsConfirmationAndOnlyWhatTheRequestSharesWithIt() {
    JsonNode tasks = json(machine.getAs("uga.regional", PASSWORD, "/engine-rest/task?processInstanceBusinessKey=" + businessKey));
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("name").asText()).isEqualTo("Confirm taking part in the regional request");
    String task = tasks.get(0).get("id").asText();

    JsonNode shown = json(machine.getAs("uga.regional", PASSWORD, "/engine-rest/task/" + task + "/form-variables"));
    assertThat(shown.get("leadStateName").get("value").asText()).isEqualTo("Kenya");
    assertThat(shown.get("title").get("value").asText()).isEqualTo("Regional witness protection network");
    assertThat(shown.has("screeningNotes")).isFalse();
    assertThat(json(machine.getAs("uga.regional", PASSWORD, "/engine-rest/process-instance?businessKey=" + businessKey)))
        .as("Kenya's request itself").isEmpty();

    HttpResponse<String> slipped = machine.postJsonAs("uga.regional", PASSWORD, "/engine-rest/task/" + task + "/submit-form",
        "{\"variables\":{\"participationDecision\":{\"value\":\"YES\"},\"memberState\":{\"value\":\"UGA\"}}}");
    assertThat(slipped.statusCode()).isEqualTo(400);
    HttpResponse<String> answered = machine.postJsonAs("uga.regional", PASSWORD, "/engine-rest/task/" + task + "/submit-form",
        "{\"variables\":{\"participationDecision\":{\"value\":\"YES\"}}}");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
  }

  @Test
  void aStateNotNamedSeesNothingOfTheRequest() {
    for (String path : new String[] {"/engine-rest/task?processInstanceBusinessKey=" + businessKey,
        "/engine-rest/process-instance?businessKey=" + businessKey,
        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + businessKey,
        "/engine-rest/history/task?processInstanceBusinessKey=" + businessKey}) {
      assertThat(json(machine.getAs("tza.regional", PASSWORD, path))).as(path).isEmpty();
    }
  }

  @Test
  void theLeadStateDoesNotSeeTheCoRequestingStatesTask() {
    JsonNode tasks = json(machine.getAs("ken.focal", "demo", "/engine-rest/task?processInstanceBusinessKey=" + businessKey));
    for (JsonNode task : tasks) {
      assertThat(task.get("name").asText()).isNotEqualTo("Confirm taking part in the regional request");
    }
  }

  private void focalPoint(String id, String state) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName("Focal");
      user.setLastName("Point of " + state);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, "focal-" + state);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }
}
