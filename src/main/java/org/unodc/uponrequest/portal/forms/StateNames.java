package org.unodc.uponrequest.portal.forms;

import java.text.Collator;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * Member states as options: their UNTERM short names from the seeds in the user's language
 * (not from bundles, ADR 0005 §4), sorted as that language sorts, with their M49 region.
 */
@Component
class StateNames {

  /** One member state as a user reads it. */
  record StateName(String iso3, String name, String region) {}

  private final ReferenceData referenceData;
  private final Map<String, List<StateName>> sortedByLanguage = new ConcurrentHashMap<>();

  StateNames(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  /** Whether an option list is a list of member states: every value is a member state's ISO3 code. */
  boolean areStates(Collection<String> values) {
    return !values.isEmpty() && values.stream().allMatch(code -> referenceData.memberState(code).isPresent());
  }

  /** Every member state, in the language's alphabetical order (its collation, not code points). */
  List<StateName> sorted(Locale locale) {
    String language = FormTexts.language(locale);
    return sortedByLanguage.computeIfAbsent(language, l -> {
      Collator collator = Collator.getInstance(Locale.forLanguageTag(l));
      return referenceData.memberStates().stream()
          .map(state -> new StateName(state.iso3(), state.name(l), state.region()))
          .sorted(Comparator.comparing(StateName::name, collator))
          .toList();
    });
  }

  String name(String iso3, Locale locale) {
    return referenceData.memberState(iso3).map(state -> state.name(FormTexts.language(locale))).orElse(iso3);
  }

  static Comparator<String> collation(Locale locale) {
    Collator collator = Collator.getInstance(Locale.forLanguageTag(FormTexts.language(locale)));
    return collator::compare;
  }
}
