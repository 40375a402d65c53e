package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The request API's writes as a ministry's system uses them: filing (once per Idempotency-Key,
 * also when two identical submissions arrive together), answering UNODC, feedback, withdrawal;
 * every refusal names each field at fault and writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class StateRequestsApiTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String REQUEST = "{\"memberState\":\"KEN\",\"title\":\"%s\","
      + "\"description\":\"Mentoring of prosecutors on complex corruption cases.\",\"thematicAreas\":[\"CORRUPTION\"],"
      + "\"assistanceTypes\":[\"CAPACITY_BUILDING\"],\"urgency\":\"NORMAL\",\"estimatedBudgetUsd\":90000,"
      + "\"requesterName\":\"Wanjiru Kamau\",\"requesterEmail\":\"wanjiru.kamau@example.org\"}";

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aRequestIsFiledOncePerIdempotencyKeyAndAnsweredWith201AndItsAddress() {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> filed = post("ken.focal", "/api/requests", REQUEST.formatted("Mentoring prosecutors"), key);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    JsonNode body = json(filed);
    String reference = body.get("referenceNumber").asText();
    assertThat(reference).matches("TA-\\d{4}-\\d{5}");
    assertThat(body.get("status").asText()).isEqualTo("OPEN");
    assertThat(body.get("stage").asText()).isEqualTo("INTAKE");
    assertThat(filed.headers().firstValue("Location").orElse("")).endsWith("/api/requests/" + reference);
    assertThat(filed.headers().firstValue("Idempotent-Replayed")).contains("false");

    HttpResponse<String> retried = post("ken.focal", "/api/requests", REQUEST.formatted("Mentoring prosecutors"), key);
    assertThat(json(retried).get("referenceNumber").asText()).isEqualTo(reference);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(requestsTitled("Mentoring prosecutors")).isEqualTo(1);
  }

  @Test
  void twoIdenticalSubmissionsArrivingTogetherFileOneRequest() throws Exception {
    String key = UUID.randomUUID().toString();
    String title = "Simultaneous " + key.substring(0, 8);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Callable<HttpResponse<String>> call = () -> {
        start.await();
        return post("ken.focal", "/api/requests", REQUEST.formatted(title), key);
      };
      answers.add(pool.submit(call));
    }
    start.countDown();
    List<String> references = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      references.add(json(response).get("referenceNumber").asText());
    }
    pool.shutdown();
    assertThat(references).as("one reference for all four").containsOnly(references.get(0));
    assertThat(requestsTitled(title)).isEqualTo(1);
  }

  @Test
  void aRefusedFilingNamesEveryFieldAtFaultAndFilesNothing() {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("technical-assistance-request").count();
    HttpResponse<String> refused = post("ken.focal", "/api/requests",
        "{\"memberState\":\"KEN\",\"title\":\"\",\"urgency\":\"SOMEDAY\",\"requesterEmail\":\"not-an-address\","
            + "\"priorityBand\":\"HIGH\"}", null);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    json(refused).get("errors").forEach(error -> fields.add(error.get("field").asText()));
    assertThat(fields).contains("priorityBand", "title", "description", "urgency", "requesterEmail", "thematicAreas");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("technical-assistance-request").count())
        .isEqualTo(before);

    assertThat(json(post("ken.focal", "/api/requests", REQUEST.formatted("For Colombia").replace("\"KEN\"", "\"COL\""), null))
        .get("field").asText()).isEqualTo("memberState");
    for (String broken : new String[] {"{not json", "[1,2]", "{\"title\":{\"nested\":true}}"}) {
      HttpResponse<String> response = post("ken.focal", "/api/requests", broken, null);
      assertThat(response.statusCode()).as(broken).isEqualTo(400);
      assertThat(response.body()).as(broken).doesNotContain("Exception", "at org.");
    }
    assertThat(post("ken.focal", "/api/requests", REQUEST.formatted("Bad key"), "short").statusCode()).isEqualTo(400);
    assertThat(post("intake", "/api/requests", REQUEST.formatted("By staff"), null).statusCode()).isEqualTo(403);
  }

  @Test
  void aStateAnswersUnodcsQuestionGivesNoFeedbackBeforeItIsAskedAndWithdraws() {
    String reference = json(post("ken.focal", "/api/requests", REQUEST.formatted("Answer and withdraw"), null))
        .get("referenceNumber").asText();
    assertThat(post("ken.focal", "/api/requests/" + reference + "/answers", "{\"clarificationAnswer\":\"Too early\"}", null)
        .statusCode()).as("nothing asked yet").isEqualTo(409);

    String screening = taskService.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult().getId();
    taskService.complete(screening, Map.of("screeningOutcome", "CLARIFY", "clarificationQuestion", "Which courts would take part in the mentoring?"));
    JsonNode asked = json(get("ken.focal", "/api/requests/" + reference));
    assertThat(asked.get("actions").toString()).contains("\"ANSWER\"", "/answers", "\"WITHDRAW\"");

    HttpResponse<String> wrongField = post("ken.focal", "/api/requests/" + reference + "/answers",
        "{\"clarificationAnswer\":\"The High Court.\",\"screeningOutcome\":\"ACCEPT\"}", null);
    assertThat(json(wrongField).get("field").asText()).isEqualTo("screeningOutcome");
    HttpResponse<String> answered = post("ken.focal", "/api/requests/" + reference + "/answers",
        "{\"clarificationAnswer\":\"The High Court and the Anti-Corruption Court.\"}", null);
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    assertThat(json(answered).get("actions").toString()).doesNotContain("\"ANSWER\"");
    assertThat(post("ken.focal", "/api/requests/" + reference + "/feedback", "{\"satisfactionRating\":\"5\"}", null)
        .statusCode()).isEqualTo(409);
    assertThat(post("col.focal", "/api/requests/" + reference + "/withdrawal",
        "{\"withdrawalReason\":\"Not theirs\",\"withdrawalConfirmed\":true}", null).statusCode()).isEqualTo(404);

    HttpResponse<String> unconfirmed = post("ken.focal", "/api/requests/" + reference + "/withdrawal",
        "{\"withdrawalReason\":\"Covered by a bilateral programme\",\"withdrawalConfirmed\":false}", null);
    assertThat(json(unconfirmed).get("field").asText()).isEqualTo("withdrawalConfirmed");
    HttpResponse<String> withdrawn = post("ken.focal", "/api/requests/" + reference + "/withdrawal",
        "{\"withdrawalReason\":\"Covered by a bilateral programme\",\"withdrawalConfirmed\":true}", null);
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    assertThat(json(withdrawn).get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(json(withdrawn).get("timeline").toString()).contains("Request withdrawn by your State");
    assertThat(post("ken.focal", "/api/requests/" + reference + "/withdrawal",
        "{\"withdrawalReason\":\"Again\",\"withdrawalConfirmed\":true}", null).statusCode()).isEqualTo(409);
  }

  @Test
  void theApiIsDescribedInAnOpenApiDocumentWithSwaggerUi() {
    JsonNode document = json(get("ken.focal", "/api/openapi.json"));
    assertThat(document.get("openapi").asText()).startsWith("3.");
    assertThat(document.get("paths").has("/api/requests")).isTrue();
    for (String path : new String[] {"/api/requests/{reference}", "/api/requests/{reference}/answers",
        "/api/requests/{reference}/feedback", "/api/requests/{reference}/withdrawal"}) {
      assertThat(document.get("paths").has(path)).as(path).isTrue();
    }
    assertThat(document.toString()).contains("Idempotency-Key");
    HttpResponse<String> ui = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/swagger-ui/index.html"))
        .header("Authorization", basic("ken.focal")).GET());
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
  }

  @Test
  void staffReadTheRequestsTheEngineLetsThemRead() {
    String reference = json(post("ken.focal", "/api/requests", REQUEST.formatted("Read by staff"), null))
        .get("referenceNumber").asText();
    JsonNode intake = json(get("intake", "/api/requests/" + reference));
    assertThat(intake.toString()).contains("\"requesterEmail\"", "wanjiru.kamau@example.org", "Screen the request");
    assertThat(json(get("intake", "/api/requests?size=100&q=" + reference.substring(3))).get("requests").toString())
        .contains(reference);
    assertThat(get("planner", "/api/requests/" + reference).statusCode()).as("planning has not worked on it yet").isEqualTo(404);
    assertThat(json(get("planner", "/api/requests?size=100")).get("requests").toString()).doesNotContain(reference);
    assertThat(post("intake", "/api/requests/" + reference + "/withdrawal", "{}", null).statusCode())
        .as("staff write through Tasklist").isEqualTo(403);
  }

  private long requestsTitled(String title) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("technical-assistance-request")
        .variableValueEquals("title", title).count();
  }

  private HttpResponse<String> post(String user, String path, String body, String idempotencyKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user)).header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request);
  }

  private HttpResponse<String> get(String user, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user)).header("Accept", "application/json").header("Accept-Language", "en").GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }
}
