package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.portal.StateSteps.ANSWER;
import static org.unodc.uponrequest.portal.StateSteps.FEEDBACK;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.unodc.uponrequest.intake.IdempotentFiling;
import org.unodc.uponrequest.portal.PortalSteps.Step;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.tracking.RequestIndex;

/**
 * The member states' writes through the API: file a request (at most once per Idempotency-Key),
 * answer UNODC, give feedback, withdraw. The body is the step's form as a JSON object, field by
 * field (the same contract as the forms); every field in error is named in the problem details
 * and nothing is written.
 */
@RestController
@RequestMapping("/api/requests")
class StateActionsController {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a filing answers with: where the request is, and where it stands. */
  record Filed(String referenceNumber, RequestStatus status, String stage) {}

  private final StateRequests requests;
  private final PortalStates states;
  private final PortalSteps steps;
  private final StateActions actions;

  StateActionsController(StateRequests requests, PortalStates states, PortalSteps steps, StateActions actions) {
    this.requests = requests;
    this.states = states;
    this.steps = steps;
    this.actions = actions;
  }

  @PostMapping
  ResponseEntity<Filed> file(Authentication caller, @RequestBody JsonNode body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    Set<String> asking = states.of(caller);
    if (key != null && !IdempotentFiling.KEY.matcher(key).matches()) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "Idempotency-Key",
          "The Idempotency-Key header must be 8 to 100 letters, digits or . _ : - (a UUID, for instance).");
    }
    StateActions.Outcome outcome = actions.file(caller, asking, values(body), key);
    if (!outcome.done()) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, outcome.errors());
    }
    RequestIndex.Entry filed = requests.ledBy(asking, outcome.reference()).orElseThrow();
    return ResponseEntity.created(URI.create("/api/requests/" + outcome.reference()))
        .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
        .body(new Filed(outcome.reference(), RequestStatus.of(filed.closedAt() == null, filed.outcome()), filed.stage()));
  }

  /** Answers what waits on the state: UNODC's question, a revision, or a confirmation of taking part. */
  @PostMapping("/{reference}/answers")
  ResponseEntity<RequestForState> answer(Authentication caller, @PathVariable String reference, @RequestBody JsonNode body) {
    return complete(caller, reference, ANSWER, body);
  }

  @PostMapping("/{reference}/feedback")
  ResponseEntity<RequestForState> feedback(Authentication caller, @PathVariable String reference, @RequestBody JsonNode body) {
    return complete(caller, reference, FEEDBACK, body);
  }

  @PostMapping("/{reference}/withdrawal")
  RequestForState withdraw(Authentication caller, @PathVariable String reference, @RequestBody JsonNode body) {
    Set<String> asking = states.of(caller);
    RequestForState request = find(asking, reference);
    Step step = actions.withdrawalOf(request);
    refuseUnless(actions.withdraw(request, step, values(body)));
    return find(asking, reference);
  }

  /**
   * The request as it stands after the answer; 204 when the answer ends the state's part in it (a
   * co-requesting state that declines no longer sees the request).
   */
  private ResponseEntity<RequestForState> complete(Authentication caller, String reference, String action, JsonNode body) {
    Set<String> asking = states.of(caller);
    RequestForState request = find(asking, reference);
    List<RequestForState.Task> waiting = request.waitingOnYou().stream()
        .filter(task -> StateSteps.stepsOf(action).contains(task.step())).toList();
    if (waiting.isEmpty()) {
      // answered a moment ago by another focal point (or in another window): say so
      requests.closedStep(request, null, StateSteps.stepsOf(action)).ifPresent(closed -> {
        throw StateActions.noLongerWaiting(closed);
      });
    }
    if (waiting.size() != 1) {
      throw new PortalProblem(HttpStatus.CONFLICT, "reference", waiting.isEmpty()
          ? "Nothing of this kind waits on your State for this request; its 'actions' say what does."
          : "Several steps wait on your State; answer them in the portal.");
    }
    RequestForState.Task task = waiting.get(0);
    refuseUnless(actions.complete(caller, request, task, steps.ofTask(task.id(), Map.of()), values(body)));
    return requests.find(asking, reference).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
  }

  private RequestForState find(Set<String> asking, String reference) {
    return requests.find(asking, reference).orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference",
        "None of your State's requests has the reference " + reference + "."));
  }

  private static void refuseUnless(StateActions.Outcome outcome) {
    if (!outcome.done()) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, outcome.errors());
    }
  }

  /** The body's fields as the engine takes them: lists as Json, numbers and text and flags as they are. */
  private static Map<String, Object> values(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, "body", "The body must be a JSON object of the form's fields.");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    body.fields().forEachRemaining(field -> values.put(field.getKey(), value(field.getKey(), field.getValue())));
    return values;
  }

  private static Object value(String field, JsonNode node) {
    if (node.isArray()) {
      return VariableValues.json(JSON.convertValue(node, List.class));
    }
    if (node.isObject()) {
      throw new PortalProblem(HttpStatus.BAD_REQUEST, field, "'" + field + "' must be text, a number, true or false, or a list.");
    }
    if (node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? node.asLong() : node.decimalValue().doubleValue();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    return node.isBoolean() ? node.asBoolean() : node.asText();
  }
}
