package org.unodc.uponrequest.notifications;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.portal.Languages;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * The names a mail puts into its sentences, in the reader's language, as the portal writes them
 * ({@code portal/PortalLabels}): a state by the seeds' UNTERM short name, an office by the portal's
 * own translation ({@code office.<code>} of {@code i18n/messages*.properties}, the application's
 * message source; not copied into the mails' bundle). A code the seeds or the messages do not know is
 * named in English, by the name the process keeps or else by the code.
 */
@Component
class MailNames {

  private final ReferenceData referenceData;
  private final MessageSource messages;

  MailNames(ReferenceData referenceData, MessageSource messages) {
    this.referenceData = referenceData;
    this.messages = messages;
  }

  /**
   * The office's name in the language; {@code english} (the name the process stored when the office
   * was chosen), else the seeds' name, else the code, for an office without a translation.
   */
  String office(String code, String english, Languages language) {
    String fallback = english != null && !english.isBlank() ? english
        : referenceData.office(code).map(Office::name).orElse(code == null ? "" : code);
    if (code == null || code.isBlank()) {
      return fallback;
    }
    // no arguments: the text is taken as written, never parsed by MessageFormat (as PortalLabels reads it)
    return messages.getMessage("office." + code, null, fallback, language.locale());
  }

  /** The state's UNTERM short name in the language; {@code otherwise} for a state the seeds do not know. */
  String state(String iso3, String otherwise, Languages language) {
    return referenceData.memberState(iso3).map(state -> state.name(language.code())).orElse(otherwise);
  }
}
