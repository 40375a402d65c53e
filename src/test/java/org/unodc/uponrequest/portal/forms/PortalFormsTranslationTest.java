package org.unodc.uponrequest.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.SEEDS;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unodc.uponrequest.referencedata.MemberState;

/**
 * ADR 0005 §4: every string a member state reads in a state-facing form exists in French,
 * Spanish, Russian, Chinese and Arabic. The keys are worked out here from the schemas on their
 * own (not by the code under test), so a field added to a form without its translations fails.
 */
class PortalFormsTranslationTest {

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^}]*}}");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}(?=\\s)");
  private static final Set<String> PORTAL_KEYS = Set.of("forms.errors.title", "forms.errors.item", "forms.error.prefix",
      "forms.error.number", "forms.error.date", "forms.required", "forms.required.marker", "forms.select.choose");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fr", "es", "ru", "zh", "ar"})
  void everyTranslatableStringOfTheStateFacingFormsHasAKey(String language) {
    Properties bundle = bundle(language);
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (String formId : PortalForms.STATE_FACING) {
      List<String> keys = missingKeys(schema(formId), bundle);
      if (!keys.isEmpty()) {
        missing.put(formId, keys);
      }
    }
    assertThat(missing).as("keys missing in i18n/forms_%s.properties", language).isEmpty();
  }

  @Test
  void aMissingKeyIsFound() {
    Properties french = bundle("fr");
    french.remove("form.give-feedback.satisfactionRating.option.3");
    french.setProperty("form.give-feedback.feedbackComments.description", " ");
    assertThat(missingKeys(schema("give-feedback"), french)).containsExactly(
        "form.give-feedback.satisfactionRating.option.3", "form.give-feedback.feedbackComments.description");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fr", "es", "ru", "zh", "ar"})
  void translatedTextsKeepTheirVariablesConditionsAndHeadings(String language) {
    Properties bundle = bundle(language);
    for (String formId : PortalForms.STATE_FACING) {
      for (Map.Entry<String, String> string : strings(schema(formId)).entrySet()) {
        String translated = bundle.getProperty(string.getKey());
        if (translated == null) {
          continue; // reported by the test above
        }
        assertThat(templates(translated)).as(string.getKey()).isEqualTo(templates(string.getValue()));
        assertThat(headings(translated)).as(string.getKey()).isEqualTo(headings(string.getValue()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fr", "es", "ru", "zh", "ar"})
  void noKeyIsLeftOverFromAFieldThatIsGone(String language) {
    Set<String> expected = new TreeSet<>();
    PortalForms.STATE_FACING.forEach(formId -> expected.addAll(strings(schema(formId)).keySet()));
    Set<String> formKeys = bundle(language).stringPropertyNames().stream().filter(k -> k.startsWith("form.")).collect(Collectors.toCollection(TreeSet::new));
    formKeys.removeAll(expected);
    assertThat(formKeys).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"default", "fr", "es", "ru", "zh", "ar"})
  void thePortalsOwnWordsAndTheRegionsAreInEveryLanguage(String language) {
    Properties bundle = bundle(language);
    assertThat(bundle.stringPropertyNames()).containsAll(PORTAL_KEYS);
    if (!language.equals("default")) {
      for (String region : SEEDS.memberStates().stream().map(MemberState::region).collect(Collectors.toSet())) {
        assertThat(bundle.getProperty(FormTexts.regionKey(region))).as(region).isNotBlank();
      }
    } else {
      assertThat(bundle.stringPropertyNames()).as("English is the schema").noneMatch(k -> k.startsWith("form."));
    }
  }

  /** The keys of the form's strings that the bundle lacks or leaves blank, in form order. */
  static List<String> missingKeys(JsonNode schema, Properties bundle) {
    List<String> missing = new ArrayList<>();
    for (String key : strings(schema).keySet()) {
      String value = bundle.getProperty(key);
      if (value == null || value.isBlank()) {
        missing.add(key);
      }
    }
    return missing;
  }

  /** Key to English of every string a user reads: labels, descriptions, texts and options, except member states' names. */
  static Map<String, String> strings(JsonNode schema) {
    String formId = schema.path("id").asText();
    Map<String, String> strings = new LinkedHashMap<>();
    collect(formId, schema.path("components"), strings);
    return strings;
  }

  private static void collect(String formId, JsonNode components, Map<String, String> strings) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (type.equals("group")) {
        collect(formId, component.path("components"), strings);
        continue;
      }
      String prefix = "form." + formId + "." + component.path("key").asText(component.path("id").asText()) + ".";
      for (String part : List.of("label", "dateLabel", "description", "text")) {
        if (component.hasNonNull(part) && !component.get(part).asText().isBlank()) {
          strings.put(prefix + (part.equals("dateLabel") ? "label" : part), component.get(part).asText());
        }
      }
      List<String> values = new ArrayList<>();
      component.path("values").forEach(option -> values.add(option.path("value").asText()));
      boolean memberStates = !values.isEmpty() && values.stream().allMatch(code -> SEEDS.memberState(code).isPresent());
      if (!memberStates) {
        component.path("values").forEach(option ->
            strings.put(prefix + "option." + option.path("value").asText(), option.path("label").asText()));
      }
    }
  }

  private static List<String> templates(String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = TEMPLATE.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group().replace(" ", ""));
    }
    return found.stream().sorted().toList();
  }

  private static List<String> headings(String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = HEADING.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  /** A bundle file on its own ("default" for the English one), read as UTF-8 as spring.messages.encoding says. */
  private static Properties bundle(String language) {
    String name = "/i18n/forms" + (language.equals("default") ? "" : "_" + language) + ".properties";
    try (InputStream in = PortalFormsTranslationTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
