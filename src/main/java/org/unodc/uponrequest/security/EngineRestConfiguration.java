package org.unodc.uponrequest.security;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's engine-rest resources plus UponRequest's error mapping (replaces the starter's default config). */
@Component
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(SealedEngineRestErrors.class);
    register(SealedEngineRestErrors.WrappedByEngineRest.class);
    register(SealedEngineRestErrors.LostToAConcurrentWrite.class);
    register(UnreadableEngineBody.Malformed.class);
    register(UnreadableEngineBody.NotWhatItTakes.class);
    register(UnreadableEngineBody.BeyondLimits.class);
  }
}
