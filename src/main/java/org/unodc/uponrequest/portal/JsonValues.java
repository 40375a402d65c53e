package org.unodc.uponrequest.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/** A variable's value as plain JSON: lists and objects that Camunda Forms store as Json become JSON again. */
final class JsonValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonValues() {}

  /** Null for values that have no plain form (serialized Java objects are never deserialized here). */
  static Object plain(TypedValue value) {
    if (value == null || value instanceof ObjectValue) {
      return null;
    }
    Object plain = value.getValue();
    if (plain instanceof SpinJsonNode node) {
      try {
        return JSON.readTree(node.toString());
      } catch (JsonProcessingException unreadable) {
        return null;
      }
    }
    return plain;
  }
}
