package org.unodc.uponrequest.intake;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.ThematicArea;

/**
 * What the reference data says about a request, from its member state and thematic areas as
 * filed: the state's region and development status (GA 64/179 paras 14, 24), the strategy weight
 * of the requested areas, the instruments the state is not yet party to (the ratification gap of
 * the preamble and para 16), the specialist sections to consult and whether it concerns piracy.
 * Decisions read these facts from the seeds when they run, never from copies on the request.
 */
public record RequestFacts(MemberState state, List<ThematicArea> areas, List<String> ratificationGaps) {

  static final String PIRACY = "PIRACY";

  static RequestFacts of(ReferenceData referenceData, String memberState, List<String> thematicAreas) {
    MemberState state = referenceData.memberState(memberState)
        .orElseThrow(() -> new IllegalStateException("No member state " + memberState + " in the seeds"));
    List<ThematicArea> areas = thematicAreas.stream()
        .map(code -> referenceData.thematicArea(code)
            .orElseThrow(() -> new IllegalStateException("No thematic area " + code + " in the seeds")))
        .toList();
    List<String> gaps = areas.stream()
        .flatMap(area -> area.instruments().stream())
        .distinct()
        .filter(instrument -> referenceData.ratificationStatus(state.iso3(), instrument).isGap())
        .sorted()
        .map(code -> referenceData.instrument(code).orElseThrow().shortName())
        .toList();
    return new RequestFacts(state, areas, gaps);
  }

  public int strategyWeight() {
    return areas.stream().mapToInt(ThematicArea::strategyWeight).max().orElse(1);
  }

  public boolean ratificationGap() {
    return !ratificationGaps.isEmpty();
  }

  public boolean piracyRequest() {
    return areas.stream().anyMatch(area -> area.code().equals(PIRACY));
  }

  /** Sections whose advice the request needs, in the order of its areas. */
  public List<String> requiredConsultations() {
    Set<String> sections = new LinkedHashSet<>();
    areas.stream().map(ThematicArea::specialistSection).filter(Objects::nonNull).forEach(sections::add);
    return List.copyOf(sections);
  }

  /** M49 intermediate region, empty where M49 has none (the decision compares strings). */
  public String intermediateRegion() {
    return Objects.requireNonNullElse(state.intermediateRegion(), "");
  }
}
