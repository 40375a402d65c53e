package org.unodc.uponrequest.portal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The member-state portal's forms (ADR 0005): the Camunda Forms the process deploys, rendered on
 * the server in the user's language by {@code templates/portal/form-fields.html}, and their posts
 * read back into the values the engine's contract checks. What the portal page controllers call.
 */
@Component
public class PortalForms {

  /** The forms a member state fills in; each must render in the six languages (tests). */
  public static final List<String> STATE_FACING = List.of(
      "request-submission", "provide-clarification", "confirm-participation", "give-feedback", "revise-request",
      "withdraw-request");

  private final FormTexts texts;
  private final StateNames states;
  private final PortalFormBuilder builder;
  private final FormSubmission submission;

  PortalForms(FormTexts texts, StateNames states) {
    this.texts = texts;
    this.states = states;
    this.builder = new PortalFormBuilder(texts, states);
    this.submission = new FormSubmission(texts);
  }

  /** Reads a form as deployed (e.g. {@code FormService.getDeployedTaskForm}); the caller closes the stream. */
  public static JsonNode schema(InputStream form) {
    return FormSchema.read(form);
  }

  /**
   * The form as first shown: fields hold their variables' values (else the schema's defaults),
   * {@code {{variable}}} in texts is filled in from the same values.
   *
   * @param variables the values the form is shown with, e.g. the task's (state-visible) variables
   * @throws IllegalStateException if the form holds a component the portal cannot render
   */
  public PortalForm show(JsonNode schema, Map<String, ?> variables, Locale locale) {
    return builder.build(schema, variables, null, Map.of(), locale);
  }

  /**
   * The form shown again after a refused post: fields hold what was entered, each error sits by
   * its field and in the summary.
   *
   * @param entered the posted parameters, as typed
   * @param errors field to message in the user's language ({@link SubmittedForm#errors()} and the
   *     contract's violations); a field the form does not have is listed in the summary only
   */
  public PortalForm redisplay(JsonNode schema, Map<String, ?> variables, MultiValueMap<String, String> entered,
      Map<String, String> errors, Locale locale) {
    return builder.build(schema, variables, entered, errors, locale);
  }

  /** Reads a post into typed values for the engine, see {@link SubmittedForm#variables()}. */
  public SubmittedForm read(JsonNode schema, MultiValueMap<String, String> posted, Locale locale) {
    return submission.read(schema, posted, locale);
  }

  /**
   * The labels of stored option values in the user's language, e.g. a request's thematic areas
   * or co-requesting states for a page or a text's {@code {{thematicAreaLabels}}}; a value the
   * field does not offer is returned as is.
   */
  public List<String> optionLabels(JsonNode schema, String field, Collection<String> values, Locale locale) {
    String formId = FormSchema.id(schema);
    JsonNode component = FormSchema.components(schema).stream()
        .filter(c -> field.equals(c.path("key").asText())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Form '" + formId + "' has no field '" + field + "'"));
    List<String> offered = new ArrayList<>();
    component.path("values").forEach(option -> offered.add(PortalFormBuilder.normalise(option.path("value").asText())));
    boolean memberStates = states.areStates(offered); // by the whole list: "CAN" is Canada or the Andean Community
    return values.stream().map(value -> {
      String option = PortalFormBuilder.normalise(value);
      if (!offered.contains(option)) {
        return value;
      }
      if (memberStates) {
        return states.name(option, locale);
      }
      String english = component.path("values").get(offered.indexOf(option)).path("label").asText();
      return texts.translate(FormTexts.optionKey(formId, field, option), english, locale);
    }).toList();
  }
}
