package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.MemberState;
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

  private final ReferenceData referenceData;

  RequestEnrichment(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  SubmittedRequest check(DelegateExecution execution) {
    return SubmittedRequest.from(execution::getVariable, referenceData);
  }

  /** The same checks on a submission's values, before the engine sees them (a filing into the inbox). */
  SubmittedRequest check(Map<String, Object> values) {
    return SubmittedRequest.from(name -> VariableValues.plain(values.get(name)), referenceData);
  }

  void enrich(DelegateExecution execution, SubmittedRequest request) {
    RequestFacts facts = RequestFacts.of(referenceData, request.memberState(), request.thematicAreas(),
        request.primaryThematicArea(), ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate());
    MemberState state = facts.state();

    // shown in forms and to the member state; the decisions look the facts up again when they run
    execution.setVariable(MEMBER_STATE_NAME, state.name());
    execution.setVariable(REGION, state.region());
    execution.setVariable(SUBREGION, state.subregion());
    execution.setVariable(INTERMEDIATE_REGION, facts.intermediateRegion());
    execution.setVariable(PARA24_STATUS, facts.para24Status().name());
    execution.setVariable(LEAST_DEVELOPED, facts.leastDeveloped());
    execution.setVariable(LANDLOCKED_DEVELOPING, facts.landlockedDeveloping());
    execution.setVariable(SMALL_ISLAND_DEVELOPING, facts.smallIslandDeveloping());
    execution.setVariable(ECONOMY_IN_TRANSITION, state.economyInTransition());
    execution.setVariable(EMERGING_FROM_CONFLICT, state.emergingFromConflict());
    execution.setVariable(FOCAL_POINT_GROUP, Groups.focalPoints(state.iso3()));

    execution.setVariable(THEMATIC_AREAS, VariableValues.json(request.thematicAreas()));
    execution.setVariable(ASSISTANCE_TYPES, VariableValues.json(request.assistanceTypes()));
    execution.setVariable(CO_REQUESTING_STATES, VariableValues.json(request.coRequestingStates()));
    execution.setVariable(CO_REQUESTING_STATE_NAMES, request.coRequestingStates().stream()
        .map(code -> referenceData.memberState(code).orElseThrow().name())
        .collect(Collectors.joining(", ")));
    execution.setVariable(THEMATIC_AREA_LABELS,
        facts.areas().stream().map(ThematicArea::label).collect(Collectors.joining(", ")));
    execution.setVariable(ASSISTANCE_TYPE_LABELS, request.assistanceTypes().stream()
        .map(code -> referenceData.assistanceType(code).orElseThrow().label())
        .collect(Collectors.joining(", ")));
    if (facts.counted() != null) {
      execution.setVariable(COUNTED_THEMATIC_AREA, facts.counted().area().code());
    }
    execution.setVariable(STRATEGY_WEIGHT, facts.areaWeight());
    execution.setVariable(REGIONAL_VULNERABILITY, facts.regionalVulnerability());
    execution.setVariable(PIRACY_REQUEST, facts.piracyRequest());
    execution.setVariable(RATIFICATION_GAP, facts.ratificationGap());
    execution.setVariable(RATIFICATION_GAP_INSTRUMENTS, ratificationGapText(facts));
    execution.setVariable(REQUIRED_CONSULTATIONS, VariableValues.json(facts.requiredConsultations()));
  }

  /** The instruments, and the date of the ratification data they come from ("..., X (status as of D)"). */
  private String ratificationGapText(RequestFacts facts) {
    if (facts.ratificationGaps().isEmpty()) {
      return "";
    }
    String asOf = referenceData.ratificationsAsOf().map(date -> " (status as of " + date
        + (referenceData.ratificationsIllustrative() ? ", illustrative data" : "") + ")").orElse("");
    return String.join(", ", facts.ratificationGaps()) + asOf;
  }
}
