package org.unodc.uponrequest.intake;

import java.util.LinkedHashSet;
import java.time.LocalDate;
import java.util.Comparator;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.referencedata.CountryGroup;
import org.unodc.uponrequest.referencedata.IncomeGroup;
import org.unodc.uponrequest.referencedata.Instrument;
import org.unodc.uponrequest.referencedata.Para24Status;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.ThematicArea;

/**
 * What the reference data says about a request, from its member state and thematic areas as
 * filed: the state's region, its para 24 status and country groups on the filing date (GA 64/179
 * paras 14, 24) and its income group, the one area that counts for the priority with its strategy
 * weight and the region's vulnerability to it, the instruments the state is not yet party to (the ratification gap of
 * the preamble and para 16), the specialist sections to consult and whether it concerns piracy.
 * Decisions read these facts from the seeds when they run, never from copies on the request.
 */
public record RequestFacts(MemberState state, List<ThematicArea> areas, List<String> ratificationGaps,
    CountedArea counted, Para24Status para24Status, Set<CountryGroup> countryGroups, String regionalVulnerability,
    IncomeGroup incomeGroup) {

  static final String PIRACY = "PIRACY";

  /** How the area that counts for the priority was chosen: extra ticks never raise the score. */
  public enum AreaBasis {
    /** the primary area the state declared */
    PRIMARY,
    /** the only area ticked */
    ONLY,
    /** several areas ticked and none declared primary: the least-weighted one */
    LOWEST
  }

  /** The one thematic area that counts for the priority, and why it is that one. */
  public record CountedArea(ThematicArea area, AreaBasis basis) {}

  /**
   * @param primaryArea the area the state declared primary, or null
   * @param filedOn the filing date: country groups (LDC, LLDC, SIDS) as they stood that day
   */
  static RequestFacts of(ReferenceData referenceData, String memberState, List<String> thematicAreas, String primaryArea,
      LocalDate filedOn) {
    MemberState state = referenceData.memberState(memberState)
        .orElseThrow(() -> new IllegalStateException("No member state " + memberState + " in the seeds"));
    List<ThematicArea> areas = thematicAreas.stream()
        .map(code -> referenceData.thematicArea(code)
            .orElseThrow(() -> new IllegalStateException("No thematic area " + code + " in the seeds")))
        .toList();
    // only instruments in force leave a gap to close: a convention nobody can be party to yet does not
    List<String> gaps = areas.stream()
        .flatMap(area -> area.instruments().stream())
        .distinct()
        .filter(instrument -> referenceData.instrument(instrument).map(Instrument::inForce).orElse(false))
        .filter(instrument -> referenceData.ratificationStatus(state.iso3(), instrument).isGap())
        .sorted()
        .map(code -> referenceData.instrument(code).orElseThrow().shortName())
        .toList();
    CountedArea counted = counted(areas, primaryArea);
    String vulnerability = counted == null ? "NONE" : referenceData.regionalVulnerability(state.iso3(), counted.area().code())
        .map(v -> v.level().name()).orElse("NONE");
    return new RequestFacts(state, areas, gaps, counted,
        referenceData.para24Status(state.iso3()).orElse(Para24Status.DEVELOPING),
        referenceData.countryGroups(state.iso3(), filedOn), vulnerability,
        referenceData.incomeGroup(state.iso3())
            .orElseThrow(() -> new IllegalStateException("No income group for " + memberState + " in the seeds")));
  }

  private static CountedArea counted(List<ThematicArea> areas, String primaryArea) {
    if (areas.isEmpty()) {
      return null;
    }
    if (primaryArea != null) {
      return areas.stream().filter(area -> area.code().equals(primaryArea)).findFirst()
          .map(area -> new CountedArea(area, AreaBasis.PRIMARY))
          .orElseThrow(() -> new InvalidInputException(ProcessVariables.PRIMARY_THEMATIC_AREA,
              "'" + primaryArea + "' must be one of the thematic areas ticked"));
    }
    if (areas.size() == 1) {
      return new CountedArea(areas.get(0), AreaBasis.ONLY);
    }
    return new CountedArea(areas.stream().min(Comparator.comparingInt(ThematicArea::strategyWeight)).orElseThrow(),
        AreaBasis.LOWEST);
  }

  public boolean leastDeveloped() {
    return countryGroups.contains(CountryGroup.LDC);
  }

  public boolean landlockedDeveloping() {
    return countryGroups.contains(CountryGroup.LLDC);
  }

  public boolean smallIslandDeveloping() {
    return countryGroups.contains(CountryGroup.SIDS);
  }

  /**
   * A high-income economy (seeds/income-groups.csv): it keeps its para 24 classification points but
   * collects no LDC, LLDC, SIDS or regional vulnerability points.
   */
  public boolean highIncome() {
    return incomeGroup == IncomeGroup.HIGH;
  }

  /** The strategy weight of the area that counts (1 when none). */
  public int areaWeight() {
    return counted == null ? 1 : counted.area().strategyWeight();
  }

  public String areaLabel() {
    return counted == null ? "" : counted.area().label();
  }

  /** The paragraphs of GA 64/179 that mandate the area that counts, as the rationale cites them ("paras 6, 12, 16"). */
  public String areaParagraphs() {
    if (counted == null || counted.area().resolutionParagraphs() == null || counted.area().resolutionParagraphs().isBlank()) {
      return "";
    }
    List<String> paragraphs = java.util.Arrays.stream(counted.area().resolutionParagraphs().split(";"))
        .map(String::trim).filter(p -> !p.isEmpty()).toList();
    return (paragraphs.size() == 1 ? "para " : "paras ") + String.join(", ", paragraphs);
  }

  public String areaBasis() {
    return counted == null ? AreaBasis.ONLY.name() : counted.basis().name();
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
