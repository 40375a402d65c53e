package org.unodc.uponrequest.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * In the {@code prod} profile the administrator's password must come from the environment, and
 * the demo profile may not be active too: refuse to start, before anything is created, rather
 * than fall back to a known password.
 * Registered in META-INF/spring.factories so it runs before the process engine exists.
 */
public class ProductionSecrets implements EnvironmentPostProcessor {

  static final String ADMIN_PASSWORD = "UPONREQUEST_ADMIN_PASSWORD";
  static final int MIN_LENGTH = 12;

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    List<String> profiles = Arrays.asList(environment.getActiveProfiles());
    if (!profiles.contains("prod")) {
      return;
    }
    if (profiles.contains(DemoUsers.PROFILE)) {
      throw new IllegalStateException("The prod profile cannot run together with the demo profile (it creates accounts "
          + "whose password is published); refusing to start.");
    }
    String password = environment.getProperty(ADMIN_PASSWORD, "");
    if (password.isBlank()) {
      throw new IllegalStateException("The prod profile needs the administrator's password in the environment variable "
          + ADMIN_PASSWORD + "; refusing to start without it.");
    }
    if (password.length() < MIN_LENGTH || password.equals("demo")) {
      throw new IllegalStateException(ADMIN_PASSWORD + " must be at least " + MIN_LENGTH
          + " characters and not the demo password; refusing to start.");
    }
  }
}
