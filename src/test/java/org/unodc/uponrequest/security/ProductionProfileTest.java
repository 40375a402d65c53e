package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.unodc.uponrequest.UponRequestApplication;

/** The prod profile never starts with a default or missing administrator password. */
class ProductionProfileTest {

  @Test
  void prodProfileWithoutAnAdminPasswordRefusesToStartAndSaysWhy() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(UponRequestApplication.class)
            .profiles("prod")
            .properties("spring.datasource.url=jdbc:h2:mem:prod-check", "server.port=0")
            .run())
        .hasStackTraceContaining("UPONREQUEST_ADMIN_PASSWORD")
        .hasStackTraceContaining("refusing to start");
  }

  @Test
  void prodProfileRefusesTheDemoPassword() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(UponRequestApplication.class)
            .profiles("prod")
            .properties("spring.datasource.url=jdbc:h2:mem:prod-check", "server.port=0",
                "UPONREQUEST_ADMIN_PASSWORD=demo")
            .run())
        .hasStackTraceContaining("not the demo password");
  }
}
