package org.unodc.uponrequest.notifications;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.portal.Languages;

/**
 * The mails' words, from {@code i18n/mails*.properties} in the six languages (the default file is
 * English). Texts hold named placeholders such as {@code {reference}}, filled here and never
 * parsed by {@code MessageFormat}, so translators write apostrophes as they are.
 */
@Component
public class MailTexts {

  static final String BUNDLE = "i18n/mails";
  /** The words before a link to the portal's form of an open question, rather than to the request's page. */
  static final String ANSWER_LINK = "mail.link.answer";
  /** The words before a link to the form of a revision asked of the state. */
  static final String REVISE_LINK = "mail.link.revise";
  /** The words before a link to the form on which a co-requesting state answers whether it takes part. */
  static final String PARTICIPATION_LINK = "mail.link.participation";
  /** The words before a link to the form of the feedback asked of the state. */
  static final String FEEDBACK_LINK = "mail.link.feedback";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  /** Who is addressed: a member state's people or UNODC staff (greeting and where the link leads). */
  enum Audience {
    STATE("mail.greeting.state", "mail.link.portal"), STAFF("mail.greeting.staff", "mail.link.tasklist");

    private final String greeting;
    private final String link;

    Audience(String greeting, String link) {
      this.greeting = greeting;
      this.link = link;
    }

    /** The words before the link these readers usually get (the request's page, the task). */
    String linkKey() {
      return link;
    }
  }

  /**
   * The words before a link to the step itself (its form in the portal, where the state lands to act),
   * for the kinds whose mail is about a step of the state's; null for the others, which link to the
   * request's page ({@link Audience#linkKey()}).
   */
  static String stepLinkKey(MailKind kind) {
    return switch (kind) {
      case QUESTION, REMINDER -> ANSWER_LINK;
      case REVISION -> REVISE_LINK;
      case PARTICIPATION -> PARTICIPATION_LINK;
      case FEEDBACK -> FEEDBACK_LINK;
      default -> null;
    };
  }

  /** A subject and a plain-text body in one language. */
  record Text(String subject, String body) {}

  private final ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();

  public MailTexts() {
    bundle.setBasename(BUNDLE);
    bundle.setDefaultEncoding("UTF-8");
    bundle.setFallbackToSystemLocale(false);
    bundle.setAlwaysUseMessageFormat(false);
  }

  /**
   * A mail's subject and body: greeting, the kind's body, any further paragraphs, the link, the
   * signature and the note that the mail is automatic.
   */
  Text compose(MailKind kind, Languages language, Audience audience, Map<String, String> values,
      List<String> paragraphs, String link) {
    return compose(kind, language, audience, values, paragraphs, audience.link, link);
  }

  /** As above, the link introduced by its own words ({@code linkKey}, e.g. the step to answer rather than the request). */
  Text compose(MailKind kind, Languages language, Audience audience, Map<String, String> values,
      List<String> paragraphs, String linkKey, String link) {
    List<String> body = new ArrayList<>();
    body.add(text(audience.greeting, language, values));
    body.add(text("mail." + kind.key() + ".body", language, values));
    body.addAll(paragraphs);
    if (link != null) {
      body.add(text(linkKey, language, Map.of("link", link)));
    }
    body.add(text("mail.signature", language, values));
    body.add(text("mail.automatic", language, values));
    return new Text(text("mail." + kind.key() + ".subject", language, values).replaceAll("\\s+", " ").trim(),
        String.join("\n\n", body));
  }

  /** One message in a language, its placeholders filled (an unknown one is left as written). */
  String text(String key, Languages language, Map<String, String> values) {
    String message = bundle.getMessage(key, null, language.locale());
    Matcher placeholder = PLACEHOLDER.matcher(message);
    StringBuilder filled = new StringBuilder();
    while (placeholder.find()) {
      String value = values.get(placeholder.group(1));
      placeholder.appendReplacement(filled, Matcher.quoteReplacement(value != null ? value : placeholder.group()));
    }
    return placeholder.appendTail(filled).toString();
  }

  /** A date as the language writes it in full, in UTC (as the process's deadlines are kept). */
  static String date(Date date, Languages language) {
    return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language.locale())
        .withZone(ZoneOffset.UTC).format(date.toInstant());
  }
}
