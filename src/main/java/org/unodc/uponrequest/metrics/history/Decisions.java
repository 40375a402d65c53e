package org.unodc.uponrequest.metrics.history;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.unodc.uponrequest.intake.RequestFacts;
import org.unodc.uponrequest.intake.RequestFactsFromSeeds;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;

/**
 * The process's own decisions, evaluated for generated requests: the priority band
 * (bpmn/priority-assessment.dmn) from the facts the process would look up in the seeds
 * ({@link RequestFactsFromSeeds}, the BPMN's input mappings), and the office
 * (bpmn/regional-office-assignment.dmn). The standalone DMN engine runs the same FEEL as the
 * process engine (the decisions' own tests use it) and writes no decision history, which a hundred
 * thousand evaluations would fill. Results are kept by their inputs: a few thousand evaluations in all.
 */
final class Decisions {

  private final RequestFactsFromSeeds facts;
  private final DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private final DmnDecision priority;
  private final DmnDecision office;
  private final Map<List<Object>, String> bands = new ConcurrentHashMap<>();
  private final Map<List<Object>, String> offices = new ConcurrentHashMap<>();

  Decisions(RequestFactsFromSeeds facts) {
    this.facts = facts;
    this.priority = parse("bpmn/priority-assessment.dmn", TechnicalAssistanceProcess.PRIORITY_DECISION);
    this.office = parse("bpmn/regional-office-assignment.dmn", TechnicalAssistanceProcess.OFFICE_ASSIGNMENT_DECISION);
  }

  /** The facts the process looks up for a request filed on that day. */
  RequestFacts factsOf(String memberState, List<String> areas, String primaryArea, long filedAt) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(MEMBER_STATE, memberState);
    variables.put(THEMATIC_AREAS, areas);
    variables.put(PRIMARY_THEMATIC_AREA, primaryArea);
    variables.put(SUBMITTED_AT, new Timestamp(filedAt));
    return facts.ofVariables(variables::get);
  }

  /** The band the priority assessment gives, with the confirmed urgency. */
  String band(RequestFacts request, String confirmedUrgency) {
    Map<String, Object> inputs = new HashMap<>();
    // the input mappings of Activity_AssessPriority
    inputs.put("areaWeight", request.areaWeight());
    inputs.put("areaLabel", request.areaLabel());
    inputs.put("areaBasis", request.areaBasis());
    inputs.put("areaParagraphs", request.areaParagraphs());
    inputs.put("para24Status", request.para24Status().name());
    inputs.put("highIncome", request.highIncome());
    inputs.put("leastDeveloped", request.leastDeveloped());
    inputs.put("landlockedDeveloping", request.landlockedDeveloping());
    inputs.put("smallIslandDeveloping", request.smallIslandDeveloping());
    inputs.put("emergingFromConflict", request.state().emergingFromConflict());
    inputs.put("regionalVulnerability", request.regionalVulnerability());
    inputs.put("subregion", request.state().subregion());
    inputs.put("ratificationGap", request.ratificationGap());
    inputs.put("ratificationGapInstruments", String.join(", ", request.ratificationGaps()));
    inputs.put("urgency", confirmedUrgency);
    // the texts (area, paragraphs, sub-region, instruments) only word the rationale: the points, and so
    // the band, come from the rest, a few hundred combinations
    List<Object> key = List.of(request.areaWeight(), request.para24Status(), request.highIncome(), request.leastDeveloped(),
        request.landlockedDeveloping(), request.smallIslandDeveloping(), request.state().emergingFromConflict(),
        request.regionalVulnerability(), request.ratificationGap(), confirmedUrgency);
    return bands.computeIfAbsent(key, k -> (String) engine.evaluateDecision(priority, inputs).getSingleResult()
        .getEntry("priorityBand"));
  }

  /** The office the assignment rules give the request's lead state (before a regional request's states are considered). */
  String office(RequestFacts request) {
    return offices.computeIfAbsent(List.of(request.state().iso3(), request.piracyRequest()), k -> {
      Map<String, Object> inputs = new HashMap<>();
      inputs.put(MEMBER_STATE, request.state().iso3());
      inputs.put("subregion", request.state().subregion());
      inputs.put("intermediateRegion", request.intermediateRegion());
      inputs.put("piracyRequest", request.piracyRequest());
      return (String) engine.evaluateDecision(office, inputs).getSingleResult().getSingleEntry();
    });
  }

  /** How many times each decision was evaluated: once per combination of inputs met. */
  String evaluations() {
    return bands.size() + " priority assessments, " + offices.size() + " office assignments";
  }

  private DmnDecision parse(String resource, String key) {
    try (InputStream in = Decisions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return engine.parseDecisionRequirementsGraph(in).getDecision(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
