package org.unodc.uponrequest.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.portal.forms.PortalFormsFixture.schema;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** The beans as the application builds them, with spring.messages from the real application.yaml (no engine, no web). */
class PortalFormsWiringTest {

  @Test
  void theApplicationsMessageSourceServesTheFormsInTheSixLanguages() throws IOException {
    PropertySource<?> yaml = new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml")).get(0);
    new ApplicationContextRunner()
        .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(yaml))
        .withConfiguration(AutoConfigurations.of(MessageSourceAutoConfiguration.class))
        .withBean(ReferenceData.class, () -> PortalFormsFixture.SEEDS)
        .withBean(FormTexts.class)
        .withBean(StateNames.class)
        .withBean(PortalForms.class)
        .run(context -> {
          PortalForms forms = context.getBean(PortalForms.class);
          assertThat(forms.show(schema("confirm-participation"), Map.of(), Locale.forLanguageTag("ru"))
              .field("participationDecision").label()).isEqualTo("Участвует ли ваше государство?");
          assertThat(context.getBean(FormTexts.class).message("forms.errors.title", Locale.forLanguageTag("ar")))
              .isEqualTo("يُرجى تصحيح ما يلي");
          // English (and a language outside the six) reads the default file, never the server's own locale
          Locale server = Locale.getDefault();
          try {
            Locale.setDefault(Locale.FRENCH);
            assertThat(context.getBean(FormTexts.class).message("forms.errors.title", Locale.ENGLISH))
                .isEqualTo("Please correct the following");
            assertThat(context.getBean(FormTexts.class).message("forms.select.choose", Locale.GERMAN)).isEqualTo("— Select —");
          } finally {
            Locale.setDefault(server);
          }
        });
  }
}
