package org.unodc.uponrequest.portal;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refusal of the portal's API as RFC 9457 problem details, naming the field at fault when there is one. */
class PortalProblem extends ErrorResponseException {

  /** The portal page's text for this refusal (a message key), or null for the status's own. */
  private final String pageMessage;

  PortalProblem(HttpStatus status, String field, String detail) {
    this(status, field, detail, null);
  }

  /** A refusal that the portal's pages explain in their own words ({@code pageMessage}, a message key). */
  PortalProblem(HttpStatus status, String field, String detail, String pageMessage) {
    super(status, problem(status, field, detail), null);
    this.pageMessage = pageMessage;
  }

  /**
   * Someone else (another focal point of the state, or the same one in another window) completed
   * the step first: nothing of this answer was saved.
   */
  static PortalProblem answeredAlready() {
    return new PortalProblem(HttpStatus.CONFLICT, "task", "This step was already answered, by another focal point of"
        + " your State or in another window; nothing you sent was saved. Reload the request to see the answer.",
        "problem.409.answered");
  }

  /** The step closed without an answer (the request was withdrawn, or a deadline passed): nothing of this answer was saved. */
  static PortalProblem noLongerOpen() {
    return new PortalProblem(HttpStatus.CONFLICT, "task", "This step is no longer open: the request has moved on"
        + " (withdrawn, or closed by a deadline); nothing you sent was saved.");
  }

  /** The request changed under this write at the same moment (someone else's write won): nothing of it was saved. */
  static PortalProblem changedMeanwhile(String field) {
    return new PortalProblem(HttpStatus.CONFLICT, field, "The request was changed by someone else at the same moment;"
        + " nothing you sent was saved. Reload the request and try again.", "problem.409.changed");
  }

  /** The message key of the page that explains this refusal. */
  String pageMessage() {
    return pageMessage != null ? pageMessage : "problem." + getStatusCode().value();
  }

  /** A request filed moments ago whose registration by the engine failed or is still running (the intake inbox). */
  static PortalProblem stillBeingRegistered(String reference) {
    return new PortalProblem(HttpStatus.SERVICE_UNAVAILABLE, "reference", "The request " + reference
        + " is filed and is still being registered; try again in a minute.");
  }

  /** A refusal of several fields at once: {@code errors} lists each field and why, {@code field} names the first. */
  PortalProblem(HttpStatus status, java.util.Map<String, String> errors) {
    super(status, problems(status, errors), null);
    this.pageMessage = null;
  }

  private static ProblemDetail problems(HttpStatus status, java.util.Map<String, String> errors) {
    String first = errors.keySet().iterator().next();
    ProblemDetail problem = problem(status, first, errors.size() == 1
        ? "'" + first + "' " + errors.get(first) + "."
        : errors.size() + " fields are not as the form asks; each is listed in 'errors'.");
    problem.setProperty("errors", errors.entrySet().stream()
        .map(error -> java.util.Map.of("field", error.getKey(), "reason", error.getValue())).toList());
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String field, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("about:blank"));
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

}
