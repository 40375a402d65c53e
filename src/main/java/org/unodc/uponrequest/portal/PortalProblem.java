package org.unodc.uponrequest.portal;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refusal of the portal's API as RFC 9457 problem details, naming the field at fault when there is one. */
class PortalProblem extends ErrorResponseException {

  PortalProblem(HttpStatus status, String field, String detail) {
    super(status, problem(status, field, detail), null);
  }

  /** A request filed moments ago whose registration by the engine failed or is still running (the intake inbox). */
  static PortalProblem stillBeingRegistered(String reference) {
    return new PortalProblem(HttpStatus.SERVICE_UNAVAILABLE, "reference", "The request " + reference
        + " is filed and is still being registered; try again in a minute.");
  }

  /** A refusal of several fields at once: {@code errors} lists each field and why, {@code field} names the first. */
  PortalProblem(HttpStatus status, java.util.Map<String, String> errors) {
    super(status, problems(status, errors), null);
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
