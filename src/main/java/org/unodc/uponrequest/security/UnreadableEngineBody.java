package org.unodc.uponrequest.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A body the engine's REST doors cannot read as the JSON they take (malformed, a list for an
 * object, beyond the parser's limits): a 400 in Camunda's error shape with a message that says
 * so. Left to itself, Jersey picks one of two mappers for the same exception at random when it
 * starts: Camunda's, with an empty message, or Jackson's, a text/plain answer that names
 * Camunda's DTO classes. These take precedence at engine-rest; {@link SealedWebappEngineApi}
 * rewrites the webapps' answer to the same.
 */
final class UnreadableEngineBody {

  static final String TYPE = "InvalidRequestException";
  static final String NOT_WHAT_IT_TAKES = "The body is not the JSON this address takes: one JSON object, e.g."
      + " {\"variables\": {\"title\": {\"value\": \"...\"}}}";

  private UnreadableEngineBody() {}

  static Map<String, Object> answer(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE);
    body.put("message", message);
    return body;
  }

  private static Response response(String message) {
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(answer(message)).build();
  }

  /** Not JSON at all, or cut off: where the parser stopped. */
  @Provider
  @Priority(1)
  static class Malformed implements ExceptionMapper<JsonParseException> {

    @Override
    public Response toResponse(JsonParseException exception) {
      JsonLocation at = exception.getLocation();
      return response("The body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
          + at.getColumnNr() + ")") + ".");
    }
  }

  /** JSON, but not of the shape the address takes (a list for an object, text for a variable). */
  @Provider
  @Priority(1)
  static class NotWhatItTakes implements ExceptionMapper<JsonMappingException> {

    @Override
    public Response toResponse(JsonMappingException exception) {
      return response(NOT_WHAT_IT_TAKES + ".");
    }
  }

  /** Beyond the parser's limits (nesting depth, length of a number or a name). */
  @Provider
  @Priority(1)
  static class BeyondLimits implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
      return response("The body is larger or deeper than any this address takes.");
    }
  }
}
