package org.unodc.uponrequest.portal.forms;

import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The forms' strings in the user's language, from {@code i18n/forms*.properties} (ADR 0005 §4).
 * English is the schema itself, so a form's author never edits a bundle to change English and
 * the schema stays the single source; every other language has a key per string (a test makes
 * sure), and falls back to the schema's English only if one is missing at run time.
 */
@Component
class FormTexts {

  /** The six official languages of the United Nations. */
  static final Set<String> LANGUAGES = Set.of("en", "fr", "es", "ru", "zh", "ar");

  private final MessageSource messages;

  FormTexts(MessageSource messages) {
    this.messages = messages;
  }

  /** The language of the six the locale asks for, else English. */
  static String language(Locale locale) {
    return locale != null && LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
  }

  static String key(String formId, String component, String part) {
    return "form." + formId + "." + component + "." + part;
  }

  static String optionKey(String formId, String field, String value) {
    return key(formId, field, "option." + value);
  }

  static String regionKey(String region) {
    return "m49.region." + region.replace(' ', '_');
  }

  /** One of the form's strings: {@code english} as the schema has it, or the translation under {@code key}. */
  String translate(String key, String english, Locale locale) {
    if (english == null || language(locale).equals("en")) {
      return english;
    }
    return messages.getMessage(key, null, english, locale);
  }

  /** The portal's own words around the forms (error summary, choose…), under {@code forms.*}. */
  String message(String code, Locale locale) {
    return messages.getMessage(code, null, locale(locale));
  }

  /** The locale the bundles are read in: one of the six, so an unsupported browser language reads the English default. */
  static Locale locale(Locale locale) {
    String language = language(locale);
    return language.equals("en") ? Locale.ROOT : locale;
  }
}
