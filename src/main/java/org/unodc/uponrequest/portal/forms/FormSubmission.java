package org.unodc.uponrequest.portal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * Reads posted HTML form parameters into the typed values the form's contract expects, per
 * component, as form-js would have submitted them. It decides nothing: a value that is not an
 * option, too long or missing goes through as typed and the engine's contract refuses it. Only
 * what has no type at all (letters in a number field) becomes an error here, so a user gets a
 * message, not a server error; and so does a posted name that is no field of the form (a form
 * changed on its way, which the page's own form never sends): the page refuses it by name rather
 * than quietly dropping it. The page takes its own parameters (CSRF token, file) out first.
 */
final class FormSubmission {

  /** Longer text is refused before parsing: reading a huge number costs time that is not worth spending. */
  private static final int MAX_NUMBER_LENGTH = 64;
  /** An unknown name is shown back in the error summary, cut to this length. */
  private static final int MAX_SHOWN_NAME = 60;

  private final FormTexts texts;

  FormSubmission(FormTexts texts) {
    this.texts = texts;
  }

  SubmittedForm read(JsonNode schema, MultiValueMap<String, String> posted, Locale locale) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    List<JsonNode> components = FormSchema.components(schema);
    Set<String> keys = new HashSet<>();
    components.forEach(component -> keys.add(component.path("key").asText(null)));
    for (String name : posted.keySet()) {
      if (!keys.contains(name)) {
        errors.put(name.length() > MAX_SHOWN_NAME ? name.substring(0, MAX_SHOWN_NAME) + "…" : name,
            texts.message("contract.unknownField", locale));
      }
    }
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      if (key == null || type.equals("text") || type.equals("separator")
          || component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false)) {
        continue; // display only, or not the user's to change (choices shown read-only are not even posted)
      }
      List<String> sent = posted.getOrDefault(key, List.of());
      String first = sent.isEmpty() || sent.get(0) == null ? "" : sent.get(0);
      switch (type) {
        case "textfield" -> put(values, key, first.strip());
        // browsers post line breaks as CRLF; one character each, as the browser counted them for maxlength
        case "textarea" -> put(values, key, first.replace("\r\n", "\n").replace('\r', '\n').strip());
        case "number" -> {
          String text = first.strip();
          if (text.length() > MAX_NUMBER_LENGTH) {
            errors.put(key, texts.message("forms.error.number", locale)); // no number a form asks for is this long
          } else if (!text.isEmpty()) {
            try {
              values.put(key, number(new BigDecimal(text), component.path("decimalDigits")));
            } catch (NumberFormatException notANumber) {
              errors.put(key, texts.message("forms.error.number", locale));
            }
          }
        }
        case "checkbox" -> values.put(key, sent.contains("true")); // an unticked box is not posted: false
        case "radio", "select" -> {
          String text = first.strip();
          if (!text.isEmpty()) {
            values.put(key, option(text, component));
          }
        }
        case "checklist", "taglist" -> {
          List<String> chosen = chosen(sent, component);
          if (!chosen.isEmpty()) {
            values.put(key, chosen);
          }
        }
        case "datetime" -> {
          String text = first.strip();
          if (!text.isEmpty()) {
            try {
              values.put(key, LocalDate.parse(text).toString());
            } catch (DateTimeParseException notADate) {
              errors.put(key, texts.message("forms.error.date", locale));
            }
          }
        }
        default -> throw new IllegalStateException("Form '" + FormSchema.id(schema) + "': no reader for component type '" + type + "'");
      }
    }
    return new SubmittedForm(values, errors);
  }

  private static void put(Map<String, Object> values, String key, String text) {
    if (!text.isEmpty()) {
      values.put(key, text);
    }
  }

  /** Whole numbers as Long when the form allows no decimals (the contract refuses the others); else exact. */
  private static Object number(BigDecimal number, JsonNode decimalDigits) {
    if (decimalDigits.isInt() && decimalDigits.asInt() == 0) {
      try {
        return number.stripTrailingZeros().longValueExact();
      } catch (ArithmeticException fractionOrTooLarge) {
        return number;
      }
    }
    return number;
  }

  /** The option as the schema types it: a number option (a rating) is submitted as the number, as form-js does. */
  private static Object option(String text, JsonNode component) {
    for (JsonNode option : component.path("values")) {
      JsonNode value = option.path("value");
      if (value.isNumber() && PortalFormBuilder.normalise(value.asText()).equals(PortalFormBuilder.normalise(text))) {
        return value.isIntegralNumber() ? (Object) value.asLong() : value.decimalValue();
      }
    }
    return text;
  }

  /** The ticked options in the schema's order (not the language's), so the stored list does not depend on who filed it. */
  private static List<String> chosen(List<String> sent, JsonNode component) {
    List<String> order = new ArrayList<>();
    component.path("values").forEach(option -> order.add(option.path("value").asText()));
    List<String> chosen = new ArrayList<>();
    for (String value : sent) {
      if (value != null && !value.isBlank()) {
        chosen.add(value.strip());
      }
    }
    // unknown values go last, for the contract to refuse by name
    chosen.sort(Comparator.comparingInt(value -> order.contains(value) ? order.indexOf(value) : Integer.MAX_VALUE));
    return chosen;
  }
}
