package org.unodc.uponrequest.portal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.PartnerOrganisation;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.ThematicArea;

/**
 * Names and dates as the portal's pages write them, in the page's language: thematic areas and
 * assistance types from the forms' translations, offices and partner organisations from the portal's
 * messages, states from the seeds' UNTERM names, dates in the language's long form (UTC, as the
 * engine records them).
 */
@Component("portalLabels")
public class PortalLabels {

  private final ReferenceData referenceData;
  private final MessageSource messages;

  PortalLabels(ReferenceData referenceData, MessageSource messages) {
    this.referenceData = referenceData;
    this.messages = messages;
  }

  public String date(Date date) {
    if (date == null) {
      return "";
    }
    Locale locale = LocaleContextHolder.getLocale();
    // English as the United Nations writes it: 3 March 2027
    Locale style = Languages.of(locale) == Languages.EN ? Locale.UK : locale;
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(style)
        .format(date.toInstant().atZone(ZoneOffset.UTC));
  }

  /** Date and time to the minute (UTC), for the staff's history of steps. */
  public String dateTime(Date date) {
    if (date == null) {
      return "";
    }
    Locale locale = LocaleContextHolder.getLocale();
    Locale style = Languages.of(locale) == Languages.EN ? Locale.UK : locale;
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(style)
        .format(date.toInstant().atZone(ZoneOffset.UTC)) + " UTC";
  }

  /** The office's name in the page's language ({@code office.<code>}); the seeds' English name otherwise. */
  public String office(String code) {
    return office(code, null, Languages.of(LocaleContextHolder.getLocale()));
  }

  /**
   * The office's name in the language ({@code office.<code>}, the pages' and the mails' one
   * source); for an office without a translation {@code english} (e.g. the name the process
   * stored when the office was chosen), else the seeds' name, else the code.
   */
  public String office(String code, String english, Languages language) {
    String fallback = english != null && !english.isBlank() ? english
        : referenceData.office(code).map(Office::name).orElse(code == null ? "" : code);
    if (code == null || code.isBlank()) {
      return fallback;
    }
    // no arguments: the text is taken as written, never parsed by MessageFormat
    return messages.getMessage("office." + code, null, fallback, language.locale());
  }

  public String state(String iso3) {
    return state(iso3, iso3, Languages.of(LocaleContextHolder.getLocale()));
  }

  /** The state's UNTERM short name in the language; {@code otherwise} for a state the seeds do not know. */
  public String state(String iso3, String otherwise, Languages language) {
    return referenceData.memberState(iso3).map(state -> state.name(language.code())).orElse(otherwise);
  }

  public String area(String code) {
    String english = referenceData.thematicAreas().stream().filter(area -> area.code().equals(code))
        .map(ThematicArea::label).findFirst().orElse(code);
    return messages.getMessage("form.request-submission.thematicAreas.option." + code, null, english,
        LocaleContextHolder.getLocale());
  }

  public String assistanceType(String code) {
    String english = referenceData.assistanceTypes().stream().filter(type -> type.code().equals(code))
        .map(type -> type.label()).findFirst().orElse(code);
    return messages.getMessage("form.request-submission.assistanceTypes.option." + code, null, english,
        LocaleContextHolder.getLocale());
  }

  /**
   * The organisation's official name in the page's language ({@code partner.<code>}); the seeds' English
   * name for a code without one (PortalMessagesTest keeps every seeded code translated).
   */
  public String partner(String code) {
    String english = referenceData.partnerOrganisation(code).map(PartnerOrganisation::name).orElse(code);
    return messages.getMessage("partner." + code, null, english, LocaleContextHolder.getLocale());
  }
}
