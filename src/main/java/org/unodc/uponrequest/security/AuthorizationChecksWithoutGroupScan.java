package org.unodc.uponrequest.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Before each authorization check Camunda narrows the user's groups to those named in some
 * authorization, with {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION} once per
 * command. That table grows by about five rows per request (grants on its tasks and instance),
 * so every authorized command scanned it whole: about 10% of the CPU of a filing at 2,500
 * requests, and growing. Checking all of the user's groups gives the same answers, since a group
 * without authorizations matches no row of the check, and needs no scan.
 */
@Component
class AuthorizationChecksWithoutGroupScan extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    List<SessionFactory> factories = engine.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(engine.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new UnscannedAuthorizationManager();
      }
    });
    engine.setCustomSessionFactories(factories);
  }

  /** Camunda's authorization manager, with the user's groups taken as they are. */
  static final class UnscannedAuthorizationManager extends AuthorizationManager {

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      // a fresh mutable list: MyBatis reads it by reflection, and the engine's empty list is mutable too
      return authenticatedGroupIds == null ? new ArrayList<>() : new ArrayList<>(authenticatedGroupIds);
    }
  }
}
