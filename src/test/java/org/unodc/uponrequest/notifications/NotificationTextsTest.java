package org.unodc.uponrequest.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unodc.uponrequest.notifications.MailTexts.Audience;
import org.unodc.uponrequest.portal.Languages;
import org.unodc.uponrequest.process.Outcome;

/** The mails' words exist in all six languages, with the same placeholders, for every kind and outcome. */
class NotificationTextsTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final MailTexts texts = new MailTexts();

  @Test
  void everyMailKindAndOutcomeHasItsWordsInEnglish() throws IOException {
    Properties english = bundle(Languages.EN);
    for (MailKind kind : MailKind.values()) {
      assertThat(english).as(kind.name()).containsKeys("mail." + kind.key() + ".subject", "mail." + kind.key() + ".body");
    }
    for (Outcome outcome : Outcome.values()) {
      assertThat(english).as(outcome.name()).containsKeys("mail.outcome." + outcome, "mail.outcome." + outcome + ".text");
    }
  }

  @ParameterizedTest
  @EnumSource(Languages.class)
  void everyKeyExistsInEveryLanguageWithTheSamePlaceholders(Languages language) throws IOException {
    Properties english = bundle(Languages.EN);
    Properties translated = bundle(language);
    assertThat(translated.stringPropertyNames()).as("keys of i18n/mails_%s.properties", language.code())
        .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    for (String key : english.stringPropertyNames()) {
      assertThat(placeholders(translated.getProperty(key))).as("%s in %s", key, language.code())
          .isEqualTo(placeholders(english.getProperty(key)));
      assertThat(translated.getProperty(key)).as("%s in %s", key, language.code()).isNotBlank();
      if (language != Languages.EN && !key.startsWith("mail.link")) {
        assertThat(translated.getProperty(key)).as("%s is translated into %s", key, language.code())
            .isNotEqualTo(english.getProperty(key));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Languages.class)
  void aMailIsComposedInTheLanguageWithEveryPlaceholderFilled(Languages language) {
    Map<String, String> values = Map.of("reference", "TA-2026-00001", "title", "Witness protection", "state", "Kenya",
        "date", MailTexts.date(new Date(0), language));
    MailTexts.Text text = texts.compose(MailKind.RECEIVED, language, Audience.STATE, values, List.of("Extra"),
        "https://uponrequest.example.org/portal/requests/TA-2026-00001");
    assertThat(text.subject()).contains("TA-2026-00001", "Witness protection").doesNotContain("{", "\n");
    assertThat(text.body()).contains("TA-2026-00001", "Witness protection", "Kenya", "Extra",
        "https://uponrequest.example.org/portal/requests/TA-2026-00001").doesNotContain("{");
    assertThat(text.body()).as("the language's own text").contains(bundleText(language, "mail.signature"));
  }

  @Test
  void theHtmlPartEscapesTheTextAndLinksTheLink() {
    Outbox.Entry mail = new Outbox.Entry(1, null, MailKind.QUESTION, "TA-2026-00001", "a@example.org", null, "ar",
        "Subject <b>", "Dear <script>x</script>,\n\nLine one\nhttps://example.org/portal/requests/TA-2026-00001", 
        "https://example.org/portal/requests/TA-2026-00001", OutboxStatus.PENDING, 0, null, null, null, null);
    String html = OutboxSender.html(mail);
    assertThat(html).contains("lang=\"ar\" dir=\"rtl\"", "&lt;script&gt;", "Subject &lt;b&gt;",
        "<p>Line one<br>\n<a href=\"https://example.org/portal/requests/TA-2026-00001\">").doesNotContain("<script>");
  }

  @Test
  void retriesBackOffDoublingUpToTheLimit() {
    MailSettings settings = new MailSettings(null, 8, java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(10),
        null, null, null, null);
    assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(settings::backoff).map(java.time.Duration::toMinutes).toList())
        .containsExactly(1L, 2L, 4L, 8L, 10L, 10L);
  }

  @Test
  void sentMailsAreKeptNinetyDaysUnlessConfiguredAndNeverANegativeTime() {
    assertThat(new MailSettings(null, null, null, null, null, null, null, null).outboxRetention())
        .isEqualTo(java.time.Duration.ofDays(90));
    assertThat(new MailSettings(null, null, null, null, null, null, null, java.time.Duration.ofDays(7)).outboxRetention())
        .isEqualTo(java.time.Duration.ofDays(7));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MailSettings(null, null, null, null, null, null, null,
        java.time.Duration.ofDays(-1))).hasMessageContaining("outbox-retention");
  }

  @ParameterizedTest
  @EnumSource(Languages.class)
  void everyKindIsComposedWithItsPlaceholdersFilled(Languages language) {
    Map<String, String> values = Map.ofEntries(Map.entry("reference", "TA-2026-00001"), Map.entry("title", "Witness protection"),
        Map.entry("state", "Kenya"), Map.entry("date", MailTexts.date(new Date(0), language)),
        Map.entry("due", MailTexts.date(new Date(0), language)), Map.entry("question", "Which ministries?"),
        Map.entry("task", "Follow up overdue screening"), Map.entry("group", "managers"), Map.entry("office", "ROEA"),
        Map.entry("outcome", "declined"), Map.entry("leadState", "Uganda"),
        Map.entry("process", "Annual implementation report"));
    for (MailKind kind : MailKind.values()) {
      MailTexts.Text text = texts.compose(kind, language, Audience.STATE, values, List.of(), MailTexts.ANSWER_LINK,
          "https://uponrequest.example.org/portal/requests/TA-2026-00001/tasks/1");
      // every mail names its request, but a task of another process, which names its process
      String named = kind == MailKind.PROCESS_TASK ? "Annual implementation report" : "TA-2026-00001";
      assertThat(text.subject()).as("%s in %s", kind, language.code()).contains(named).doesNotContain("{", "\n");
      assertThat(text.body()).as("%s in %s", kind, language.code()).contains(named)
          .doesNotContain("{").endsWith(bundleText(language, "mail.automatic"));
    }
  }

  @Test
  void everyStepOfTheStateHasTheWordsOfItsLinkInEveryLanguage() throws IOException {
    for (MailKind kind : List.of(MailKind.QUESTION, MailKind.REMINDER, MailKind.REVISION, MailKind.PARTICIPATION,
        MailKind.FEEDBACK)) {
      for (Languages language : Languages.values()) {
        assertThat(bundle(language).getProperty(MailTexts.stepLinkKey(kind))).as("%s in %s", kind, language.code())
            .contains("{link}");
      }
    }
    assertThat(MailTexts.stepLinkKey(MailKind.RECEIVED)).as("not a step: the request's page").isNull();
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher placeholder = PLACEHOLDER.matcher(text);
    while (placeholder.find()) {
      names.add(placeholder.group(1));
    }
    return names;
  }

  private static String bundleText(Languages language, String key) {
    try {
      return bundle(language).getProperty(key);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Properties bundle(Languages language) throws IOException {
    String name = "/" + MailTexts.BUNDLE + (language == Languages.EN ? "" : "_" + language.code()) + ".properties";
    try (InputStream in = NotificationTextsTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    }
  }
}
