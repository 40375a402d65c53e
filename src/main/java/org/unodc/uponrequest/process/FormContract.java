package org.unodc.uponrequest.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * What one Camunda Form lets a submission write: its input fields, each with the rules the
 * browser applies (type, required, lengths, bounds, pattern, options, when it is shown). The
 * deployed form is the single source; {@link #check} applies it on the server to whatever door
 * the submission came through. Display components (text, separators) write nothing.
 */
public final class FormContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Components that show things but hold no value. */
  private static final Set<String> DISPLAY_ONLY = Set.of("text", "separator", "spacer", "image", "html", "iframe", "button");

  private final String formId;
  private final Map<String, FormField> fields;

  private FormContract(String formId, Map<String, FormField> fields) {
    this.formId = formId;
    this.fields = fields;
  }

  /** A form that takes no input (for steps without a form). */
  public static FormContract none(String name) {
    return new FormContract(name, Map.of());
  }

  public static FormContract parse(InputStream form) {
    try {
      JsonNode root = JSON.readTree(form);
      Map<String, FormField> fields = new LinkedHashMap<>();
      collect(root.path("components"), fields, root.path("id").asText());
      return new FormContract(root.path("id").asText(), fields);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read a deployed Camunda Form", e);
    }
  }

  public String formId() {
    return formId;
  }

  public Set<String> fieldKeys() {
    return fields.keySet();
  }

  /**
   * Checks a submission field by field and returns the names of what may be written: the
   * submission without the empty values of fields the form hides. Anything else that does not fit is refused with an
   * {@link InvalidInputException} naming the field, before anything is written.
   *
   * @param current the values the form was shown with (the step's variables), which its conditions may read
   * @param hidden evaluates a field's FEEL hide condition against the form's values
   */
  public Set<String> check(Map<String, Object> submission, Map<String, Object> current,
      BiPredicate<String, Map<String, Object>> hidden) {
    return evaluate(submission, current, hidden, refusal -> {
      throw refusal;
    });
  }

  /**
   * Every violation of the submission, not only the first: field (as {@link #check} names it) to
   * reason, fields outside the form first, then the form's fields in form order. Empty when
   * {@link #check} would accept the submission. For a page that shows all its errors at once.
   */
  public Map<String, String> violations(Map<String, Object> submission, Map<String, Object> current,
      BiPredicate<String, Map<String, Object>> hidden) {
    Map<String, String> violations = new LinkedHashMap<>();
    evaluate(submission, current, hidden, refusal -> violations.putIfAbsent(refusal.getField(), refusal.getReason()));
    return violations;
  }

  /** One pass over the submission; {@code refuse} either throws (check) or collects (violations). */
  private Set<String> evaluate(Map<String, Object> submission, Map<String, Object> current,
      BiPredicate<String, Map<String, Object>> hidden, Consumer<InvalidInputException> refuse) {
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> refused = new HashSet<>();
    for (String key : submission.keySet()) {
      if (!fields.containsKey(key)) {
        refuse.accept(new InvalidInputException(key, "is not a field of the form '" + formId
            + "'; this step accepts only " + String.join(", ", fields.keySet())));
        refused.add(key);
        continue;
      }
      try {
        values.put(key, SubmittedValue.plain(key, typed(submission, key)));
      } catch (InvalidInputException unreadable) {
        refuse.accept(unreadable);
        refused.add(key);
      }
    }
    Set<String> accepted = new LinkedHashSet<>(submission.keySet());
    // as in form-js: the form's data is what it was shown with, overwritten by what was entered
    Map<String, Object> formData = new LinkedHashMap<>(current);
    formData.putAll(values);
    for (FormField field : fields.values()) {
      if (refused.contains(field.key())) {
        continue; // already refused as unreadable: one reason per field
      }
      Object value = values.get(field.key());
      if (field.hideCondition() != null && hidden.test(field.hideCondition(), formData)) {
        if (!SubmittedValue.isEmpty(value)) {
          refuse.accept(new InvalidInputException(field.key(), "is not asked for with the other answers given, so it cannot be set"));
        }
        accepted.remove(field.key());
        continue;
      }
      try {
        field.check(field.key(), value);
      } catch (InvalidInputException invalid) {
        refuse.accept(invalid);
      }
    }
    return accepted;
  }

  /** The value as sent: a variable map would deserialize it (and fail on malformed JSON) when read plainly. */
  private static Object typed(Map<String, Object> submission, String key) {
    return submission instanceof VariableMap variables ? variables.getValueTyped(key) : submission.get(key);
  }

  private static void collect(JsonNode components, Map<String, FormField> fields, String formId) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (DISPLAY_ONLY.contains(type)) {
        continue;
      }
      if (type.equals("group") && !component.hasNonNull("path")) {
        collect(component.path("components"), fields, formId);
        continue;
      }
      FormField field = FormField.of(component, formId);
      fields.put(field.key(), field);
    }
  }
}
