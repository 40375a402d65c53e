package org.unodc.uponrequest.portal;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.PartnerOrganisation;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.SeedLoader;

/**
 * A name put into a sentence has to read right whichever name it is. French and Spanish names differ
 * in gender and article ("au Bureau" but "à la Direction"; "a la Oficina" but "al Programa"), Russian
 * would decline a name after a preposition, and an Arabic prefix would have to fuse with the name's
 * own article. So the portal's messages and the mails name an office, a state or an organisation
 * after a colon or in parentheses. This renders every such text with every name of the seeds in all
 * six languages, as the pages and the mails do, and checks what stands right before the name; and it
 * checks that no text of the portal, the mails or the forms puts an article right before a
 * placeholder, so a new sentence with a name cannot slip in unchecked.
 */
class PortalNamesInSentencesTest {

  private static final ReferenceData SEEDS = SeedLoader.fromClasspath();

  enum Kind {
    OFFICE, STATE, PARTNER
  }

  /** The portal's messages whose argument {0} is a name: RequestHistory (offices) and my-requests.html (states). */
  private static final Map<String, Kind> PORTAL_NAMES = Map.of(
      "timeline.Activity_DecideOnAssignment.started", Kind.OFFICE,
      "requests.lead", Kind.STATE);

  /** The mails' placeholders that hold a name (notifications/Notifications). */
  private static final Map<String, Kind> MAIL_NAMES = Map.of("office", Kind.OFFICE, "state", Kind.STATE,
      "leadState", Kind.STATE);

