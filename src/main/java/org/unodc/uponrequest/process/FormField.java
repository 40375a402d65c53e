package org.unodc.uponrequest.process;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One input field of a Camunda Form and the rules form-js applies to it in the browser, applied
 * again on the server. Text may not carry control characters (other than line breaks and tabs in
 * a text area) or broken Unicode (an unpaired surrogate, or U+FFFD, the replacement character a
 * decoder leaves where the bytes sent were not UTF-8): they have no place in a request and can
 * corrupt what is shown or exported later.
 */
record FormField(
    String key,
    Kind kind,
    boolean required,
    Integer minLength,
    Integer maxLength,
    BigDecimal min,
    BigDecimal max,
    Integer decimalDigits,
    Pattern pattern,
    boolean email,
    Set<String> options,
    String hideCondition,
    Map<String, FormField> itemFields) {

  enum Kind { TEXT, TEXT_AREA, NUMBER, CHECKBOX, ONE_OF, SOME_OF, DATE, DATE_TIME, LIST }

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  /** C0 and C1 control characters and DEL; line breaks and tabs are checked separately. */
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");
  /** What a decoder puts where the bytes were not text in its encoding. */
  private static final char REPLACEMENT_CHARACTER = '\uFFFD';

  static FormField of(JsonNode component, String formId) {
    String type = component.path("type").asText();
    String key = component.hasNonNull("key") ? component.get("key").asText() : component.path("path").asText();
    if (key.isEmpty()) {
      throw new IllegalStateException("Form '" + formId + "': a " + type + " component has no key");
    }
    JsonNode validate = component.path("validate");
    Kind kind = switch (type) {
      case "textfield" -> Kind.TEXT;
      case "textarea" -> Kind.TEXT_AREA;
      case "number" -> Kind.NUMBER;
      case "checkbox" -> Kind.CHECKBOX;
      case "radio", "select" -> Kind.ONE_OF;
      case "checklist", "taglist" -> Kind.SOME_OF;
      case "datetime" -> component.path("subtype").asText("date").equals("date") ? Kind.DATE : Kind.DATE_TIME;
      case "dynamiclist" -> Kind.LIST;
      default -> throw new IllegalStateException("Form '" + formId + "', field '" + key + "': component type '" + type
          + "' has no server-side contract yet; add it to FormField before using it in a form");
    };
    if ((kind == Kind.ONE_OF || kind == Kind.SOME_OF) && !component.has("values")) {
      throw new IllegalStateException("Form '" + formId + "', field '" + key
          + "': options must be static values so the server can check them");
    }
    Set<String> options = null;
    if (component.has("values")) {
      options = new LinkedHashSet<>();
      for (JsonNode option : component.get("values")) {
        options.add(option.path("value").asText());
      }
    }
    Map<String, FormField> items = null;
    if (kind == Kind.LIST) {
      items = new LinkedHashMap<>();
      for (JsonNode child : component.path("components")) {
        if (!child.has("key")) {
          continue; // display component inside the list
        }
        FormField item = of(child, formId);
        items.put(item.key(), item);
      }
    }
    String hide = component.path("conditional").path("hide").asText(null);
    return new FormField(key, kind,
        validate.path("required").asBoolean(false),
        intOrNull(validate, "minLength"),
        intOrNull(validate, "maxLength"),
        numberOrNull(validate, "min"),
        numberOrNull(validate, "max"),
        intOrNull(component, "decimalDigits"),
        validate.hasNonNull("pattern") ? Pattern.compile(validate.get("pattern").asText()) : null,
        "email".equals(validate.path("validationType").asText()),
        options,
        hide == null || hide.isBlank() ? null : hide.startsWith("=") ? hide.substring(1) : hide,
        items);
  }

  /** Checks one value of this field; {@code name} is how the error names it (e.g. inside a list). */
  void check(String name, Object value) {
    if (SubmittedValue.isEmpty(value) || value instanceof String text && text.isBlank() && kind != Kind.LIST) {
      if (required) {
        throw new InvalidInputException(name, "is required");
      }
      return;
    }
    switch (kind) {
      case TEXT, TEXT_AREA -> checkText(name, value);
      case NUMBER -> checkNumber(name, value);
      case CHECKBOX -> {
        if (!(value instanceof Boolean ticked)) {
          throw new InvalidInputException(name, "must be true or false");
        }
        // as in HTML: a required checkbox is a statement that must be ticked
        if (required && !ticked) {
          throw new InvalidInputException(name, "must be ticked");
        }
      }
      case ONE_OF -> checkOption(name, value);
      case SOME_OF -> {
        List<?> chosen = SubmittedValue.list(name, value);
        if (chosen.isEmpty() && required) {
          throw new InvalidInputException(name, "choose at least one");
        }
        for (Object option : chosen) {
          checkOption(name, option);
        }
        if (new LinkedHashSet<>(chosen).size() != chosen.size()) {
          throw new InvalidInputException(name, "lists an option more than once");
        }
      }
      case DATE -> parse(name, value, true);
      case DATE_TIME -> parse(name, value, false);
      case LIST -> checkItems(name, value);
    }
  }

  private void checkText(String name, Object value) {
    if (!(value instanceof String text)) {
      throw new InvalidInputException(name, "must be text");
    }
    if (CONTROL.matcher(text).find() || kind == Kind.TEXT && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
      throw new InvalidInputException(name, "contains control characters");
    }
    if (!wellFormed(text)) {
      throw new InvalidInputException(name, "contains broken Unicode (an unpaired surrogate)");
    }
    if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
      throw new InvalidInputException(name, "contains broken Unicode (U+FFFD: bytes that were not UTF-8)");
    }
    String trimmed = text.trim();
    if (minLength != null && trimmed.length() < minLength) {
      throw new InvalidInputException(name, "must be at least " + minLength + " characters");
    }
    if (maxLength != null && text.length() > maxLength) {
      throw new InvalidInputException(name, "must be at most " + maxLength + " characters");
    }
    if (pattern != null && !pattern.matcher(text).matches()) {
      throw new InvalidInputException(name, "is not in the expected format");
    }
    if (email && !EMAIL.matcher(trimmed).matches()) {
      throw new InvalidInputException(name, "'" + trimmed + "' is not an e-mail address");
    }
  }

  private void checkNumber(String name, Object value) {
    BigDecimal number;
    try {
      number = value instanceof Number n ? new BigDecimal(n.toString()) : value instanceof String s ? new BigDecimal(s.trim()) : null;
    } catch (NumberFormatException e) {
      number = null;
    }
    if (number == null) {
      throw new InvalidInputException(name, "'" + value + "' is not a number");
    }
    if (decimalDigits != null && number.stripTrailingZeros().scale() > decimalDigits) {
      throw new InvalidInputException(name, decimalDigits == 0 ? "must be a whole number" : "has more than " + decimalDigits + " decimals");
    }
    if (min != null && number.compareTo(min) < 0) {
      throw new InvalidInputException(name, "must be at least " + min.toPlainString());
    }
    if (max != null && number.compareTo(max) > 0) {
      throw new InvalidInputException(name, "must be at most " + max.toPlainString());
    }
    if (number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new InvalidInputException(name, "is too large");
    }
  }

  private void checkOption(String name, Object value) {
    if (!(value instanceof String || value instanceof Number) || !options.contains(normalise(value))) {
      throw new InvalidInputException(name, "'" + value + "' is not one of the options");
    }
  }

  private void checkItems(String name, Object value) {
    List<?> items = SubmittedValue.list(name, value);
    if (items.isEmpty() && required) {
      throw new InvalidInputException(name, "add at least one");
    }
    for (int i = 0; i < items.size(); i++) {
      String where = name + "[" + (i + 1) + "]";
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw new InvalidInputException(where, "must be an entry with the fields " + String.join(", ", itemFields.keySet()));
      }
      for (Object itemKey : item.keySet()) {
        if (!itemFields.containsKey(String.valueOf(itemKey))) {
          throw new InvalidInputException(where + "." + itemKey, "is not a field of this list");
        }
      }
      for (FormField field : itemFields.values()) {
        field.check(where + "." + field.key(), item.get(field.key()));
      }
    }
  }

  private static void parse(String name, Object value, boolean dateOnly) {
    if (!(value instanceof String text)) {
      throw new InvalidInputException(name, "must be a date");
    }
    try {
      if (dateOnly) {
        LocalDate.parse(text);
      } else {
        OffsetDateTime.parse(text);
      }
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name, "'" + text + "' is not a date (" + (dateOnly ? "YYYY-MM-DD" : "ISO 8601") + ")");
    }
  }

  /** Options are compared as text; numbers as form-js writes them (5, not 5.0). */
  private static String normalise(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static Integer intOrNull(JsonNode node, String name) {
    return node.hasNonNull(name) && node.get(name).isNumber() ? node.get(name).asInt() : null;
  }

  /** Bounds given as FEEL expressions (e.g. "=this.start") are left to the step's own checks. */
  private static BigDecimal numberOrNull(JsonNode node, String name) {
    return node.hasNonNull(name) && node.get(name).isNumber() ? node.get(name).decimalValue() : null;
  }
}
