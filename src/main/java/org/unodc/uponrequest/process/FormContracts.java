package org.unodc.uponrequest.process;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The input contract of each start event and user task, read from the Camunda Form deployed with
 * its process definition (so a running request keeps the contract of the version it started
 * on) and kept per definition and step. Hide conditions are evaluated with the engine's own FEEL
 * engine, as form-js does in the browser.
 */
public final class FormContracts {

  private final Map<String, FormContract> byStep = new ConcurrentHashMap<>();
  private final FeelEngine feel;

  public FormContracts(FeelEngine feel) {
    this.feel = feel;
  }

  /** The contract of a process definition's start form. */
  public FormContract ofStart(CommandContext context, String processDefinitionId) {
    return byStep.computeIfAbsent(processDefinitionId, id -> load(context, "start of " + id,
        () -> new GetDeployedStartFormCmd(id).execute(context)));
  }

  /** The contract of a user task's form. */
  public FormContract ofTask(CommandContext context, TaskEntity task) {
    String step = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
    return byStep.computeIfAbsent(step, key -> load(context, task.getTaskDefinitionKey(),
        () -> new GetDeployedTaskFormCmd(task.getId()).execute(context)));
  }

  /**
   * Checks a submission against a contract; returns the names of what may be written.
   *
   * @param current the plain values the form was shown with (empty for a start form)
   */
  public java.util.Set<String> check(FormContract contract, Map<String, Object> submission, Map<String, Object> current) {
    return contract.check(submission, current, this::hidden);
  }

  /**
   * Every violation of a submission, field to reason in form order; empty when {@link #check}
   * would accept it. For pages that show all errors at once; the engine still decides with check.
   */
  public Map<String, String> violations(FormContract contract, Map<String, Object> submission, Map<String, Object> current) {
    return contract.violations(submission, current, this::hidden);
  }

  /** The plain values (text, numbers, booleans, dates) of a step's variables, as its form's conditions see them. */
  public static Map<String, Object> shownWith(org.camunda.bpm.engine.delegate.VariableScope step) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    if (step instanceof AbstractVariableScope scope) {
      // the engine's own walk (getVariablesTyped), the step's variables before its parents', but a variable whose
      // type is not plain (Json, objects, files) is skipped before its value is read: that would load its bytes
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (AbstractVariableScope at = scope; at != null; at = at.getParentVariableScope()) {
        for (CoreVariableInstance variable : at.getVariableInstancesLocal()) {
          if (seen.add(variable.getName()) && !(variable instanceof VariableInstanceEntity entity
              && entity.getSerializer() != null && !entity.getSerializer().getType().isPrimitiveValueType())) {
            plain(values, variable.getName(), variable.getTypedValue(false));
          }
        }
      }
      return values;
    }
    org.camunda.bpm.engine.variable.VariableMap variables = step.getVariablesTyped(false);
    for (String name : variables.keySet()) {
      // typed, so Json and object values are not deserialized just to be skipped
      plain(values, name, variables.getValueTyped(name));
    }
    return values;
  }

  private static void plain(Map<String, Object> values, String name, org.camunda.bpm.engine.variable.value.TypedValue typed) {
    if (typed != null && typed.getType().isPrimitiveValueType() && typed.getValue() != null) {
      values.put(name, typed.getValue());
    }
  }

  private boolean hidden(String condition, Map<String, Object> values) {
    try {
      return Boolean.TRUE.equals(feel.evaluateSimpleExpression(condition, Variables.fromMap(values).asVariableContext()));
    } catch (RuntimeException unevaluable) {
      return false; // a condition FEEL cannot evaluate shows the field, so its rules apply
    }
  }

  private static FormContract load(CommandContext context, String step, java.util.function.Supplier<InputStream> form) {
    boolean tenantCheck = context.isTenantCheckEnabled();
    context.disableTenantCheck(); // the form is looked up for the engine; the command itself checks the caller
    try (InputStream json = context.runWithoutAuthorization(form::get)) {
      return json == null ? FormContract.none(step) : FormContract.parse(json);
    } catch (BadUserRequestException noForm) {
      // a step without a deployed Camunda Form takes no input
      return FormContract.none(step);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read the form of " + step, e);
    } finally {
      context.setTenantCheckEnabled(tenantCheck);
    }
  }
}
