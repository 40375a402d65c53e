package org.unodc.uponrequest.referencedata;

import java.util.Objects;
import java.util.Set;

/**
 * A thematic area a request can concern (seeds/thematic-areas.csv).
 *
 * @param resolutionParagraphs GA 64/179 operative paragraphs as written in the seed, e.g. "6; 21"
 * @param strategyWeight curated weight 1..5
 * @param specialistSection code of the section to consult, or {@code null} when none
 * @param instruments codes of the instruments concerned (may be empty)
 */
public record ThematicArea(
    String code,
    String label,
    String resolutionParagraphs,
    int strategyWeight,
    String specialistSection,
    Set<String> instruments) {

  public ThematicArea {
    Objects.requireNonNull(code, "code");
    instruments = Set.copyOf(instruments);
  }

  public boolean hasSpecialistSection() {
    return specialistSection != null;
  }
}
