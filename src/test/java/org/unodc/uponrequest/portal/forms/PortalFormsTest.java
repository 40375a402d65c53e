package org.unodc.uponrequest.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.AR;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.EN;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.FORMS;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.FR;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.requestVariables;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.schema;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.withType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Collator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.LinkedMultiValueMap;

/** The form model: components, values, options, errors, translations and what the portal refuses to render. */
class PortalFormsTest {

  static Stream<Arguments> formsAndLanguages() {
    return PortalForms.STATE_FACING.stream()
        .flatMap(form -> Stream.of("en", "fr", "es", "ru", "zh", "ar").map(language -> Arguments.of(form, language)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("formsAndLanguages")
  void everyStateFacingFormRendersInEachOfTheSixLanguages(String formId, String language) {
    PortalForm form = FORMS.show(schema(formId), requestVariables(), Locale.forLanguageTag(language));
    assertThat(form.formId()).isEqualTo(formId);
    assertThat(form.language()).isEqualTo(language);
    assertThat(form.rightToLeft()).isEqualTo(language.equals("ar"));
    for (FormComponent component : form.components()) {
      if (component.name() != null) {
        assertThat(component.label()).as(component.name()).isNotBlank();
        assertThat(component.id()).isEqualTo("field-" + component.name());
      } else if (component.type().equals("text")) {
        assertThat(component.html()).isNotBlank().doesNotContain("{{");
      }
    }
  }

  @Test
  void componentsComeInSchemaOrderWithTheirConstraints() {
    PortalForm form = FORMS.show(schema("request-submission"), Map.of(), EN);
    assertThat(form.components()).extracting(FormComponent::type).containsExactly("text", "select", "taglist", "taglist",
        "textfield", "textarea", "checklist", "select", "checklist", "number", "radio", "text", "textfield", "textfield");
    FormComponent title = form.field("title");
    assertThat(title.required()).isTrue();
    assertThat(title.maxLength()).isEqualTo(200);
    assertThat(title.inputType()).isEqualTo("text");
    assertThat(form.field("description").minLength()).isEqualTo(30);
    assertThat(form.field("requesterEmail").inputType()).isEqualTo("email");
    assertThat(form.field("requesterEmail").autocomplete()).isEqualTo("email");
    FormComponent budget = form.field("estimatedBudgetUsd");
    assertThat(budget.inputType()).isEqualTo("number");
    assertThat(budget.min()).isEqualTo("0");
    assertThat(budget.max()).isNull();
    assertThat(budget.step()).isEqualTo("1");
    assertThat(budget.required()).isFalse();
    assertThat(form.field("urgency").describedBy()).isEqualTo("field-urgency-description");
    assertThat(form.field("requesterEmail").describedBy()).isNull();
  }

  @Test
  void aFieldFirstShowsItsVariableElseTheSchemasDefault() {
    assertThat(FORMS.show(schema("request-submission"), Map.of(), EN).field("urgency").value()).isEqualTo("NORMAL");
    assertThat(FORMS.show(schema("request-submission"), Map.of("urgency", "HIGH"), EN).field("urgency").options())
        .filteredOn(FormOption::selected).extracting(FormOption::value).containsExactly("HIGH");
    assertThat(FORMS.show(schema("revise-request"), requestVariables(), EN).field("description").value())
        .isEqualTo("Training for prosecutors and judges\non the new witness protection law.");
    FormComponent areas = FORMS.show(schema("request-submission"),
        Map.of("thematicAreas", SpinValues.jsonValue("[\"TERRORISM\",\"CORRUPTION\"]").create()), EN).field("thematicAreas");
    assertThat(areas.options()).filteredOn(FormOption::selected).extracting(FormOption::value).containsExactly("CORRUPTION", "TERRORISM");
  }

  @Test
  void aNumberOptionIsChosenByItsValueWhateverItsJavaType() {
    FormComponent rating = FORMS.show(schema("give-feedback"), Map.of("satisfactionRating", 4L), EN).field("satisfactionRating");
    assertThat(rating.options()).extracting(FormOption::value).containsExactly("5", "4", "3", "2", "1");
    assertThat(rating.value()).isEqualTo("4");
  }

  @Test
  void aRedisplayShowsWhatWasEnteredNotWhatTheFormWasShownWith() {
    LinkedMultiValueMap<String, String> entered = new LinkedMultiValueMap<>();
    entered.put("description", List.of("Too short"));
    entered.put("revisionNotes", List.of("<b>x</b>"));
    PortalForm form = FORMS.redisplay(schema("revise-request"), requestVariables(), entered, Map.of(), EN);
    assertThat(form.field("description").value()).isEqualTo("Too short");
    assertThat(form.field("revisionNotes").value()).isEqualTo("<b>x</b>"); // escaped by the template, like any value
    LinkedMultiValueMap<String, String> nothing = new LinkedMultiValueMap<>();
    assertThat(FORMS.redisplay(schema("request-submission"), Map.of(), nothing, Map.of(), EN).field("urgency").value())
        .as("a radio left empty stays empty, not back to its default").isNull();
  }

  @Test
  void errorsSitByTheirFieldsAndInTheSummaryInFormOrder() {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("requesterEmail", "'x' is not an e-mail address");
    errors.put("priorityScore", "is not a field of the form");
    errors.put("thematicAreas", "choose at least one");
    errors.put("title", "is required");
    PortalForm form = FORMS.redisplay(schema("request-submission"), Map.of(), new LinkedMultiValueMap<>(), errors, EN);
    assertThat(form.hasErrors()).isTrue();
    assertThat(form.errors()).containsExactly(
        new FormError("field-title", "Title of the request", "is required"),
        new FormError("field-thematicAreas-CORRUPTION", "Thematic areas", "choose at least one"),
        new FormError("field-requesterEmail", "Official e-mail address", "'x' is not an e-mail address"),
        new FormError(null, "priorityScore", "is not a field of the form"));
    FormComponent title = form.field("title");
    assertThat(title.error()).isEqualTo("is required");
    assertThat(title.ariaInvalid()).isEqualTo("true");
    assertThat(title.describedBy()).isEqualTo("field-title-description field-title-error");
    assertThat(form.field("description").ariaInvalid()).isNull();
  }

  @Test
  void memberStatesAreTheSeedsNamesInTheLanguagesOrder() {
    FormComponent fr = FORMS.show(schema("request-submission"), Map.of(), FR).field("memberState");
    assertThat(fr.options()).hasSize(193);
    assertThat(fr.options()).extracting(FormOption::label).contains("Allemagne (l')", "Afrique du Sud (l')", "Égypte (l')");
    assertThat(fr.options()).extracting(FormOption::label).isSortedAccordingTo(Collator.getInstance(Locale.FRENCH)::compare);
    assertThat(fr.options().get(0).label()).isEqualTo("Afghanistan (l')");
    FormComponent ar = FORMS.show(schema("request-submission"), Map.of("memberState", "KEN"), AR).field("memberState");
    assertThat(ar.options()).extracting(FormOption::label).isSortedAccordingTo(Collator.getInstance(AR)::compare);
    assertThat(ar.options()).filteredOn(FormOption::selected).extracting(FormOption::label).containsExactly("كينيا");
    assertThat(ar.groups()).as("a select is one sorted list").isEmpty();
  }

  @Test
  void aTaglistOfStatesIsGroupedByRegionOpenWhereAStateIsChosen() {
    FormComponent states = FORMS.show(schema("request-submission"),
        Map.of("coRequestingStates", List.of("UGA", "TZA")), FR).field("coRequestingStates");
    assertThat(states.groups()).extracting(OptionGroup::name).containsExactly("Afrique", "Amériques", "Asie", "Europe", "Océanie");
    assertThat(states.groups()).filteredOn(OptionGroup::open).extracting(OptionGroup::name).containsExactly("Afrique");
    assertThat(states.groups()).flatExtracting(OptionGroup::options).hasSize(193);
    assertThat(states.groups().get(0).id()).isEqualTo("field-coRequestingStates-Africa");
    assertThat(states.target()).as("the summary links to the fieldset, its boxes may be closed").isEqualTo("field-coRequestingStates");
    FormComponent invalid = FORMS.redisplay(schema("request-submission"), Map.of(), new LinkedMultiValueMap<>(),
        Map.of("coRequestingStates", "lists an option more than once"), EN).field("coRequestingStates");
    assertThat(invalid.groups()).allMatch(OptionGroup::open);
  }

  @Test
  void otherOptionListsAreTranslatedUnderTheFormEvenWhereACodeLooksLikeAState() {
    FormComponent partners = FORMS.show(schema("request-submission"), Map.of(), FR).field("partnerOrganisations");
    assertThat(partners.groups()).isEmpty();
    assertThat(partners.options()).extracting(FormOption::value).startsWith("AU", "ECOWAS");
    assertThat(partners.options()).filteredOn(o -> o.value().equals("CAN")).extracting(FormOption::label)
        .containsExactly("Communauté andine (CAN)");
    assertThat(FORMS.optionLabels(schema("request-submission"), "partnerOrganisations", List.of("CAN"), FR))
        .containsExactly("Communauté andine (CAN)");
    assertThat(FORMS.optionLabels(schema("request-submission"), "coRequestingStates", List.of("CAN", "XXX"), FR))
        .containsExactly("Canada (le)", "XXX");
    assertThat(FORMS.optionLabels(schema("request-submission"), "thematicAreas", List.of("CORRUPTION", "TERRORISM"), AR))
        .containsExactly("الفساد", "منع الإرهاب");
    assertThat(FORMS.optionLabels(schema("give-feedback"), "satisfactionRating", List.of("5"), EN)).containsExactly("5: Very satisfied");
  }

  @Test
  void englishIsTheSchemaAndALanguageOutsideTheSixReadsEnglish() {
    FormComponent german = FORMS.show(schema("provide-clarification"), Map.of(), Locale.GERMAN).field("clarificationAnswer");
    assertThat(german.label()).isEqualTo("Your answer");
    assertThat(FORMS.show(schema("provide-clarification"), Map.of(), Locale.forLanguageTag("zh-CN")).field("clarificationAnswer").label())
        .isEqualTo("您的答复");
  }

  @Test
  void textComponentsFillInTheirVariablesInTheUsersLanguage() {
    PortalForm fr = FORMS.show(schema("provide-clarification"), requestVariables(), FR);
    assertThat(fr.components().get(0).html())
        .startsWith("<h2>UR-2026-0042 — Witness protection</h2><p><strong>Soumise par\u00a0:</strong> Wanjiru Kamau le 2026-11-02<br>")
        .contains("<blockquote><p>Which courts would take part?</p></blockquote>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dynamiclist", "filepicker", "button", "html", "iframe", "expression", "spacer"})
  void aStateFacingFormWithAComponentThePortalCannotRenderFailsNamingFormAndType(String type) {
    for (String formId : PortalForms.STATE_FACING) {
      String key = schema(formId).findValues("key").get(0).asText();
      assertThatThrownBy(() -> FORMS.show(withType(formId, key, type), Map.of(), EN))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Form '" + formId + "'")
          .hasMessageContaining("component type '" + type + "'");
    }
  }

  @Test
  void theStateFacingFormsUseOnlyComponentsThePortalRenders() {
    for (String formId : PortalForms.STATE_FACING) {
      assertThat(FormSchema.components(schema(formId))).extracting(c -> c.path("type").asText())
          .as(formId).isSubsetOf(FormSchema.SUPPORTED);
    }
  }

  @Test
  void aConditionThePortalDoesNotEvaluateFailsToo() {
    ObjectNode hidden = (ObjectNode) schema("give-feedback").deepCopy();
    ((ObjectNode) hidden.path("components").get(3))
        .putObject("conditional").put("hide", "=satisfactionRating > 3");
    assertThatThrownBy(() -> FORMS.show(hidden, Map.of(), EN)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Form 'give-feedback'").hasMessageContaining("conditional.hide");
  }
}
