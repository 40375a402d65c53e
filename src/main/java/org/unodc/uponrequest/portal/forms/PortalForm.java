package org.unodc.uponrequest.portal.forms;

import java.util.List;

/**
 * A Camunda Form ready for {@code templates/portal/form-fields.html}: its components in schema
 * order, translated, with the values to show and the errors to correct. Build it with {@link
 * PortalForms}.
 *
 * @param formId the schema's id, e.g. "provide-clarification"
 * @param language the language it is written in, one of the six
 * @param errors every error, fields in form order then any the form has no field for
 */
public record PortalForm(String formId, String language, List<FormComponent> components, List<FormError> errors) {

  public PortalForm {
    components = List.copyOf(components);
    errors = List.copyOf(errors);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Right to left (Arabic): the page sets {@code dir="rtl"}. */
  public boolean rightToLeft() {
    return language.equals("ar");
  }

  /**
   * The same form with a field's options narrowed to those kept, e.g. the member-state select to
   * the states the focal point speaks for; the engine refuses the others anyway.
   */
  public PortalForm narrowed(String key, java.util.function.Predicate<String> keep) {
    return new PortalForm(formId, language,
        components.stream().map(c -> key.equals(c.name()) ? c.narrowed(keep) : c).toList(), errors);
  }

  /** The component bound to a field key, or null. */
  public FormComponent field(String key) {
    return components.stream().filter(c -> key.equals(c.name())).findFirst().orElse(null);
  }
}
