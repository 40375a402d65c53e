package org.unodc.uponrequest.portal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.util.MultiValueMap;
import org.unodc.uponrequest.portal.forms.StateNames.StateName;
import org.unodc.uponrequest.process.VariableValues;

/** Builds a {@link PortalForm} from a schema, the values it is shown with, what was entered and the errors. */
final class PortalFormBuilder {

  private final FormTexts texts;
  private final StateNames states;

  PortalFormBuilder(FormTexts texts, StateNames states) {
    this.texts = texts;
    this.states = states;
  }

  /**
   * @param entered what the user posted, to show again as typed; null on first display, when the
   *     fields show their variables' values, else the schema's default
   */
  PortalForm build(JsonNode schema, Map<String, ?> variables, MultiValueMap<String, String> entered,
      Map<String, String> errors, Locale locale) {
    String formId = FormSchema.id(schema);
    List<JsonNode> components = FormSchema.components(schema);
    Map<JsonNode, String> textTemplates = new LinkedHashMap<>();
    for (JsonNode component : components) {
      if (component.path("type").asText().equals("text")) {
        String id = component.path("id").asText();
        textTemplates.put(component, texts.translate(FormTexts.key(formId, id, "text"), component.path("text").asText(""), locale));
      }
    }
    TreeSet<Integer> headingLevels = TextMarkup.headingLevels(textTemplates.values());
    Map<String, String> unclaimed = new LinkedHashMap<>(errors == null ? Map.of() : errors);
    List<FormComponent> built = new ArrayList<>();
    List<FormError> summary = new ArrayList<>();
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      FormComponent result = switch (type) {
        case "text" -> display(type, TextMarkup.html(formId, textTemplates.get(component), variables == null ? Map.of() : variables, headingLevels));
        case "separator" -> display(type, null);
        default -> field(formId, component, variables == null ? Map.of() : variables, entered, unclaimed.remove(component.path("key").asText()), locale);
      };
      built.add(result);
      if (result.hasError()) {
        summary.add(new FormError(result.target(), result.label(), result.error()));
      }
    }
    // an error of no field on the form (a name the form does not have): shown with the name as sent
    unclaimed.forEach((field, message) -> summary.add(new FormError(null, field, message)));
    return new PortalForm(formId, FormTexts.language(locale), built, summary);
  }

  private static FormComponent display(String type, String html) {
    return new FormComponent(type, null, null, null, null, false, false, false, null, null, false,
        null, null, null, null, null, null, null, null, null, html);
  }

  private FormComponent field(String formId, JsonNode component, Map<String, ?> variables,
      MultiValueMap<String, String> entered, String error, Locale locale) {
    String type = component.path("type").asText();
    String key = component.path("key").asText();
    String id = "field-" + htmlId(key);
    JsonNode validate = component.path("validate");
    boolean disabled = component.path("disabled").asBoolean(false);
    boolean readonly = component.path("readonly").asBoolean(false);
    String englishLabel = type.equals("datetime") && component.hasNonNull("dateLabel")
        ? component.get("dateLabel").asText() : component.path("label").asText(null);
    String label = texts.translate(FormTexts.key(formId, key, "label"), englishLabel, locale);
    String description = texts.translate(FormTexts.key(formId, key, "description"), component.path("description").asText(null), locale);
    // a field the user cannot change is not read from the post, so it always shows what it was shown with
    List<String> current = entered != null && !disabled && !readonly
        ? entered.getOrDefault(key, List.of())
        : shown(component, variables.get(key), type);
    Set<String> chosen = new LinkedHashSet<>();
    current.forEach(value -> chosen.add(normalise(value)));
    List<FormOption> options = new ArrayList<>();
    List<OptionGroup> groups = new ArrayList<>();
    if (component.has("values")) {
      options(formId, component, id, key, chosen, error != null, locale, options, groups);
    }
    String value = null; // the single value of an input, a radio group or a select
    if (component.has("values")) {
      value = type.equals("radio") || type.equals("select") ? chosen.stream().findFirst().orElse(null) : null;
    } else if (!type.equals("checkbox") && !current.isEmpty()) {
      value = current.get(0);
    }
    boolean email = "email".equals(validate.path("validationType").asText());
    String inputType = switch (type) {
      case "textfield" -> email ? "email" : "text";
      case "number" -> "number";
      case "datetime" -> "date";
      default -> null;
    };
    return new FormComponent(type, id, key, label, description,
        validate.path("required").asBoolean(false), disabled, readonly,
        inputType, value, type.equals("checkbox") && chosen.contains("true"), options, groups, error,
        integer(validate, "minLength"), integer(validate, "maxLength"), number(validate, "min"), number(validate, "max"),
        type.equals("number") ? step(component) : null,
        validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null, null);
  }

  private void options(String formId, JsonNode component, String id, String key, Set<String> chosen, boolean hasError,
      Locale locale, List<FormOption> options, List<OptionGroup> groups) {
    Map<String, String> english = new LinkedHashMap<>();
    component.get("values").forEach(option -> english.put(normalise(option.path("value").asText()), option.path("label").asText()));
    if (!states.areStates(english.keySet())) {
      english.forEach((value, label) -> options.add(new FormOption(id + "-" + htmlId(value), value,
          texts.translate(FormTexts.optionKey(formId, key, value), label, locale), chosen.contains(value))));
      return;
    }
    // member states: seed names in the user's language and order, only those the schema offers
    Map<String, List<FormOption>> byRegion = new LinkedHashMap<>();
    for (StateName state : states.sorted(locale)) {
      if (english.containsKey(state.iso3())) {
        FormOption option = new FormOption(id + "-" + state.iso3(), state.iso3(), state.name(), chosen.contains(state.iso3()));
        options.add(option);
        byRegion.computeIfAbsent(state.region(), r -> new ArrayList<>()).add(option);
      }
    }
    if (component.path("type").asText().equals("taglist")) {
      boolean noneChosen = options.stream().noneMatch(FormOption::selected);
      byRegion.entrySet().stream()
          .map(region -> new OptionGroup(id + "-" + htmlId(region.getKey()),
              texts.translate(FormTexts.regionKey(region.getKey()), region.getKey(), locale), region.getValue(),
              // open where a state is chosen; with an error and nothing chosen, open all to choose from
              region.getValue().stream().anyMatch(FormOption::selected) || hasError && noneChosen))
          .sorted((a, b) -> StateNames.collation(locale).compare(a.name(), b.name()))
          .forEach(groups::add);
    }
  }

  /** The values a field is first shown with: its variable, else the schema's default. */
  private static List<String> shown(JsonNode component, Object variable, String type) {
    Object value = variable instanceof TypedValue typed ? typed.getValue() : variable;
    if (value == null && component.hasNonNull("defaultValue")) {
      JsonNode fallback = component.get("defaultValue");
      value = fallback.isArray() ? VariableValues.strings(fallback.toString()) : fallback.isBoolean() ? fallback.asBoolean() : fallback.asText();
    }
    if (value == null) {
      return List.of();
    }
    if (type.equals("checklist") || type.equals("taglist")) {
      return VariableValues.strings(value);
    }
    if (value instanceof Date date) {
      return List.of(date.toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString());
    }
    if (value instanceof LocalDate date) {
      return List.of(date.toString());
    }
    if (value instanceof Collection<?>) {
      return VariableValues.strings(value);
    }
    return List.of(TextMarkup.display(value));
  }

  /** Options compare as text, numbers as form-js writes them (5, not 5.0), as the engine's contract does. */
  static String normalise(String value) {
    try {
      return value.matches("-?\\d+(\\.\\d+)?") ? new BigDecimal(value).stripTrailingZeros().toPlainString() : value;
    } catch (NumberFormatException notANumber) {
      return value;
    }
  }

  static String htmlId(String value) {
    return value.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static String step(JsonNode component) {
    if (!component.hasNonNull("decimalDigits") || !component.get("decimalDigits").isInt()) {
      return "any";
    }
    int digits = component.get("decimalDigits").asInt();
    return digits <= 0 ? "1" : BigDecimal.ONE.movePointLeft(digits).toPlainString();
  }

  private static Integer integer(JsonNode validate, String name) {
    return validate.hasNonNull(name) && validate.get(name).isNumber() ? validate.get(name).asInt() : null;
  }

  /** Bounds written as FEEL ("=...") are the engine's to check, not the browser's. */
  private static String number(JsonNode validate, String name) {
    return validate.hasNonNull(name) && validate.get(name).isNumber() ? validate.get(name).decimalValue().toPlainString() : null;
  }
}
