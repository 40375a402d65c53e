package org.unodc.uponrequest.documents;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The documents API answers every refusal as problem details (application/problem+json), like the
 * rest of the states' API: {@link DocumentRefused} carries its status and field; a body larger
 * than the multipart limit (application.yaml, a little above {@link Documents#MAX_SIZE}) is a 413
 * naming the field {@code file}; a body that is not a complete multipart upload (cut off, no
 * boundary) is a 400 naming it too.
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

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> unreadable(MultipartException ex, WebRequest request) {
    DocumentRefused refused = Documents.unreadableUpload();
    return handleExceptionInternal(ex, refused.getBody(), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }
}
