package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.RatificationStatus;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.ThematicArea;

/**
 * Adds the reference facts the later stages decide on: the state's region and development
 * status (GA 64/179 paras 14, 24), the strategy weight of the requested areas, whether the
 * state is not yet party to an instrument the request concerns (the ratification gap of the
 * preamble and para 16), and which specialist sections must be consulted.
 */
@Component
class RequestEnrichment {

  static final String PIRACY = "PIRACY";

  private final ReferenceData referenceData;

  RequestEnrichment(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  SubmittedRequest check(DelegateExecution execution) {
    return SubmittedRequest.from(execution, referenceData);
  }

  void enrich(DelegateExecution execution, SubmittedRequest request) {
    MemberState state = referenceData.memberState(request.memberState()).orElseThrow();
    List<ThematicArea> areas = request.thematicAreas().stream()
        .map(code -> referenceData.thematicArea(code).orElseThrow())
        .toList();

    execution.setVariable(MEMBER_STATE_NAME, state.name());
    execution.setVariable(REGION, state.region());
    execution.setVariable(SUBREGION, state.subregion());
    execution.setVariable(INTERMEDIATE_REGION, Objects.requireNonNullElse(state.intermediateRegion(), ""));
    execution.setVariable(LEAST_DEVELOPED, state.leastDeveloped());
    execution.setVariable(LANDLOCKED_DEVELOPING, state.landlockedDeveloping());
    execution.setVariable(SMALL_ISLAND_DEVELOPING, state.smallIslandDeveloping());
    execution.setVariable(ECONOMY_IN_TRANSITION, state.economyInTransition());
    execution.setVariable(EMERGING_FROM_CONFLICT, state.emergingFromConflict());
    execution.setVariable(FOCAL_POINT_GROUP, Groups.focalPoints(state.iso3()));

    execution.setVariable(THEMATIC_AREAS, VariableValues.json(request.thematicAreas()));
    execution.setVariable(ASSISTANCE_TYPES, VariableValues.json(request.assistanceTypes()));
    execution.setVariable(THEMATIC_AREA_LABELS,
        areas.stream().map(ThematicArea::label).collect(Collectors.joining(", ")));
    execution.setVariable(ASSISTANCE_TYPE_LABELS, request.assistanceTypes().stream()
        .map(code -> referenceData.assistanceType(code).orElseThrow().label())
        .collect(Collectors.joining(", ")));
    execution.setVariable(STRATEGY_WEIGHT,
        areas.stream().mapToInt(ThematicArea::strategyWeight).max().orElse(1));
    execution.setVariable(PIRACY_REQUEST, request.thematicAreas().contains(PIRACY));

    List<String> gaps = ratificationGaps(state, areas);
    execution.setVariable(RATIFICATION_GAP, !gaps.isEmpty());
    execution.setVariable(RATIFICATION_GAP_INSTRUMENTS, String.join(", ", gaps));

    Set<String> sections = new LinkedHashSet<>();
    areas.stream().map(ThematicArea::specialistSection).filter(Objects::nonNull).forEach(sections::add);
    execution.setVariable(REQUIRED_CONSULTATIONS, VariableValues.json(List.copyOf(sections)));
  }

  private List<String> ratificationGaps(MemberState state, List<ThematicArea> areas) {
    return areas.stream()
        .flatMap(area -> area.instruments().stream())
        .distinct()
        .filter(instrument -> referenceData.ratificationStatus(state.iso3(), instrument) != RatificationStatus.PARTY)
        .sorted()
        .map(code -> referenceData.instrument(code).orElseThrow().shortName())
        .toList();
  }
}
