package org.unodc.uponrequest.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/**
 * A submitted value as plain Java (String, Boolean, Number, List, Map), whichever way it came:
 * untyped from Tasklist, typed or as a serialized {@code Json} variable from engine-rest, or as
 * Java objects from the Java API. Malformed JSON is the caller's mistake, not a server error.
 */
final class SubmittedValue {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_FORMAT = "application/json";

  static Object plain(String field, Object value) {
    if (value instanceof TypedValue typed) {
      if (typed instanceof SerializableValue serializable && !serializable.isDeserialized()) {
        String format = serializable.getSerializationDataFormat();
        if (format != null && !format.equals(JSON_FORMAT)) {
          throw new InvalidInputException(field, "only plain values and JSON are accepted, not " + format);
        }
        return parse(field, serializable.getValueSerialized());
      }
      if (typed.getType() == ValueType.OBJECT || typed.getType() == ValueType.BYTES || typed.getType() == ValueType.FILE) {
        throw new InvalidInputException(field, "only plain values and JSON are accepted");
      }
      return plain(field, typed.getValue());
    }
    if (value instanceof SpinJsonNode node) {
      return parse(field, node.toString());
    }
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number
        || value instanceof Collection<?> || value instanceof Map<?, ?>) {
      return value;
    }
    throw new InvalidInputException(field, "a value of type " + value.getClass().getSimpleName() + " is not accepted");
  }

  static boolean isEmpty(Object value) {
    return value == null
        || value instanceof String text && text.isEmpty()
        || value instanceof Collection<?> items && items.isEmpty();
  }

  /** A JSON document, or the string itself when a text field's value merely looks like JSON. */
  static Object parse(String field, String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(field, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A list value: a JSON array sent as text is read as the list it holds. */
  static List<?> list(String field, Object value) {
    Object plain = value instanceof String text && text.trim().startsWith("[") ? parse(field, text) : value;
    if (plain instanceof List<?> items) {
      return items;
    }
    if (plain instanceof Collection<?> items) {
      return List.copyOf(items);
    }
    throw new InvalidInputException(field, "must be a list");
  }

  private SubmittedValue() {}
}
