package org.unodc.uponrequest.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.AR;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.EN;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.FORMS;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.FR;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.page;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.requestVariables;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.LinkedMultiValueMap;

/** templates/portal/form-fields.html rendered by Thymeleaf and read back as a browser and a screen reader would. */
class FormFieldsTemplateTest {

  static Stream<Arguments> formsInEnglishArabicAndFrench() {
    return PortalForms.STATE_FACING.stream().flatMap(form -> Stream.of(EN, AR, FR).map(locale -> Arguments.of(form, locale)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("formsInEnglishArabicAndFrench")
  void everyControlHasItsLabelAndEveryGroupItsLegend(String formId, Locale locale) {
    Document page = render(FORMS.show(schema(formId), requestVariables(), locale), locale);
    assertThat(page.select("html").attr("dir")).isEqualTo(locale == AR ? "rtl" : "ltr");
    List<Element> controls = page.select("form input, form select, form textarea");
    assertThat(controls).isNotEmpty();
    for (Element control : controls) {
      String id = control.id();
      assertThat(id).as("control %s", control.attr("name")).isNotEmpty();
      assertThat(page.select("[id=" + id + "]")).as("id %s is unique", id).hasSize(1);
      Element label = page.selectFirst("label[for=" + id + "]");
      assertThat(label).as("label for %s", id).isNotNull();
      assertThat(label.text()).as("label for %s", id).isNotBlank();
      if (control.is("[type=radio], [type=checkbox]") && !page.select("fieldset:has(#" + id + ")").isEmpty()) {
        Element legend = page.selectFirst("fieldset:has(#" + id + ") > legend");
        assertThat(legend).as("legend around %s", id).isNotNull();
        assertThat(legend.text()).isNotBlank();
      }
    }
    for (Element described : page.select("[aria-describedby]")) {
      for (String id : described.attr("aria-describedby").split(" ")) {
        assertThat(page.getElementById(id)).as("described by %s", id).isNotNull();
      }
    }
    assertThat(page.select("script, style, [style], [onclick], [onerror], [onload]")).as("CSP: no inline script or style").isEmpty();
    assertThat(page.select(".pf-error-summary")).as("no errors, no summary").isEmpty();
  }

  @Test
  void theSchemasConstraintsBecomeHtmlAttributes() {
    Document page = render(FORMS.show(schema("request-submission"), Map.of(), EN), EN);
    Element title = page.getElementById("field-title");
    assertThat(title.attr("type")).isEqualTo("text");
    assertThat(title.hasAttr("required")).isTrue();
    assertThat(title.attr("maxlength")).isEqualTo("200");
    assertThat(title.attr("aria-describedby")).isEqualTo("field-title-description");
    assertThat(title.hasAttr("aria-invalid")).isFalse();
    Element description = page.getElementById("field-description");
    assertThat(description.tagName()).isEqualTo("textarea");
    assertThat(description.attr("minlength")).isEqualTo("30");
    assertThat(description.attr("maxlength")).isEqualTo("4000");
    Element budget = page.getElementById("field-estimatedBudgetUsd");
    assertThat(budget.attr("type")).isEqualTo("number");
    assertThat(budget.attr("min")).isEqualTo("0");
    assertThat(budget.attr("step")).isEqualTo("1");
    assertThat(budget.hasAttr("max")).isFalse();
    assertThat(budget.hasAttr("required")).isFalse();
    Element email = page.getElementById("field-requesterEmail");
    assertThat(email.attr("type")).isEqualTo("email");
    assertThat(email.attr("autocomplete")).isEqualTo("email");
    assertThat(page.select("input[name=urgency]")).hasSize(4).allMatch(radio -> radio.hasAttr("required"));
    assertThat(page.selectFirst("input[name=urgency][checked]").val()).isEqualTo("NORMAL");
    assertThat(page.select("input[name=thematicAreas]")).as("a box need not be ticked: the group is required")
        .noneMatch(box -> box.hasAttr("required"));
    assertThat(page.selectFirst("#field-thematicAreas > legend .pf-visually-hidden").text()).isEqualTo("required");
    Element select = page.getElementById("field-memberState");
    assertThat(select.hasAttr("required")).isTrue();
    assertThat(select.select("option")).hasSize(194);
    assertThat(select.selectFirst("option").val()).isEmpty();
    assertThat(page.select(".pf-label .pf-required[aria-hidden=true]")).isNotEmpty();
  }

  @Test
  void theStatesOfARegionalRequestAreCheckboxesInADetailsPerRegion() {
    Document page = render(FORMS.show(schema("request-submission"), Map.of("coRequestingStates", List.of("UGA")), AR), AR);
    Element fieldset = page.getElementById("field-coRequestingStates");
    assertThat(fieldset.tagName()).isEqualTo("fieldset");
    assertThat(fieldset.attr("tabindex")).isEqualTo("-1");
    assertThat(fieldset.select("> details")).hasSize(5);
    assertThat(fieldset.select("> details[open]")).hasSize(1);
    Element africa = page.getElementById("field-coRequestingStates-Africa");
    assertThat(africa.hasAttr("open")).isTrue();
    assertThat(africa.selectFirst("summary").text()).isEqualTo("أفريقيا");
    assertThat(africa.selectFirst("#field-coRequestingStates-UGA").hasAttr("checked")).isTrue();
    assertThat(page.selectFirst("label[for=field-coRequestingStates-UGA]").text()).isEqualTo("أوغندا");
    assertThat(fieldset.select("input[type=checkbox]")).hasSize(193);
    assertThat(page.getElementById("field-partnerOrganisations").select("details")).as("17 organisations need no regions").isEmpty();
  }

  @Test
  void errorsAreShownByTheirFieldsAndSummarisedWithLinksAtTheTop() {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("title", "Entrez un intitulé.");
    errors.put("urgency", "Choisissez le degré d'urgence.");
    errors.put("coRequestingStates", "Un État figure deux fois.");
    errors.put("priorityScore", "Ce champ n'existe pas.");
    LinkedMultiValueMap<String, String> entered = new LinkedMultiValueMap<>();
    entered.put("description", List.of("Trop court <i>vraiment</i>"));
    Document page = render(FORMS.redisplay(schema("request-submission"), Map.of(), entered, errors, FR), FR);

    Element summary = page.selectFirst(".pf-error-summary");
    assertThat(summary.attr("role")).isEqualTo("alert");
    assertThat(summary.selectFirst("h2").text()).isEqualTo("Veuillez corriger les points suivants");
    assertThat(summary.select("a")).extracting(a -> a.attr("href"))
        .containsExactly("#field-coRequestingStates", "#field-title", "#field-urgency-LOW");
    assertThat(summary.selectFirst("a[href=#field-title]").wholeText()).isEqualTo("Intitulé de la demande\u00a0: Entrez un intitulé.");
    assertThat(summary.select("li").last().text()).as("a name the form has no field for, as it was sent")
        .isEqualTo("priorityScore : Ce champ n'existe pas.");
    for (Element link : summary.select("a")) {
      assertThat(page.getElementById(link.attr("href").substring(1))).as(link.attr("href")).isNotNull();
    }
    Element title = page.getElementById("field-title");
    assertThat(title.attr("aria-invalid")).isEqualTo("true");
    assertThat(title.attr("aria-describedby")).isEqualTo("field-title-description field-title-error");
    assertThat(page.getElementById("field-title-error").wholeText()).isEqualTo("Erreur\u00a0: Entrez un intitulé.");
    assertThat(page.select("input[name=urgency][aria-invalid=true]")).hasSize(4);
    assertThat(page.getElementById("field-urgency").attr("aria-describedby")).isEqualTo("field-urgency-description field-urgency-error");
    assertThat(page.select("#field-coRequestingStates > details[open]")).as("nothing chosen: all regions open to choose").hasSize(5);
    assertThat(page.getElementById("field-description").text()).isEqualTo("Trop court <i>vraiment</i>");
    assertThat(page.select("#field-description i")).isEmpty();
    assertThat(page.getElementById("field-description").hasAttr("aria-invalid")).isFalse();
  }

  @Test
  void aTitleHoldingAScriptIsShownAsText() {
    Map<String, Object> variables = new HashMap<>(requestVariables());
    variables.put("title", "<script>alert('x')</script>");
    variables.put("clarificationQuestion", "<img src=x onerror=alert(1)>");
    Document page = render(FORMS.show(schema("provide-clarification"), variables, EN), EN);
    assertThat(page.select("script, img")).isEmpty();
    assertThat(page.selectFirst(".pf-text h2").text()).isEqualTo("UR-2026-0042 — <script>alert('x')</script>");
    assertThat(page.selectFirst(".pf-text blockquote").text()).isEqualTo("<img src=x onerror=alert(1)>");
  }

  @Test
  void theMarkdownOfTextComponentsBecomesHeadingsBelowThePagesH1() {
    Document page = render(FORMS.show(schema("request-submission"), Map.of(), EN), EN);
    assertThat(page.select(".pf-text h2").text()).isEqualTo("Request technical assistance from UNODC");
    assertThat(page.select(".pf-text h3").text()).isEqualTo("Focal point for this request");
    assertThat(page.select(".pf-text strong").text()).isEqualTo("upon request and as a matter of high priority");
    assertThat(page(FORMS.show(schema("give-feedback"), requestVariables(), FR), FR)).contains("<strong>Résultats communiqués par l&#39;ONUDC\u00a0:</strong><br>120 prosecutors trained.");
  }

  @Test
  void theTemplateHoldsNoTextOutsideAMessage() throws IOException {
    String template;
    try (InputStream in = getClass().getResourceAsStream("/templates/portal/form-fields.html")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Document source = Jsoup.parse(template.replaceAll("(?s)<!--/\\*.*?\\*/-->", ""));
    List<String> words = source.getAllElements().stream()
        .flatMap(element -> element.textNodes().stream())
        .map(TextNode::text)
        .filter(text -> !text.isBlank())
        .toList();
    assertThat(words).isEmpty();
  }

  private static Document render(PortalForm form, Locale locale) {
    return Jsoup.parse(page(form, locale));
  }
}
