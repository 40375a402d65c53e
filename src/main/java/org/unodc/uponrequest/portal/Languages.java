package org.unodc.uponrequest.portal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The six official languages of the United Nations, in which the portal speaks. */
public enum Languages {
  AR("ar", "العربية"), ZH("zh", "中文"), EN("en", "English"), FR("fr", "Français"), RU("ru", "Русский"), ES("es", "Español");

  private final String code;
  private final String ownName;

  Languages(String code, String ownName) {
    this.code = code;
    this.ownName = ownName;
  }

  public String code() {
    return code;
  }

  /** The language's name in itself, as a switcher shows it. */
  public String ownName() {
    return ownName;
  }

  /** The locale pages are written in; Arabic with Western digits, as United Nations Arabic documents write numbers. */
  public Locale locale() {
    return Locale.forLanguageTag(this == AR ? "ar-u-nu-latn" : code);
  }

  /** Written right to left. */
  public boolean rightToLeft() {
    return this == AR;
  }

  public static List<Languages> all() {
    return List.of(values());
  }

  public static Optional<Languages> of(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String language = Locale.forLanguageTag(code.trim().replace('_', '-')).getLanguage();
    for (Languages candidate : values()) {
      if (candidate.code.equals(language)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public static Languages of(Locale locale) {
    return of(locale == null ? null : locale.getLanguage()).orElse(EN);
  }
}
