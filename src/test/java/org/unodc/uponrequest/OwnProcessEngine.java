package org.unodc.uponrequest;

import org.camunda.bpm.BpmPlatform;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Several Spring contexts live in one test JVM (process tests, HTTP tests, throttle tests,
 * start-up tests), and each builds an engine named "default". Camunda's REST API and webapps find
 * engines by name in static registries, so whichever context started (or closed) last would
 * answer another context's HTTP calls. Before each Spring Boot test, the engine of the test's own
 * context is made the one its doors reach. Registered for every test (junit-platform.properties).
 */
public class OwnProcessEngine implements BeforeAllCallback, BeforeEachCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    register(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    register(context);
  }

  private static void register(ExtensionContext context) {
    if (!isSpringBootTest(context.getRequiredTestClass())) {
      return;
    }
    ProcessEngine own = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
    if (ProcessEngines.getProcessEngines().get(own.getName()) != own) {
      ProcessEngines.registerProcessEngine(own);
    }
    RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
    ProcessEngine registered = BpmPlatform.getProcessEngineService().getProcessEngine(own.getName());
    if (registered != own) {
      if (registered != null) {
        container.unregisterProcessEngine(registered);
      }
      container.registerProcessEngine(own);
    }
  }

  private static boolean isSpringBootTest(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
      if (c.isAnnotationPresent(SpringBootTest.class)) {
        return true;
      }
    }
    return false;
  }
}
