package org.unodc.uponrequest.documents;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The documents API answers every refusal as problem details (application/problem+json), like the
 * rest of the states' API: {@link DocumentRefused} carries its status and field; a body larger
 * than the multipart limit (application.yaml, a little above {@link Documents#MAX_SIZE}) is a 413
 * naming the field {@code file}.
 */
@RestControllerAdvice(assignableTypes = DocumentsApi.class)
class DocumentProblems extends ResponseEntityExceptionHandler {

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    DocumentRefused refused = Documents.tooLarge();
    ProblemDetail body = refused.getBody();
    body.setType(URI.create("about:blank"));
    return handleExceptionInternal(ex, body, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
  }
}
