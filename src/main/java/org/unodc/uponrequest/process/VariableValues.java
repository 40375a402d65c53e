package org.unodc.uponrequest.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Reads and writes the list-shaped variables that Camunda Forms store as {@code Json}
 * (checklists, taglists, dynamic lists), and accepts plain Java lists from API clients and tests.
 */
public final class VariableValues {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  /** The strings of a Json array, a Java collection or a comma-separated string; empty if absent. */
  public static List<String> strings(Object value) {
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (value instanceof SpinJsonNode node) {
      if (node.isArray()) {
        node.elements().forEach(e -> result.add(e.isString() ? e.stringValue() : e.toString()));
      } else if (node.isString()) {
        addCommaSeparated(node.stringValue(), result);
      }
    } else if (value instanceof Collection<?> items) {
      items.forEach(i -> result.add(String.valueOf(i)));
    } else if (value instanceof String text) {
      String trimmed = text.trim();
      if (trimmed.startsWith("[")) {
        result.addAll(readJson(trimmed, new TypeReference<List<String>>() {}));
      } else {
        addCommaSeparated(trimmed, result);
      }
    } else {
      result.add(String.valueOf(value));
    }
    return result;
  }

  /** The objects of a Json array of objects (e.g. a form's dynamic list); empty if absent. */
  public static List<Map<String, Object>> objects(Object value) {
    if (value == null) {
      return new ArrayList<>();
    }
    String json;
    if (value instanceof SpinJsonNode node) {
      json = node.toString();
    } else if (value instanceof String text) {
      json = text;
    } else {
      json = write(value);
    }
    return readJson(json, new TypeReference<List<Map<String, Object>>>() {});
  }

  /** A value Camunda stores as a {@code Json} variable, readable by Tasklist and engine-rest. */
  public static JsonValue json(Object value) {
    return SpinValues.jsonValue(write(value)).create();
  }

  /** Unwraps typed values so callers see plain Java or Spin objects. */
  public static Object plain(Object value) {
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static void addCommaSeparated(String text, List<String> result) {
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        result.add(part.trim());
      }
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write as JSON: " + value, e);
    }
  }

  private static <T> T readJson(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("value", "expected a JSON list but got " + json);
    }
  }

  private VariableValues() {}
}
