package org.unodc.uponrequest.process;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties
class ProcessConfiguration {

  /** Named "deadlines" because the BPMN's timer expressions call it by that name. */
  @Bean("deadlines")
  Deadlines deadlines() {
    return new Deadlines();
  }
}
