package org.unodc.uponrequest.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Both decisions are deployed with the application and a planner can evaluate them on their own through engine-rest. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class DecisionsOverEngineRestTest {

  private static final ParameterizedTypeReference<List<Map<String, Map<String, Object>>>> RESULT =
      new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate rest;

  @Test
  void priorityAssessmentIsEvaluableThroughEngineRest() {
    var result = evaluate("priority-assessment", Map.ofEntries(
        Map.entry("areaWeight", 5), Map.entry("areaLabel", "Trafficking in persons"), Map.entry("areaBasis", "ONLY"),
        Map.entry("para24Status", "DEVELOPING"), Map.entry("highIncome", false), Map.entry("leastDeveloped", true),
        Map.entry("landlockedDeveloping", false), Map.entry("smallIslandDeveloping", false),
        Map.entry("emergingFromConflict", true), Map.entry("regionalVulnerability", "HIGH"),
        Map.entry("subregion", "Eastern Africa"), Map.entry("ratificationGap", true),
        Map.entry("ratificationGapInstruments", "Trafficking in Persons Protocol"), Map.entry("urgency", "HIGH")));

    assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Map<String, Object>> outputs = result.getBody().get(0);
    assertThat(outputs.get("priorityBand").get("value")).isEqualTo("HIGH");
    assertThat(outputs.get("priorityScore").get("value")).isInstanceOf(Integer.class);
    assertThat((String) outputs.get("priorityRationale").get("value")).contains("para 24");
  }

  @Test
  void regionalOfficeAssignmentIsEvaluableThroughEngineRest() {
    var result = evaluate("regional-office-assignment", Map.of(
        "memberState", "COL", "subregion", "Latin America and the Caribbean", "intermediateRegion", "South America",
        "piracyRequest", false));

    assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(result.getBody().get(0).get("assignedOffice").get("value")).isEqualTo("COCOL");
  }

  private ResponseEntity<List<Map<String, Map<String, Object>>>> evaluate(String key, Map<String, Object> inputs) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    inputs.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return rest.withBasicAuth("planner", "demo").exchange("/engine-rest/decision-definition/key/" + key + "/evaluate", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", variables)), RESULT);
  }
}
