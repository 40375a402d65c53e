package org.unodc.uponrequest.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names pages and mails put into their sentences, in the reader's language. */
class PortalLabelsTest {

  /** Offices by the portal's messages (office.<code>), states by their UNTERM names, for pages and mails alike; English for an unknown code. */
  @Test
  void namesAreInTheReadersLanguageAndEnglishForAnUnknownCode() {
    org.springframework.context.support.ResourceBundleMessageSource messages =
        new org.springframework.context.support.ResourceBundleMessageSource();
    // as spring.messages in application.yaml configures the application's MessageSource
    messages.setBasenames("i18n/messages", "i18n/forms");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    PortalLabels names = new PortalLabels(org.unodc.uponrequest.referencedata.SeedLoader.fromClasspath(), messages);

    String english = "Regional Office for Eastern Africa";
    assertThat(names.office("ROEA", english, Languages.EN)).isEqualTo(english);
    assertThat(names.office("ROEA", english, Languages.FR)).as("taken as written, not by MessageFormat")
        .isEqualTo("Bureau régional pour l'Afrique de l'Est");
    assertThat(names.office("ROEA", english, Languages.AR)).isEqualTo("المكتب الإقليمي لشرق أفريقيا");
    assertThat(names.office("COLAO", null, Languages.FR)).isEqualTo("Bureau de pays en République démocratique populaire lao");
    assertThat(names.office("HQVIE", null, Languages.ES)).isNotEqualTo("UNODC Headquarters").isNotBlank();
    assertThat(names.office("XXNEW", "Liaison Office in Atlantis", Languages.FR)).isEqualTo("Liaison Office in Atlantis");
    assertThat(names.office("XXNEW", null, Languages.RU)).isEqualTo("XXNEW");
    assertThat(names.office(null, "Regional Office for Eastern Africa", Languages.ZH)).isEqualTo(english);

    assertThat(names.state("KEN", "KEN", Languages.FR)).isEqualTo("Kenya (le)");
    assertThat(names.state("XXX", "Atlantis", Languages.FR)).isEqualTo("Atlantis");
  }
}