  /** An article right before these is right: they are dates or numbers ("le 3 mars", "los 10 MB"). */
  private static final Set<String> DATES_AND_NUMBERS = Set.of("staff.steps.canceled", "documents.error.size", "{date}",
      "{due}", "{{submittedOn}}");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[A-Za-z]+}}|\\{[A-Za-z]+}|\\{\\d+[^}]*}");

  /** Articles, and articles fused with a preposition, by language (the default files are English). */
  private static final Map<String, Pattern> ARTICLE_BEFORE = Map.of(
      "en", Pattern.compile("(?iu)(?:^|[^\\p{L}])(?:the|a|an)\\s+$"),
      "fr", Pattern.compile("(?iu)(?:(?:^|[^\\p{L}])(?:le|la|les|au|aux|du|des|un|une)\\s+|(?:^|[^\\p{L}])l['’])$"),
      "es", Pattern.compile("(?iu)(?:^|[^\\p{L}])(?:el|la|los|las|al|del|un|una)\\s+$"));

  /** Also prepositions, after which a name would need an article (fr, es) or a case ending (ru). */
  private static final Map<Languages, Pattern> NOT_BEFORE_A_NAME = Map.of(
      Languages.EN, ARTICLE_BEFORE.get("en"),
      Languages.FR, Pattern.compile("(?iu)(?:(?:^|[^\\p{L}])(?:le|la|les|au|aux|du|des|un|une|à|de|en|dans|pour|par|sur"
          + "|avec|chez|vers|concernant)\\s+|(?:^|[^\\p{L}])[ld]['’])$"),
      Languages.ES, Pattern.compile("(?iu)(?:^|[^\\p{L}])(?:el|la|los|las|al|del|un|una|a|de|en|para|por|con|ante"
          + "|sobre|hacia)\\s+$"));

  /**
   * Russian keeps a name in the nominative only where nothing governs it: at the start, after a colon
   * or a dash, or in parentheses or quotes.
   */
  private static final Pattern RUSSIAN_NOMINATIVE = Pattern.compile("(?:^|[:—–]\\s+|[(«]\\s*|\\n)$");

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
  private final PortalLabels labels;

  PortalNamesInSentencesTest() {
    // as spring.messages in application.yaml configures the application's MessageSource
    messages.setBasenames("i18n/messages", "i18n/forms");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    labels = new PortalLabels(SEEDS, messages);
  }

  @AfterEach
  void resetLocale() {
    LocaleContextHolder.resetLocaleContext();
  }

  @Test
  void everyPortalMessageReadsRightWithEveryNameInEveryLanguage() {
    List<String> problems = new ArrayList<>();
    for (Languages language : Languages.all()) {
      LocaleContextHolder.setLocale(language.locale());
      for (var message : PORTAL_NAMES.entrySet()) {
        for (var name : names(message.getValue()).entrySet()) {
          String text = messages.getMessage(message.getKey(), new Object[] {name.getValue()}, language.locale());
          int at = text.indexOf(name.getValue());
          String problem = at < 0 ? "does not show the name" : problem(language, text.substring(0, at));
          if (problem != null) {
            problems.add(language.code() + " " + message.getKey() + " with " + name.getKey() + ": " + problem + ": " + text);
          }
        }
      }
    }
    assertThat(problems).as("portal messages that put a name where its gender, article or case matters").isEmpty();
  }

  @Test
  void everyMailReadsRightWithEveryNameInEveryLanguage() {
    List<String> problems = new ArrayList<>();
    for (Languages language : Languages.all()) {
      LocaleContextHolder.setLocale(language.locale());
      Properties mails = bundle("mails", language.code());
      for (String key : mails.stringPropertyNames()) {
        for (var placeholder : MAIL_NAMES.entrySet()) {
          String template = mails.getProperty(key);
          if (!template.contains("{" + placeholder.getKey() + "}")) {
            continue;
          }
          for (var name : names(placeholder.getValue()).entrySet()) {
            // filled as MailTexts fills it: the name for its placeholder, a plain word for the others
            String marked = template.replace("{" + placeholder.getKey() + "}", "[NAME]").replaceAll("\\{[A-Za-z]+}", "X");
            String problem = problem(language, marked.substring(0, marked.indexOf("[NAME]")));
            if (problem != null) {
              problems.add(language.code() + " " + key + " with " + name.getKey() + ": " + problem + ": "
                  + marked.replace("[NAME]", name.getValue()));
            }
          }
        }
      }
    }
    assertThat(problems).as("mails that put a name where its gender, article or case matters").isEmpty();
  }

  @Test
  void noTextPutsAnArticleRightBeforeAPlaceholder() {
    Map<String, String> found = new LinkedHashMap<>();
    for (String bundle : List.of("messages", "mails", "forms")) {
      for (String language : List.of("default", "fr", "es")) {
        Pattern article = ARTICLE_BEFORE.get(language.equals("default") ? "en" : language);
        Properties texts = bundle(bundle, language);
        for (String key : texts.stringPropertyNames()) {
          String text = texts.getProperty(key);
          Matcher placeholder = PLACEHOLDER.matcher(text);
          while (placeholder.find()) {
            if (DATES_AND_NUMBERS.contains(key) || DATES_AND_NUMBERS.contains(placeholder.group())) {
              continue;
            }
            if (article.matcher(text.substring(0, placeholder.start())).find()) {
              found.put(bundle + "_" + language + " " + key, text);
            }
          }
        }
      }
    }
    assertThat(found).as("texts with an article right before a placeholder: is it a name? Name it after a colon; "
        + "a date or a number goes in DATES_AND_NUMBERS").isEmpty();
  }

  @Test
  void theRulesFindTheWordingsThatReadWrong() {
    assertThat(problem(Languages.FR, "Proposée au ")).isNotNull();
    assertThat(problem(Languages.FR, "Demande transmise à l'")).isNotNull();
    assertThat(problem(Languages.FR, "Proposée à un bureau de l'ONUDC : ")).isNull();
    assertThat(problem(Languages.ES, "Ofrecida a la ")).isNotNull();
    assertThat(problem(Languages.ES, "Solicitudes de ")).isNotNull();
    assertThat(problem(Languages.ES, "Ofrecida a una oficina de la UNODC: ")).isNull();
    assertThat(problem(Languages.EN, "Offered to the ")).isNotNull();
    assertThat(problem(Languages.EN, "Requests of ")).as("English names need no article of their own").isNull();
    assertThat(problem(Languages.RU, "Запрос передан в ")).isNotNull();
    assertThat(problem(Languages.RU, "Запрос предложен ")).as("would need the dative").isNotNull();
    assertThat(problem(Languages.RU, "Запрос предложен для исполнения: ")).isNull();
    assertThat(problem(Languages.RU, "Запросы (")).isNull();
    assertThat(problem(Languages.AR, "عُرض الطلب ب")).as("a prefix fused with the name").isNotNull();
    assertThat(problem(Languages.AR, "عُرض الطلب على ")).isNull();
    assertThat(problem(Languages.ZH, "已提议由")).isNull();
    assertThat(ARTICLE_BEFORE.get("es").matcher("Cancelada el ").find()).isTrue();
    assertThat(ARTICLE_BEFORE.get("fr").matcher("Référence ").find()).isFalse();
  }

  /** The partners' names, which the request page lists, are in the page's language; an unknown code shows as it is. */
  @Test
  void partnerOrganisationsAreNamedInThePageLanguage() {
    LocaleContextHolder.setLocale(Languages.FR.locale());
    assertThat(labels.partner("CTED")).isEqualTo("Direction exécutive du Comité contre le terrorisme");
    assertThat(labels.partner("ECOWAS")).isEqualTo("Communauté économique des États de l'Afrique de l'Ouest");
    assertThat(labels.partner("ALCHEMISTS")).isEqualTo("ALCHEMISTS");
    for (Languages language : Languages.all()) {
      LocaleContextHolder.setLocale(language.locale());
      for (PartnerOrganisation partner : SEEDS.partnerOrganisations()) {
        String name = labels.partner(partner.code());
        assertThat(name).as("%s in %s", partner.code(), language.code()).isNotBlank().doesNotContain("''");
        if (language != Languages.EN) {
          assertThat(name).as("%s in %s is not the English name", partner.code(), language.code())
              .isNotEqualTo(partner.name());
        }
      }
    }
  }

  /** What is wrong with a name right after {@code before} in the language; null when nothing is. */
  static String problem(Languages language, String before) {
    switch (language) {
      case RU:
        return RUSSIAN_NOMINATIVE.matcher(before).find() ? null
            : "a name here would need a case ending; put it after a colon or in parentheses";
      case AR:
        // unvocalised Arabic writes these names the same in every case; only a prefix fused to
        // the name (ب، ل، و) would change it, as لل for ل + ال
        return before.isEmpty() || !Character.isLetter(before.codePointBefore(before.length())) ? null
            : "a prefix fused with the name";
      case ZH:
        return null; // no articles, no gender, no case
      default:
        return NOT_BEFORE_A_NAME.get(language).matcher(before).find()
            ? "an article or preposition right before the name, whose gender and article vary; put it after a colon"
            : null;
    }
  }

  /** Every name of the kind as the current page language writes it, by code. */
  private Map<String, String> names(Kind kind) {
    Map<String, String> names = new LinkedHashMap<>();
    switch (kind) {
      case OFFICE -> SEEDS.offices().stream().map(Office::code).forEach(code -> names.put(code, labels.office(code)));
      case STATE -> SEEDS.memberStates().stream().map(MemberState::iso3)
          .forEach(iso3 -> names.put(iso3, labels.state(iso3)));
      case PARTNER -> SEEDS.partnerOrganisations().stream().map(PartnerOrganisation::code)
          .forEach(code -> names.put(code, labels.partner(code)));
    }
    return names;
  }

  private static Properties bundle(String name, String language) {
    String path = "/i18n/" + name + (language.equals("default") || language.equals("en") ? "" : "_" + language)
        + ".properties";
    try (InputStream in = PortalNamesInSentencesTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
