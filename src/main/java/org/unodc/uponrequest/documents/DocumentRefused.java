package org.unodc.uponrequest.documents;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A document refused or not found: the status, the field at fault, why in English (the API's
 * problem details) and the same as a message key with its arguments (the portal's pages, in the
 * reader's language).
 */
public class DocumentRefused extends ErrorResponseException {

  private final String field;
  private final String messageKey;
  private final transient Object[] arguments;

  DocumentRefused(HttpStatus status, String field, String detail, String messageKey, Object... arguments) {
    super(status, problem(status, field, detail), null);
    this.field = field;
    this.messageKey = messageKey;
    this.arguments = arguments.clone();
  }

  /** The answer to a document or request the caller may not see: the same as one that does not exist. */
  static DocumentRefused notFound(String field) {
    return new DocumentRefused(HttpStatus.NOT_FOUND, field,
        "reference".equals(field) ? "No such request among those you may see." : "No such document on this request.",
        "documents.error.notFound." + field);
  }

  public String field() {
    return field;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] arguments() {
    return arguments.clone();
  }

  public String detail() {
    return getBody().getDetail();
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
