package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

/** The product's engine evaluates its decisions and form conditions through the FEEL shortcut ({@link LiteralFeelTest}). */
class LiteralFeelInstalledTest extends ProcessTestSupport {

  @Test
  void theEnginesFeelIsTheShortcut() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(engine.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(LiteralFeel.Engine.class);
  }
}
