package org.unodc.uponrequest.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.dao.ConcurrencyFailureException;
import org.unodc.uponrequest.process.InvalidInputException;

/**
 * engine-rest answers for data of another member state exactly as for data that does not exist
 * (404), instead of Camunda's 500 "belongs to no authenticated tenant", which would also confirm
 * that it exists. Input the process refuses is a 400 naming the field. A write that lost to
 * someone else's (a task completed by another officer first, an optimistic-locking failure) is a
 * 409 saying so ({@link CompletionConflicts}), never a 500.
 */
@Provider
@Priority(1) // ahead of Camunda's own mapper for the same exception type
class SealedEngineRestErrors implements ExceptionMapper<ProcessEngineException> {

  private static final Pattern NOT_VISIBLE = Pattern.compile(
      "(?i)(belongs to no authenticated tenant|does ?n[o']t exist|not found)");

  /** Camunda's own refusal to skip listeners or mappings at the start event (a 500 by default). */
  static final Pattern SKIPPING_REGISTRATION = Pattern.compile("ENGINE-13024");
  static final String NO_SKIPPING = "A request starts with its registration: listeners and input mappings cannot be skipped";

  private final ProcessEngineExceptionHandler camundaDefault = new ProcessEngineExceptionHandler();

  @Override
  public Response toResponse(ProcessEngineException exception) {
    Response invalid = invalidInput(exception);
    if (invalid != null) {
      return invalid;
    }
    Response conflict = conflict(exception);
    if (conflict != null) {
      return conflict;
    }
    if (exception.getMessage() != null && NOT_VISIBLE.matcher(exception.getMessage()).find()) {
      return json(Response.Status.NOT_FOUND, "NotFound", "No such resource", null);
    }
    return camundaDefault.toResponse(exception);
  }

  /** The process refused the input, possibly wrapped by the engine or by engine-rest. */
  static Response invalidInput(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return json(Response.Status.BAD_REQUEST, "InvalidInput", invalid.getMessage(), invalid.getField());
      }
    }
    return null;
  }

  /** Lost to someone else's write, possibly wrapped by engine-rest: 409 in Camunda's error shape. */
  static Response conflict(Throwable exception) {
    Map<String, Object> body = CompletionConflicts.answer(exception);
    return body == null ? null
        : Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  /**
   * A product listener's write (Spring JDBC) that lost to a concurrent transaction inside an engine
   * command: engine-rest lets it through unmapped (a 500); it is a 409 like any lost write.
   */
  @Provider
  @Priority(1)
  static class LostToAConcurrentWrite implements ExceptionMapper<ConcurrencyFailureException> {

    @Override
    public Response toResponse(ConcurrencyFailureException exception) {
      return conflict(exception);
    }
  }

  /** engine-rest wraps failures of form submissions in its own exception type. */
  @Provider
  @Priority(1)
  static class WrappedByEngineRest implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camundaDefault = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      Response invalid = invalidInput(exception);
      if (invalid != null) {
        return invalid;
      }
      Response conflict = conflict(exception);
      if (conflict != null) {
        return conflict;
      }
      if (exception.getMessage() != null && SKIPPING_REGISTRATION.matcher(exception.getMessage()).find()) {
        return json(Response.Status.FORBIDDEN, "AuthorizationException", NO_SKIPPING, null);
      }
      return camundaDefault.toResponse(exception);
    }
  }

  private static Response json(Response.Status status, String type, String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    if (field != null) {
      body.put("field", field);
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
