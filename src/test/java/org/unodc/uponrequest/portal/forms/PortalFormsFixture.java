package org.unodc.uponrequest.portal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.SeedLoader;

/** The package wired as the application wires it, without a Spring context: the real bundles, seeds and forms. */
final class PortalFormsFixture {

  static final ReferenceData SEEDS = SeedLoader.fromClasspath();
  static final ResourceBundleMessageSource MESSAGES = messages();
  static final FormTexts TEXTS = new FormTexts(MESSAGES);
  static final PortalForms FORMS = new PortalForms(TEXTS, new StateNames(SEEDS));
  static final SpringTemplateEngine TEMPLATES = templates();

  static final Locale EN = Locale.ENGLISH;
  static final Locale FR = Locale.FRENCH;
  static final Locale AR = Locale.forLanguageTag("ar");

  private PortalFormsFixture() {}

  /** As application.yaml configures spring.messages. */
  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("i18n/messages", "i18n/forms");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  private static SpringTemplateEngine templates() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(MESSAGES);
    return engine;
  }

  static JsonNode schema(String formId) {
    try (InputStream form = PortalFormsFixture.class.getResourceAsStream("/forms/" + formId + ".form")) {
      return PortalForms.schema(form);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a form with one component's type changed, e.g. to one the portal does not render. */
  static JsonNode withType(String formId, String key, String type) {
    JsonNode schema = schema(formId).deepCopy();
    for (JsonNode component : schema.path("components")) {
      if (key.equals(component.path("key").asText())) {
        ((ObjectNode) component).put("type", type);
      }
    }
    return schema;
  }

  /** The page a controller would render: error summary, then the fields (src/test/resources/templates). */
  static String page(PortalForm form, Locale locale) {
    Context context = new Context(locale, Map.of("form", form));
    return TEMPLATES.process("portal-forms-test-page", context);
  }

  /** Values a request's steps are shown with, as the process sets them. */
  static Map<String, Object> requestVariables() {
    return Map.ofEntries(
        Map.entry("referenceNumber", "UR-2026-0042"),
        Map.entry("title", "Witness protection"),
        Map.entry("requesterName", "Wanjiru Kamau"),
        Map.entry("submittedOn", "2026-11-02"),
        Map.entry("thematicAreaLabels", "Corruption, Terrorism prevention"),
        Map.entry("assistanceTypeLabels", "Capacity building and training"),
        Map.entry("description", "Training for prosecutors and judges\non the new witness protection law."),
        Map.entry("clarificationQuestion", "Which courts would take part?"),
        Map.entry("revisionRequest", "Please narrow the request to one institution."),
        Map.entry("leadStateName", "Kenya"),
        Map.entry("assignedOfficeName", "Regional Office for Eastern Africa"),
        Map.entry("resultsAchieved", "120 prosecutors trained."));
  }
}
