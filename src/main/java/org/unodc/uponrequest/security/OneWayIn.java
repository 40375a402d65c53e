package org.unodc.uponrequest.security;

import java.util.List;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.AbstractNativeQuery;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractSetExternalTaskRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.ExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteHistoricProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricBatchesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricDecisionInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.UponRequestCommandAccess;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;

/**
 * One way in: outside administrators and the product itself, a request starts only at its start
 * event with the start form's fields, moves only by completing its tasks with their forms, and
 * hears messages and signals only from the process itself. Every engine command that would jump
 * past that (start instructions, skip flags, modification, restart, migration, correlation,
 * signals, variable writes on tasks and executions, BPMN errors from tasks) is refused here,
 * whichever door (engine-rest, the webapps' API, Java) it came through.
 */
final class OneWayIn {

  /** Engine commands only the product and administrators may run. */
  static final List<Class<?>> CLOSED = List.of(
      StartProcessInstanceAtActivitiesCmd.class,
      ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, ProcessInstanceModificationCmd.class,
      ProcessInstanceModificationBatchCmd.class,
      AbstractRestartProcessInstanceCmd.class,
      AbstractMigrationCmd.class, SetProcessDefinitionVersionCmd.class,
      AbstractCorrelateMessageCmd.class, CorrelateAllMessageBatchCmd.class, MessageEventReceivedCmd.class,
      SignalEventReceivedCmd.class, SignalCmd.class, EvaluateStartConditionCmd.class,
      AbstractSetVariableCmd.class, AbstractRemoveVariableCmd.class, AbstractPatchVariablesCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class,
      DeleteHistoricVariableInstanceCmd.class, DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class,
      ResolveTaskCmd.class, HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
      // the parts of a modification, should anyone run one on its own
      AbstractModificationCmd.class, AbstractProcessInstanceModificationCommand.class,
      // the process has no external tasks; nobody but an administrator works or retries one
      ExternalTaskCmd.class, FetchExternalTasksCmd.class, AbstractSetExternalTaskRetriesCmd.class,
      // suspending, deleting and shortening the history of requests
      AbstractSetStateCmd.class, AbstractUpdateProcessInstancesSuspendStateCmd.class,
      AbstractDeleteProcessInstanceCmd.class, DeleteHistoricProcessInstancesCmd.class,
      DeleteProcessInstanceBatchCmd.class, DeleteHistoricProcessInstancesBatchCmd.class,
      SetRemovalTimeToHistoricProcessInstancesCmd.class, SetRemovalTimeToHistoricDecisionInstancesCmd.class,
      SetRemovalTimeToHistoricBatchesCmd.class,
      // native SQL reads any table, past every authorization and tenant check
      AbstractNativeQuery.class);

  static void check(Object command, EngineCaller caller) {
    if (caller.mayGoPastTheForms()) {
      return;
    }
    for (Class<?> closed : CLOSED) {
      if (closed.isInstance(command)) {
        throw new EngineDoorClosedException(refusal(closed));
      }
    }
    if (command instanceof StartProcessInstanceCmd start) {
      ProcessInstantiationBuilderImpl builder = UponRequestCommandAccess.builder(start);
      var modification = builder.getModificationBuilder();
      if (modification != null && (modification.isSkipCustomListeners() || modification.isSkipIoMappings())) {
        throw new EngineDoorClosedException("A request starts with its registration: listeners and input mappings cannot be skipped");
      }
      if (builder.getCaseInstanceId() != null || builder.getTenantId() != null) {
        throw new EngineDoorClosedException("A request belongs to its member state's tenant and to no case: "
            + "caseInstanceId and tenantId are set by the process");
      }
    }
  }

  private static String refusal(Class<?> closed) {
    String name = closed.getSimpleName();
    if (name.contains("Variable")) {
      return "Variables are written by submitting a step's form, not set directly";
    }
    if (name.contains("Correlate") || name.contains("Message") || name.contains("Signal") || name.contains("Condition")) {
      return "Messages and signals come from the process itself or an administrator";
    }
    if (name.startsWith("Native") || name.endsWith("NativeQuery")) {
      return "Native SQL queries are for administrators";
    }
    if (name.startsWith("Start")) {
      return "A request starts only at its start event, through the start form";
    }
    return "Only administrators may move a request outside its steps (" + name.replace("Cmd", "") + ")";
  }

  private OneWayIn() {}
}
