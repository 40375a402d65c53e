package org.unodc.uponrequest.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.notifications.UndeliveredMails;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.reporting.ReportProcess;

/**
 * Puts each request into its member state's tenant, from the {@code memberState} it is started
 * with, and refuses a start without a valid state, whoever starts it; decisions evaluated inside
 * a request belong to the same tenant. The implementation report and its yearly schedule belong to no tenant.
 */
@Component
class MemberStateTenantIdProvider extends AbstractProcessEnginePlugin implements TenantIdProvider {

  private final ReferenceData referenceData;

  MemberStateTenantIdProvider(ReferenceData referenceData) {
    this.referenceData = referenceData;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    if (ReportProcess.PROCESS_KEYS.contains(context.getProcessDefinition().getKey())) {
      return null; // a report covers every state's requests and belongs to none; only managers are granted it (AccessGrants)
    }
    if (UndeliveredMails.PROCESS_KEY.equals(context.getProcessDefinition().getKey())) {
      return null; // the outbox's mails given up: administrators' work, granted to nobody else
    }
    Object state = context.getVariables() == null ? null : context.getVariables().get(ProcessVariables.MEMBER_STATE);
    // a request without its state would be readable by no state or, worse, by every state: refuse it
    if (state == null || referenceData.memberState(state.toString()).isEmpty()) {
      throw new InvalidInputException(ProcessVariables.MEMBER_STATE,
          state == null ? "is required: every request belongs to a member state"
              : "'" + state + "' is not a UN member state code (ISO 3166-1 alpha-3)");
    }
    return state.toString();
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
    return context.getExecution() != null ? context.getExecution().getTenantId() : null;
  }
}
