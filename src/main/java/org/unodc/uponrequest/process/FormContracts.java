package org.unodc.uponrequest.process;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
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

  /** Checks a submission against a contract; returns the names of what may be written. */
  public java.util.Set<String> check(FormContract contract, Map<String, Object> submission) {
    return contract.check(submission, this::hidden);
  }

  private boolean hidden(String condition, Map<String, Object> values) {
    Object result = feel.evaluateSimpleExpression(condition, Variables.fromMap(values).asVariableContext());
    return Boolean.TRUE.equals(result);
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
