package org.unodc.uponrequest.portal;

import java.text.Collator;
import java.util.List;
import java.util.Set;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** The member states the signed-in focal point speaks for, and their names in the page's language. */
@Component
class PortalStates {

  private final ReferenceData referenceData;

  PortalStates(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  /** The caller's states; refused for anyone who is no state's focal point. */
  Set<String> of(Authentication caller) {
    Set<String> states = AskingStates.of(caller);
    if (states.isEmpty()) {
      throw new PortalProblem(HttpStatus.FORBIDDEN, null,
          "Requests are listed here for member states' focal points. UNODC staff work on requests in Tasklist.");
    }
    return states;
  }

  /** A state's short name in the page's language (UNTERM), or its code if unknown. */
  String name(String iso3) {
    String language = Languages.of(LocaleContextHolder.getLocale()).code();
    return referenceData.memberState(iso3).map(state -> state.name(language)).orElse(iso3);
  }

  List<String> names(Set<String> states) {
    Collator order = Collator.getInstance(LocaleContextHolder.getLocale());
    return states.stream().map(this::name).sorted(order).toList();
  }

  boolean known(String iso3) {
    return referenceData.memberState(iso3).map(MemberState::iso3).isPresent();
  }
}
