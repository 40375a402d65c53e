package org.unodc.uponrequest.portal.forms;

import java.util.ArrayList;
import java.util.List;

/**
 * One component of a {@link PortalForm} as the fragments render it. Field components carry their
 * HTML id, label, description, current value(s), error and the schema's constraints as the HTML
 * attributes the browser checks (ADR 0005 §3); text components carry safe HTML.
 *
 * @param type the schema's component type ("text", "textfield", "taglist", ...)
 * @param id the HTML id: of the input, or of the fieldset for radio groups, checklists and taglists
 * @param name the field's key, which is the posted parameter's name; null for text and separators
 * @param inputType for an {@code <input>}: "text", "email", "number" or "date"; null otherwise
 * @param value the single value to show (text, number, date, the chosen radio or select option)
 * @param checked for a checkbox
 * @param options the options in the order shown (member states sorted by the language's collation)
 * @param groups the options by M49 region for a taglist of member states; empty otherwise
 * @param step for a number: "1" for whole numbers, "0.01" for two decimals, "any" otherwise
 * @param html for a text component: safe HTML (escaped Markdown subset, see TextMarkup)
 */
public record FormComponent(
    String type,
    String id,
    String name,
    String label,
    String description,
    boolean required,
    boolean disabled,
    boolean readonly,
    String inputType,
    String value,
    boolean checked,
    List<FormOption> options,
    List<OptionGroup> groups,
    String error,
    Integer minLength,
    Integer maxLength,
    String min,
    String max,
    String step,
    String pattern,
    String html) {

  public FormComponent {
    options = options == null ? List.of() : List.copyOf(options);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /** This component with only the options kept, in their groups. */
  FormComponent narrowed(java.util.function.Predicate<String> keep) {
    List<FormOption> kept = options.stream().filter(option -> keep.test(option.value())).toList();
    List<OptionGroup> keptGroups = groups.stream()
        .map(group -> new OptionGroup(group.id(), group.name(),
            group.options().stream().filter(option -> keep.test(option.value())).toList(), group.open()))
        .filter(group -> !group.options().isEmpty()).toList();
    String shown = value != null && keep.test(value) ? value : kept.size() == 1 ? kept.get(0).value() : null;
    List<FormOption> marked = kept.stream()
        .map(option -> new FormOption(option.id(), option.value(), option.label(),
            option.selected() || (shown != null && shown.equals(option.value()) && !multiple())))
        .toList();
    return new FormComponent(type, id, name, label, description, required, disabled, readonly, inputType, shown, checked,
        marked, keptGroups, error, minLength, maxLength, min, max, step, pattern, html);
  }

  public boolean hasError() {
    return error != null;
  }

  /** Several choices: checklist and taglist, a fieldset of checkboxes. */
  public boolean multiple() {
    return type.equals("checklist") || type.equals("taglist");
  }

  /** A fieldset with a legend rather than a label: radio groups, checklists, taglists. */
  public boolean grouped() {
    return type.equals("radio") || multiple();
  }

  public String descriptionId() {
    return description == null ? null : id + "-description";
  }

  public String errorId() {
    return error == null ? null : id + "-error";
  }

  /** The value of aria-describedby: the description and the error, or null for neither. */
  public String describedBy() {
    List<String> ids = new ArrayList<>();
    if (description != null) {
      ids.add(descriptionId());
    }
    if (error != null) {
      ids.add(errorId());
    }
    return ids.isEmpty() ? null : String.join(" ", ids);
  }

  /** "true" on an invalid field's inputs, else null (no attribute). */
  public String ariaInvalid() {
    return error == null ? null : "true";
  }

  /** What the error summary links to: the input, the first option of a group, or a taglist's fieldset. */
  public String target() {
    if (!groups.isEmpty()) {
      return id; // its options may sit in closed regions; the fieldset itself takes focus (tabindex -1)
    }
    if (grouped() && !options.isEmpty()) {
      return options.get(0).id();
    }
    return id;
  }

  /** What the browser may fill in for the user (WCAG 1.3.5): their e-mail address, else nothing. */
  public String autocomplete() {
    return "email".equals(inputType) ? "email" : null;
  }
}
