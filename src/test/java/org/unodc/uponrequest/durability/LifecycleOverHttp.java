package org.unodc.uponrequest.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * Drives one request through its life over HTTP, as its users would: Kenya's focal point files it
 * through {@code /api/requests} and answers through the API, officers claim and complete their
 * tasks through engine-rest with exactly their forms' fields (README, "Walk one request through
 * every stage"). Each step goes to the next of the given nodes in turn, so a request moves across
 * all of them. Steps wait (poll) for what they act on: filing is answered before the process
 * starts (intake inbox), and timers move some requests on their own.
 *
 * <p>One instance per request, used by one thread at a time. Every step is recorded with its node
 * and wall time ({@link #steps()}); every task completed is recorded with its id
 * ({@link #completedTasks()}). A refusal the step does not expect throws {@link IllegalStateException}.
 */
public final class LifecycleOverHttp {

  public static final String PASSWORD = "demo";
  public static final String STATE = "ken.focal";
  public static final String CO_REQUESTING_STATE_USER = "uga.focal";
  public static final String INTAKE = "intake";
  public static final String PLANNER = "planner";
  public static final String OFFICE = "office.nairobi";
  public static final String MANAGER = "manager";
  /** Reads history (waiting for a timer's effect); an administrator sees every request. */
  public static final String ADMIN = "admin";

  /**
   * One step: what, on which node (index into the nodes), when it began ({@link System#nanoTime()}),
   * how long it took in all, and how many tries it needed.
   */
  public record Step(String name, int node, long beganNanos, long millis, int attempts) {}

  /** A task this driver completed: its definition key and id. */
  public record CompletedTask(String taskDefinitionKey, String id) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A step that loses to a concurrent commit (a timer firing on the same request) is sent again, as a user would. */
  private static final int MAX_ATTEMPTS = 5;

  private final HttpClient http;
  private final List<URI> nodes;
  private final Duration waitAtMost;
  private int nextNode;
  private String reference;
  private String processInstanceId;
  private final List<Step> steps = new ArrayList<>();
  private final List<CompletedTask> completed = new ArrayList<>();

  /**
   * @param nodes base addresses of the product's nodes, e.g. {@code http://localhost:8080}
   * @param firstNode the node the first step goes to (spread requests by giving each another)
   * @param waitAtMost how long a step waits for its task or for a timer before it fails
   */
  public LifecycleOverHttp(HttpClient http, List<URI> nodes, int firstNode, Duration waitAtMost) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no node");
    }
    this.http = http;
    this.nodes = List.copyOf(nodes);
    this.nextNode = Math.floorMod(firstNode, nodes.size());
    this.waitAtMost = waitAtMost;
  }

  public static HttpClient httpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  public String reference() {
    return reference;
  }

  /** Known once the screening task was found. */
  public String processInstanceId() {
    return processInstanceId;
  }

  public List<Step> steps() {
    return Collections.unmodifiableList(steps);
  }

  public List<CompletedTask> completedTasks() {
    return Collections.unmodifiableList(completed);
  }

  // --- the member state -------------------------------------------------------------------------

  /**
   * Kenya files a request (201, with a fresh Idempotency-Key); with co-requesting states it is a
   * regional request. Returns its reference number. The process starts moments later.
   */
  public String file(String title, String requesterEmail, List<String> thematicAreas, List<String> coRequestingStates) {
    ObjectNode body = JSON.createObjectNode().put("memberState", "KEN").put("title", title)
        .put("description", "Training and advisory support for the national authorities named in the annex.")
        .put("estimatedBudgetUsd", 250000).put("urgency", "NORMAL").put("requesterName", "Wanjiru Kamau")
        .put("requesterEmail", requesterEmail);
    thematicAreas.forEach(body.putArray("thematicAreas")::add);
    body.putArray("assistanceTypes").add("CAPACITY_BUILDING");
    if (!coRequestingStates.isEmpty()) {
      coRequestingStates.forEach(body.putArray("coRequestingStates")::add);
    }
    long began = System.nanoTime();
    int node = node();
    HttpResponse<String> filed = send(node, STATE, "POST", "/api/requests", body.toString(),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    expect(filed, 201, "filing");
    reference = read(filed).get("referenceNumber").asText();
    record("file", node, began, 1);
    return reference;
  }

  /**
   * Kenya answers UNODC's question (Provide clarification) through the API. False when the
   * question's deadline had passed (its timer withdrew the request first: 409, nothing kept).
   */
  public boolean answerClarification() {
    return stateAnswers(STATE, "answer", "/answers",
        JSON.createObjectNode().put("clarificationAnswer", "The High Court and the Anti-Corruption Court take part."));
  }

  /** Uganda confirms it takes part in Kenya's regional request. */
  public void confirmParticipation() {
    requireAnswered(stateAnswers(CO_REQUESTING_STATE_USER, "confirm participation", "/answers",
        JSON.createObjectNode().put("participationDecision", "YES")), "confirm participation");
  }

  /**
   * Kenya gives feedback. False when the feedback window had closed (its timer fired first: the
   * API answers 409 and nothing of the feedback is kept).
   */
  public boolean giveFeedback() {
    long began = System.nanoTime();
    int node = node();
    HttpResponse<String> answer = send(node, STATE, "POST", "/api/requests/" + reference + "/feedback",
        JSON.createObjectNode().put("satisfactionRating", 5).put("feedbackComments", "Timely and useful.").toString(), Map.of());
    if (answer.statusCode() == 409) {
      record("feedback (window closed)", node, began, 1);
      return false;
    }
    expect(answer, 200, "feedback");
    record("feedback", node, began, 1);
    return true;
  }

  /**
   * Kenya withdraws the request (before delivery). A 409 (a job, such as the asynchronous priority
   * assessment, committed on the request at the same moment) is sent again, as its answer asks.
   */
  public void withdraw() {
    long began = System.nanoTime();
    int node = node();
    String body = JSON.createObjectNode().put("withdrawalReason", "Covered by the national programme")
        .put("withdrawalConfirmed", true).toString();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> answer = send(node, STATE, "POST", "/api/requests/" + reference + "/withdrawal", body, Map.of());
      if (answer.statusCode() != 409 || attempt == MAX_ATTEMPTS) {
        expect(answer, 200, "withdrawal");
        record("withdraw", node, began, attempt);
        return;
      }
    }
  }

  /** Waits until the request has ended, as Kenya sees it; returns its outcome (e.g. COMPLETED, WITHDRAWN_NO_ANSWER). */
  public String awaitEnd() {
    long began = System.nanoTime();
    int node = node();
    long until = began + waitAtMost.toNanos();
    for (int poll = 0; ; poll++) {
      JsonNode request = read(expect(send(node, STATE, "GET", "/api/requests/" + reference, null, Map.of()), 200, "read"));
      if (!"OPEN".equals(request.get("status").asText())) {
        record("await end", node, began, poll + 1);
        return request.get("fields").path("outcome").asText();
      }
      pause(poll, until, "the end of " + reference);
    }
  }

  // --- UNODC's officers ----------------------------------------------------------------------------

  public void screenAndAccept() {
    officer(INTAKE, TechnicalAssistanceProcess.SCREEN_REQUEST, Map.of("screeningOutcome", "ACCEPT", "confirmedUrgency", "NORMAL"));
  }

  public void screenAndAskForClarification() {
    officer(INTAKE, TechnicalAssistanceProcess.SCREEN_REQUEST, Map.of("screeningOutcome", "CLARIFY",
        "clarificationQuestion", "Which courts and agencies would take part in the training?"));
  }

  public void screenAndDecline() {
    officer(INTAKE, TechnicalAssistanceProcess.SCREEN_REQUEST, Map.of("screeningOutcome", "DECLINE",
        "declineReason", "The request concerns matters outside the mandate of the Office."));
  }

  public void reviewPriority() {
    officer(PLANNER, TechnicalAssistanceProcess.REVIEW_PRIORITY, Map.of("overridePriority", false));
  }

  public void confirmFunding() {
    officer(PLANNER, TechnicalAssistanceProcess.CONFIRM_FUNDING, Map.of("fundingDecision", "FUNDED",
        "fundingSource", "REGULAR_BUDGET", "fundedAmountUsd", 200000));
  }

  /** Not yet funded: the request waits in the pipeline for a re-check (a timer). */
  public void keepInFundingPipeline() {
    officer(PLANNER, TechnicalAssistanceProcess.CONFIRM_FUNDING, Map.of("fundingDecision", "PIPELINE"));
  }

  public void closeAsUnfunded() {
    officer(PLANNER, TechnicalAssistanceProcess.CONFIRM_FUNDING, Map.of("fundingDecision", "CLOSE_UNFUNDED"));
  }

  public void acceptAssignment() {
    officer(OFFICE, TechnicalAssistanceProcess.DECIDE_ON_ASSIGNMENT, Map.of("officeDecision", "ACCEPT"));
  }

  /** One activity, a workshop. */
  public void planDelivery() {
    String activities = JSON.createArrayNode().add(JSON.createObjectNode().put("activityType", "CAPACITY_BUILDING")
        .put("activityTitle", "Workshop for prosecutors").put("activityStartDate", "2027-03-01")
        .put("activityEndDate", "2027-03-03").put("plannedParticipants", 25)).toString();
    officer(OFFICE, TechnicalAssistanceProcess.PLAN_DELIVERY, Map.of("deliveryActivities", new JsonValue(activities)));
  }

  /** The quarterly progress report, once its timer has made the task. */
  public void reportProgress() {
    officer(OFFICE, TechnicalAssistanceProcess.REPORT_PROGRESS, Map.of("progressSummary",
        "Preparations on track; venue and trainers confirmed."));
  }

  public void recordActivity() {
    officer(OFFICE, TechnicalAssistanceProcess.RECORD_ACTIVITY, Map.of("actualParticipants", 27,
        "activityOutcome", "Workshop held; pre and post tests show improved knowledge."));
  }

  public void writeFinalReport() {
    officer(OFFICE, TechnicalAssistanceProcess.WRITE_FINAL_REPORT, Map.of(
        "resultsAchieved", "Draft law submitted to parliament; 40 officials trained.",
        "obstaclesEncountered", "Turnover of trained staff.",
        "lessonsLearned", "Train-the-trainer sessions keep the knowledge."));
  }

  public void closeRequest() {
    officer(MANAGER, TechnicalAssistanceProcess.CLOSE_REQUEST, Map.of("closureNotes", "All results delivered."));
  }

  /** Waits until the request has passed this element (e.g. a timer's path ended), read from history. */
  public void awaitPassed(String activityId) {
    long began = System.nanoTime();
    int node = node();
    long until = began + waitAtMost.toNanos();
    for (int poll = 0; ; poll++) {
      JsonNode passed = read(expect(send(node, ADMIN, "GET", "/engine-rest/history/activity-instance?processInstanceId="
          + processInstanceId + "&activityId=" + activityId + "&finished=true", null, Map.of()), 200, "history"));
      if (!passed.isEmpty()) {
        record("await " + activityId, node, began, poll + 1);
        return;
      }
      pause(poll, until, activityId + " of " + reference);
    }
  }

  // --- the mechanics ---------------------------------------------------------------------------------

  /** A value engine-rest takes as a Json variable (lists). */
  private record JsonValue(String json) {}

  /**
   * Finds the task (waiting for it), claims it and submits its form, on the next node. A submit
   * that loses to a concurrent commit on the same request (409) is tried again on the task still
   * open, as Tasklist's user would after reloading.
   */
  private void officer(String user, String taskDefinitionKey, Map<String, Object> fields) {
    long began = System.nanoTime();
    int node = node();
    ObjectNode variables = JSON.createObjectNode();
    fields.forEach((name, value) -> {
      ObjectNode variable = variables.putObject(name);
      if (value instanceof JsonValue json) {
        variable.put("value", json.json()).put("type", "Json");
      } else {
        variable.set("value", JSON.valueToTree(value));
      }
    });
    String form = JSON.createObjectNode().set("variables", variables).toString();
    for (int attempt = 1; ; attempt++) {
      JsonNode task = awaitTask(node, user, taskDefinitionKey, began);
      String id = task.get("id").asText();
      HttpResponse<String> claimed = send(node, user, "POST", "/engine-rest/task/" + id + "/claim",
          JSON.createObjectNode().put("userId", user).toString(), Map.of());
      HttpResponse<String> submitted = claimed.statusCode() == 204
          ? send(node, user, "POST", "/engine-rest/task/" + id + "/submit-form", form, Map.of()) : claimed;
      if (submitted.statusCode() == 204) {
        completed.add(new CompletedTask(taskDefinitionKey, id));
        record(taskDefinitionKey, node, began, attempt);
        return;
      }
      if (submitted.statusCode() != 409 || attempt == MAX_ATTEMPTS) {
        throw refused(submitted, taskDefinitionKey + " as " + user + " on node " + node + " (attempt " + attempt + ")");
      }
    }
  }

  /** The open task of this request with this key, as the user sees it; polls until it exists. */
  private JsonNode awaitTask(int node, String user, String taskDefinitionKey, long began) {
    long until = began + waitAtMost.toNanos();
    String query = "/engine-rest/task?processInstanceBusinessKey=" + encode(reference) + "&taskDefinitionKey="
        + taskDefinitionKey;
    for (int poll = 0; ; poll++) {
      JsonNode tasks = read(expect(send(node, user, "GET", query, null, Map.of()), 200, "task query"));
      if (tasks.size() > 1) {
        throw new IllegalStateException(reference + " has " + tasks.size() + " open " + taskDefinitionKey + " tasks: " + tasks);
      }
      if (tasks.size() == 1) {
        if (processInstanceId == null) {
          processInstanceId = tasks.get(0).get("processInstanceId").asText();
        }
        return tasks.get(0);
      }
      pause(poll, until, taskDefinitionKey + " of " + reference + " for " + user);
    }
  }

  /**
   * A state's answer through the API; waits until the step waits on the state. False when the
   * step closed before the answer (409: a deadline's timer won).
   */
  private boolean stateAnswers(String user, String step, String door, ObjectNode body) {
    long began = System.nanoTime();
    int node = node();
    long until = began + waitAtMost.toNanos();
    for (int poll = 0; ; poll++) {
      JsonNode request = read(expect(send(node, user, "GET", "/api/requests/" + reference, null, Map.of()), 200, "read"));
      if (request.path("waitingOnYou").size() > 0) {
        break;
      }
      if (!"OPEN".equals(request.path("status").asText())) {
        record(step + " (request ended)", node, began, poll + 1);
        return false;
      }
      pause(poll, until, step + " of " + reference + " for " + user);
    }
    HttpResponse<String> answer = send(node, user, "POST", "/api/requests/" + reference + door, body.toString(), Map.of());
    if (answer.statusCode() == 409) {
      record(step + " (step closed)", node, began, 1);
      return false;
    }
    expect(answer, 200, step);
    record(step, node, began, 1);
    return true;
  }

  private void requireAnswered(boolean answered, String step) {
    if (!answered) {
      throw new IllegalStateException(reference + ": " + step + " was no longer open");
    }
  }

  private int node() {
    int node = nextNode;
    nextNode = (nextNode + 1) % nodes.size();
    return node;
  }

  private void record(String name, int node, long began, int attempts) {
    steps.add(new Step(name, node, began, (System.nanoTime() - began) / 1_000_000, attempts));
  }

  /** Polls quickly at first, then every half second; fails once the wait is over. */
  private static void pause(int poll, long until, String waitingFor) {
    if (System.nanoTime() > until) {
      throw new IllegalStateException("Waited in vain for " + waitingFor);
    }
    try {
      Thread.sleep(Math.min(500, 50L << Math.min(poll, 4)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
    }
  }

  private HttpResponse<String> send(int node, String user, String method, String path, String body,
      Map<String, String> headers) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(nodes.get(node).resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json").header("Authorization", "Basic " + credentials);
    headers.forEach(request::header);
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " as " + user + " on node " + node + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  private HttpResponse<String> expect(HttpResponse<String> answer, int status, String what) {
    if (answer.statusCode() != status) {
      throw refused(answer, what);
    }
    return answer;
  }

  private IllegalStateException refused(HttpResponse<String> answer, String what) {
    return new IllegalStateException(Optional.ofNullable(reference).orElse("filing") + ": " + what + " answered "
        + answer.statusCode() + " " + answer.body());
  }

  private static JsonNode read(HttpResponse<String> answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + answer.body(), e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
