package org.unodc.uponrequest.assignment;

import static org.unodc.uponrequest.process.ProcessVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * An office declined: remember which and why, and offer the request to the next suitable office
 * that has not declined it yet, following {@code next_office} in seeds/offices.csv (a country office
 * hands on to its regional office, a regional office to Headquarters). Headquarters, the fallback
 * office, comes last and cannot decline, so the chain always ends there.
 */
@Component("reassignToFallbackOffice")
class ReassignToFallbackOffice implements JavaDelegate {

  private final OfficeAssignment assignment;
  private final ReferenceData referenceData;

  ReassignToFallbackOffice(OfficeAssignment assignment, ReferenceData referenceData) {
    this.assignment = assignment;
    this.referenceData = referenceData;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decliningOffice = Objects.toString(execution.getVariable(ASSIGNED_OFFICE), null);
    List<Map<String, Object>> declined = new ArrayList<>(VariableValues.objects(execution.getVariable(DECLINED_OFFICES)));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("office", decliningOffice);
    entry.put("reason", execution.getVariable(OFFICE_DECLINE_REASON));
    declined.add(entry);
    execution.setVariable(DECLINED_OFFICES, VariableValues.json(declined));
    assignment.assign(execution, nextOffice(decliningOffice, declined));
    execution.removeVariable(OFFICE_DECISION);
    execution.removeVariable(OFFICE_DECLINE_REASON);
  }

  /** The first office after the declining one that has not declined this request, else Headquarters. */
  String nextOffice(String decliningOffice, List<Map<String, Object>> declined) {
    Set<String> alreadyDeclined = declined.stream()
        .map(d -> Objects.toString(d.get("office"), null))
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
    return referenceData.fallbackChain(decliningOffice).stream()
        .map(Office::code)
        .filter(code -> !alreadyDeclined.contains(code))
        .findFirst()
        .orElse(OfficeAssignment.FALLBACK_OFFICE);
  }
}
