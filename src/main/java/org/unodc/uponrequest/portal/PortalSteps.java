package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.WITHDRAWAL_FORM;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.FormContract;
import org.unodc.uponrequest.process.FormContracts;
import org.unodc.uponrequest.process.VariableValues;

/**
 * A member state's step as the portal shows and submits it: the form the process deployed for
 * it, the values it is shown with (state-visible only, names and areas in the page's language),
 * and every way the engine's contract would refuse what was entered, checked before submitting
 * so that all errors show at once.
 */
@Component
class PortalSteps {

  /** A form to fill in: its schema, its contract, and what it is shown with. */
  record Step(String formId, JsonNode schema, FormContract contract, Map<String, Object> shown) {}

  private final FormService formService;
  private final Map<String, Parsed> startForms = new java.util.concurrent.ConcurrentHashMap<>();
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final PortalLabels labels;
  private final FormContracts contracts;

  PortalSteps(ProcessEngine engine, PortalLabels labels) {
    this.formService = engine.getFormService();
    this.taskService = engine.getTaskService();
    this.repositoryService = engine.getRepositoryService();
    this.labels = labels;
    this.contracts = new FormContracts(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDmnEngineConfiguration().getFeelEngine());
  }

  /**
   * The form of an open task, shown with the task's state-visible values and the given ones
   * (names the task only holds in English, e.g. a participation's lead state).
   */
  Step ofTask(String taskId, Map<String, Object> given) {
    Map<String, Object> shown = new LinkedHashMap<>();
    // one read of the state-visible values only; nothing else of the task is deserialized
    var visible = taskService.getVariablesTyped(taskId, STATE_VISIBLE, true);
    visible.keySet().forEach(name -> shown.put(name, plain(visible.getValueTyped(name))));
    inPageLanguage(shown);
    shown.putAll(given);
    return step(() -> formService.getDeployedTaskForm(taskId), shown);
  }

  /** The start form of the request process as deployed now. */
  Step ofNewRequest() {
    String definition = latestDefinition();
    // a definition's deployed form never changes: read and parsed once, not on every filing
    Parsed form = startForms.computeIfAbsent(definition, id -> parse(() -> formService.getDeployedStartForm(id)));
    return new Step(form.contract().formId(), form.schema(), form.contract(), new LinkedHashMap<>());
  }

  /**
   * The withdrawal's form, as deployed with the request's process version, shown with the
   * request's fields (a withdrawal is a message, not a task, so the portal reads its form itself).
   */
  Step ofWithdrawal(String definitionId, Map<String, Object> shown) {
    String deployment = repositoryService.getProcessDefinition(definitionId).getDeploymentId();
    String resource = repositoryService.getDeploymentResourceNames(deployment).stream()
        .filter(name -> name.equals(WITHDRAWAL_FORM + ".form") || name.endsWith("/" + WITHDRAWAL_FORM + ".form"))
        .findFirst().orElseThrow(() -> new IllegalStateException("The deployment of " + definitionId
            + " has no " + WITHDRAWAL_FORM + ".form"));
    return step(() -> repositoryService.getResourceAsStream(deployment, resource), new LinkedHashMap<>(shown));
  }

  /**
   * The request process's latest version, which filings are checked against and start. Kept for
   * {@link #LATEST_KEPT}: this product deploys at start-up, so a node's latest version changes only
   * when another node sharing the database starts with a newer one, and a lookup on every filing
   * cost a fifth of it (ADR 0007 §11).
   */
  String latestDefinition() {
    Latest kept = latest;
    long now = System.nanoTime();
    if (kept != null && now - kept.at() < LATEST_KEPT.toNanos()) {
      return kept.id();
    }
    String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).latestVersion()
        .singleResult().getId();
    latest = new Latest(id, now);
    return id;
  }

  static final java.time.Duration LATEST_KEPT = java.time.Duration.ofSeconds(10);

  private record Latest(String id, long at) {}

  private volatile Latest latest;

  /** Every violation of the step's contract by these values, field to reason. */
  Map<String, String> violations(Step step, Map<String, Object> values) {
    return contracts.violations(step.contract(), values, step.shown());
  }

  /** The texts a form fills in from variables, in the page's language rather than as stored (English). */
  private void inPageLanguage(Map<String, Object> shown) {
    if (shown.containsKey(THEMATIC_AREAS)) {
      shown.put(THEMATIC_AREA_LABELS, String.join(", ",
          VariableValues.strings(shown.get(THEMATIC_AREAS)).stream().map(labels::area).toList()));
    }
    if (shown.get(MEMBER_STATE) != null) {
      shown.put(MEMBER_STATE_NAME, labels.state(shown.get(MEMBER_STATE).toString()));
    }
    if (shown.get(ASSIGNED_OFFICE) != null) {
      shown.put(ASSIGNED_OFFICE_NAME, labels.office(shown.get(ASSIGNED_OFFICE).toString()));
    }
  }

  private static Object plain(TypedValue value) {
    Object plain = JsonValues.plain(value);
    return plain instanceof JsonNode json ? VariableValues.strings(json.toString()) : plain;
  }

  private static Step step(Supplier<InputStream> form, Map<String, Object> shown) {
    Parsed parsed = parse(form);
    return new Step(parsed.contract().formId(), parsed.schema(), parsed.contract(), shown);
  }

  /** A deployed form's schema (read only by the renderers) and its input contract. */
  private record Parsed(JsonNode schema, FormContract contract) {}

  private static Parsed parse(Supplier<InputStream> form) {
    try (InputStream deployed = form.get()) {
      byte[] bytes = deployed.readAllBytes();
      JsonNode schema = org.unodc.uponrequest.portal.forms.PortalForms.schema(new java.io.ByteArrayInputStream(bytes));
      return new Parsed(schema, FormContract.parse(new java.io.ByteArrayInputStream(bytes)));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
