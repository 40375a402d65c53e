package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * The decisions' inputs, looked up in the seeds when a decision runs (the BPMN's input mappings
 * call {@code requestFacts.of(execution)}), from the request's member state and thematic areas as
 * registered. Nothing a user or a later step could have written is read.
 */
@Component("requestFacts")
public class RequestFactsFromSeeds {

  private final ReferenceData referenceData;

  RequestFactsFromSeeds(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  public RequestFacts of(VariableScope request) {
    return ofVariables(request::getVariable);
  }

  /**
   * The same facts from the request's variables read by name (e.g. for a request generated in bulk,
   * with no execution); named apart from {@link #of} so that the BPMN's {@code of(execution)} finds one method.
   */
  public RequestFacts ofVariables(Function<String, Object> variable) {
    Object primary = variable.apply(PRIMARY_THEMATIC_AREA);
    Object submittedAt = variable.apply(SUBMITTED_AT);
    LocalDate filedOn = submittedAt instanceof Date date ? date.toInstant().atZone(ZoneOffset.UTC).toLocalDate()
        : ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    return RequestFacts.of(referenceData, String.valueOf(variable.apply(MEMBER_STATE)),
        VariableValues.strings(variable.apply(THEMATIC_AREAS)),
        primary == null || primary.toString().isBlank() ? null : primary.toString(), filedOn);
  }
}
