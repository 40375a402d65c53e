package org.unodc.uponrequest.portal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Camunda Form as the portal renders it: its components in schema order, groups
 * flattened. Anything the portal cannot render faithfully fails here, when the form is first
 * shown (and in the tests over the state-facing forms), rather than showing a state half a form.
 */
final class FormSchema {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The component types of ADR 0005; a new one needs a renderer and a test before a state sees it. */
  static final Set<String> SUPPORTED = Set.of("text", "separator", "textfield", "textarea", "number", "radio",
      "select", "checkbox", "checklist", "taglist", "datetime");

  private FormSchema() {}

  static JsonNode read(InputStream form) {
    try {
      return JSON.readTree(form);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read a Camunda Form", e);
    }
  }

  static String id(JsonNode schema) {
    return schema.path("id").asText();
  }

  /** The components to render, in order; throws {@link IllegalStateException} naming form and type otherwise. */
  static List<JsonNode> components(JsonNode schema) {
    List<JsonNode> flat = new ArrayList<>();
    collect(id(schema), schema.path("components"), flat);
    return flat;
  }

  private static void collect(String formId, JsonNode components, List<JsonNode> flat) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (type.equals("group") && !component.hasNonNull("path")) {
        collect(formId, component.path("components"), flat); // a group only lays out; its fields bind at the top
        continue;
      }
      String name = component.path("key").asText(component.path("id").asText());
      if (!SUPPORTED.contains(type)) {
        throw unsupported(formId, name, "component type '" + type + "'");
      }
      if (type.equals("datetime") && !component.path("subtype").asText("date").equals("date")) {
        throw unsupported(formId, name, "component type 'datetime' with subtype '" + component.path("subtype").asText() + "'");
      }
      if (component.path("conditional").hasNonNull("hide") && !component.path("conditional").path("hide").asText().isBlank()) {
        // ADR 0005: conditions are to be evaluated on the server; until then a form needing one fails here
        throw unsupported(formId, name, "a conditional.hide on component type '" + type + "'");
      }
      for (String flag : List.of("disabled", "readonly")) {
        if (component.has(flag) && !component.get(flag).isBoolean()) {
          throw unsupported(formId, name, "a FEEL expression in '" + flag + "' of component type '" + type + "'");
        }
      }
      if (Set.of("radio", "select", "checklist", "taglist").contains(type) && !component.path("values").isArray()) {
        throw unsupported(formId, name, "options that are not static values in component type '" + type + "'");
      }
      flat.add(component);
    }
  }

  private static IllegalStateException unsupported(String formId, String component, String what) {
    return new IllegalStateException("Form '" + formId + "', component '" + component + "': the portal cannot render "
        + what + "; add it to portal/forms (ADR 0005) before a member state sees this form");
  }
}
