package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Files a request as a member state's focal point does: through the request API (engine doors are closed to states). */
final class StateFiling {

  private StateFiling() {}

  /** A valid request of the state, as the API takes it; {@code extraFields} are more JSON fields, e.g. co-requesting states. */
  static String request(String state, String title, String extraFields) {
    return "{\"memberState\":\"" + state + "\",\"title\":" + new ObjectMapper().valueToTree(title) + ","
        + "\"description\":\"Training for prosecutors and judges on the new witness protection law.\","
        + "\"thematicAreas\":[\"CORRUPTION\"],\"assistanceTypes\":[\"CAPACITY_BUILDING\"],\"estimatedBudgetUsd\":250000,"
        + "\"urgency\":\"NORMAL\",\"requesterName\":\"Wanjiru Kamau\",\"requesterEmail\":\"wanjiru.kamau@example.org\""
        + (extraFields == null || extraFields.isEmpty() ? "" : "," + extraFields) + "}";
  }

  /** Files and returns the reference number. */
  static String file(HttpSession machine, String user, String password, String state, String title, String extraFields) {
    HttpResponse<String> filed = machine.postJsonAs(user, password, "/api/requests", request(state, title, extraFields));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    try {
      return new ObjectMapper().readTree(filed.body()).get("referenceNumber").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A focal point of the state for a test, made once. */
  static void focalPoint(org.camunda.bpm.engine.IdentityService identityService, String id, String state, String password) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      org.camunda.bpm.engine.identity.User user = identityService.newUser(id);
      user.setFirstName("Focal");
      user.setLastName("Point of " + state);
      user.setPassword(password);
      identityService.saveUser(user);
      identityService.createMembership(id, "focal-" + state);
    }
  }

  static String file(HttpSession machine, String user, String password, String state, String title) {
    return file(machine, user, password, state, title, null);
  }
}
