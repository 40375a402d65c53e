package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;

/**
 * Every engine command that carries variables or instructions is a door into a request. Each
 * one in the engine jar must be either checked against the step's form (the contract), closed to
 * everyone but administrators ({@link OneWayIn}), or listed here with the reason it writes
 * nothing into a request. A Camunda upgrade that adds such a command fails this test until
 * someone decides which it is.
 */
class EngineDoorsClassifiedTest {

  /** Commands checked against the form of their step by {@link EngineCommandGuard}. */
  static final List<Class<?>> CONTRACT_CHECKED = List.of(
      SubmitStartFormCmd.class, StartProcessInstanceCmd.class, CompleteTaskCmd.class, SubmitTaskFormCmd.class);

  /** Commands that carry variables or builders but write nothing into a request, and why. */
  static final Map<String, String> HARMLESS = Map.ofEntries(
      Map.entry("org.camunda.bpm.engine.impl.dmn.cmd.EvaluateDecisionCmd", "evaluates a decision on its own inputs"),
      Map.entry("org.camunda.bpm.engine.impl.dmn.cmd.EvaluateDecisionTableCmd", "evaluates a decision on its own inputs"),
      Map.entry("org.camunda.bpm.engine.impl.cmd.CreateMigrationPlanCmd", "only computes a plan; executing it is closed"),
      Map.entry("org.camunda.bpm.engine.impl.cmd.SetUserInfoCmd", "a user's own profile, not a request"),
      Map.entry("org.camunda.bpm.engine.impl.cmd.DeployCmd", "deployments need administrators"),
      Map.entry("org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupSchedulerCmd",
          "run by the job executor, never by a user"));

  @Test
  void everyEngineCommandCarryingVariablesOrInstructionsIsCheckedOrClosed() throws IOException, URISyntaxException {
    Path jar = Path.of(Command.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> unclassified = new ArrayList<>();
    List<String> doors = new ArrayList<>();
    try (JarFile engine = new JarFile(jar.toFile())) {
      for (var entries = engine.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (!name.endsWith(".class") || name.contains("$") || !name.startsWith("org/camunda/bpm/engine/impl/")
            || name.contains("/cmmn/")) {
          continue;
        }
        Class<?> type = load(name.replace('/', '.').substring(0, name.length() - ".class".length()));
        if (type == null || !Command.class.isAssignableFrom(type) || type.isInterface()
            || org.camunda.bpm.engine.impl.AbstractQuery.class.isAssignableFrom(type) || !carriesAPayload(type)) {
          continue;
        }
        doors.add(type.getName());
        boolean classified = CONTRACT_CHECKED.stream().anyMatch(c -> c.isAssignableFrom(type))
            || OneWayIn.CLOSED.stream().anyMatch(c -> c.isAssignableFrom(type))
            || HARMLESS.containsKey(type.getName());
        if (!classified) {
          unclassified.add(type.getName());
        }
      }
    }
    assertThat(doors).as("commands carrying variables or instructions found in the engine").hasSizeGreaterThan(20)
        .as("every command explained as harmless is one of them (no stale entries)").containsAll(HARMLESS.keySet());
    assertThat(new TreeSet<>(unclassified)).as("engine commands that carry variables or instructions but are neither "
        + "checked against a form, closed to non-administrators nor explained as harmless").isEmpty();
  }

  /** Variables (a map), or a builder or list of instructions that moves a request. */
  private static boolean carriesAPayload(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        String fieldType = field.getType().getName();
        if (Map.class.isAssignableFrom(field.getType()) || fieldType.endsWith("BuilderImpl")
            || field.getName().toLowerCase().contains("instruction") || field.getName().equals("operations")) {
          return true;
        }
      }
    }
    return false;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, EngineDoorsClassifiedTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError notLoadable) {
      return null;
    }
  }
}
