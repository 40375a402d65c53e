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

  private static ProblemDetail problem(HttpStatus status, String field, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("about:blank"));
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

}
