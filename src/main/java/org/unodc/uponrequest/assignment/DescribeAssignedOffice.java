package org.unodc.uponrequest.assignment;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.intake.RegionalRequests;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.OfficeKind;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * After the assignment rules ran: a regional request goes to an office that covers every state
 * taking part (the smallest such office), or stays with the lead state's office the rules chose;
 * then the office is checked and its name recorded.
 */
@Component("describeAssignedOffice")
class DescribeAssignedOffice implements ExecutionListener {

  private final OfficeAssignment assignment;
  private final RegionalRequests regionalRequests;
  private final ReferenceData referenceData;

  DescribeAssignedOffice(OfficeAssignment assignment, RegionalRequests regionalRequests, ReferenceData referenceData) {
    this.assignment = assignment;
    this.regionalRequests = regionalRequests;
    this.referenceData = referenceData;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object office = execution.getVariable(ProcessVariables.ASSIGNED_OFFICE);
    if (office == null) {
      throw new IllegalStateException("The office assignment rules gave no office for "
          + execution.getVariable(ProcessVariables.MEMBER_STATE));
    }
    Set<String> states = new LinkedHashSet<>();
    states.add(execution.getVariable(ProcessVariables.MEMBER_STATE).toString());
    states.addAll(regionalRequests.confirmed(execution));
    assignment.assign(execution, officeForAll(office.toString(), states));
  }

  /** The rules' office if it covers every state; else the smallest field office that does; else the rules' office. */
  String officeForAll(String rulesOffice, Set<String> states) {
    boolean coversAll = referenceData.office(rulesOffice).map(o -> o.coveredStates().containsAll(states)).orElse(false);
    if (coversAll || states.size() == 1) {
      return rulesOffice;
    }
    return referenceData.offices().stream()
        .filter(o -> o.kind() != OfficeKind.PROGRAMME && o.coveredStates().containsAll(states))
        .min(Comparator.comparingInt((Office o) -> o.coveredStates().size()).thenComparing(Office::code))
        .map(Office::code)
        .orElse(rulesOffice);
  }
}
