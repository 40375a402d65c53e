package org.unodc.uponrequest.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.ProcessVariables;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * Puts each request into its member state's tenant, from the {@code memberState} it is started
 * with; decisions evaluated inside a request belong to the same tenant.
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
    Object state = context.getVariables() == null ? null : context.getVariables().get(ProcessVariables.MEMBER_STATE);
    // an unknown code gets no tenant; registration then refuses the request and nothing is saved
    return state != null && referenceData.memberState(state.toString()).isPresent() ? state.toString() : null;
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
