package org.unodc.uponrequest.portal;

import com.fasterxml.jackson.core.JsonParseException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The portal's API answers every refusal and bad request as problem details (application/problem+json).
 * A body that is not JSON (malformed, cut off, not UTF-8, a field twice, more than one value) names
 * the field {@code body}; a body of another type names {@code Content-Type}.
 */
@RestControllerAdvice(assignableTypes = {StateRequestsController.class, StateActionsController.class})
class PortalProblems extends ResponseEntityExceptionHandler {

  /** Where the parser quotes its own input ("(start marker at [Source: REDACTED ...])"): left out. */
  private static final Pattern SOURCE_QUOTED = Pattern.compile("\\s*\\(?(start marker at )?\\[Source:.*$");

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, unreadable(ex));
    body.setType(URI.create("about:blank"));
    body.setProperty("field", "body");
    return handleExceptionInternal(ex, body, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ex.getBody().setDetail("The body must be JSON (Content-Type: application/json), not "
        + (ex.getContentType() == null ? "untyped" : ex.getContentType().toString()) + ".");
    ex.getBody().setProperty("field", "Content-Type");
    return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
  }

  /**
   * Why the body could not be read, in the words of the JSON parser where it only describes the
   * text (a position, a character, a duplicated field), never naming the server's classes.
   */
  private static String unreadable(HttpMessageNotReadableException ex) {
    for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonParseException parse && parse.getOriginalMessage() != null) {
        String reason = SOURCE_QUOTED.matcher(parse.getOriginalMessage().replaceAll("\\s+", " ")).replaceAll("");
        return "The body is not valid JSON: " + (reason.length() > 200 ? reason.substring(0, 200) + "..." : reason)
            + (parse.getLocation() == null ? "." : " (line " + parse.getLocation().getLineNr() + ", column "
                + parse.getLocation().getColumnNr() + ").");
      }
    }
    return "The body must be one JSON object of the form's fields, each field once.";
  }
}
