package org.unodc.uponrequest.security;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UponRequestCommandAccess;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.process.FormContract;
import org.unodc.uponrequest.process.FormContracts;
import org.unodc.uponrequest.process.TaskConflictException;

/**
 * Integrity of every write, enforced inside the engine so that every door (engine-rest, the
 * webapps' engine API, the Java API) meets the same rules: each start and task submission must
 * fit the step's deployed form ({@link FormContract}); only administrators and the product go
 * past the forms ({@link OneWayIn}); member states read only state-visible fields
 * ({@link StateVisibleVariables}). Only the outermost command of a call is checked: what the
 * process's own delegates do inside it is the process, not the caller.
 */
@Component
class EngineCommandGuard extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Guard(configuration));
  }

  static final class Guard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl engine;
    private volatile FormContracts contracts;

    Guard(ProcessEngineConfigurationImpl engine) {
      this.engine = engine;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() != null) {
        return next.execute(command); // inside a command already: the process's own work
      }
      EngineCaller caller = EngineCaller.of(engine);
      try {
        OneWayIn.check(command, caller);
        StateVisibleVariables.restrict(command, caller);
        T result = next.execute(StateVisibleNotes.restrict(withContract(TaskFieldsSetByTheProcess.guard(command, caller)), caller));
        return StateVisibleVariables.filter(command, caller, result);
      } catch (RuntimeException failed) {
        // a completion that lost to someone else's is told so (409), not left as an engine error
        RuntimeException refused = CompletionConflicts.explain(engine, command, failed);
        EngineRefusals.remember(refused);
        throw refused;
      }
    }

    /** Starts and task submissions run with their form's contract checked first, in the same transaction. */
    private <T> Command<T> withContract(Command<T> command) {
      if (command instanceof SubmitStartFormCmd submit) {
        return context -> {
          checkStart(context, UponRequestCommandAccess.processDefinitionId(submit), UponRequestCommandAccess.variables(submit));
          return command.execute(context);
        };
      }
      if (command instanceof StartProcessInstanceCmd start) {
        return context -> {
          ProcessInstantiationBuilderImpl builder = UponRequestCommandAccess.builder(start);
          String definitionId = builder.getProcessDefinitionId() != null ? builder.getProcessDefinitionId()
              : context.getProcessEngineConfiguration().getDeploymentCache()
                  .findDeployedLatestProcessDefinitionByKey(builder.getProcessDefinitionKey()).getId();
          checkStart(context, definitionId, builder.getVariables());
          return command.execute(context);
        };
      }
      if (command instanceof CompleteTaskCmd complete) {
        return context -> {
          checkTask(context, UponRequestCommandAccess.taskId(complete), UponRequestCommandAccess.variables(complete));
          return command.execute(context);
        };
      }
      if (command instanceof SubmitTaskFormCmd submit) {
        return context -> {
          checkTask(context, UponRequestCommandAccess.taskId(submit), UponRequestCommandAccess.variables(submit));
          return command.execute(context);
        };
      }
      return command;
    }

    private void checkStart(CommandContext context, String processDefinitionId, Map<String, Object> variables) {
      if (processDefinitionId == null) {
        return; // the engine itself refuses a start without a definition
      }
      FormContract contract = contracts().ofStart(context, processDefinitionId);
      accept(variables, checked(context, contract, orEmpty(variables), Map.of(),
          checker -> checker.checkCreateProcessInstance(context.getProcessEngineConfiguration().getDeploymentCache()
              .findDeployedProcessDefinitionById(processDefinitionId))));
    }

    private void checkTask(CommandContext context, String taskId, Map<String, Object> variables) {
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      if (task == null && taskId != null) {
        // completed (or closed) by someone else before this completion came: a conflict, not an engine error
        TaskConflictException.Kind closed = CompletionConflicts.closedAs(context, taskId);
        if (closed != null) {
          throw new TaskConflictException(closed, taskId, null);
        }
      }
      if (task == null || task.getProcessDefinitionId() == null) {
        return; // unknown task: the command answers "not found" itself
      }
      FormContract contract = contracts().ofTask(context, task);
      accept(variables, checked(context, contract, orEmpty(variables), FormContracts.shownWith(task),
          checker -> checker.checkTaskWork(task)));
    }

    /**
     * The fields the contract accepts. When a submission breaks the contract, a caller who may not
     * start or work on the task is told that, not the form's rules. A submission that keeps the
     * contract is not checked here: the engine's command checks the same permission itself, and
     * checking it twice (a query each) was about 4% of the CPU under the lifecycle benchmark.
     */
    private Set<String> checked(CommandContext context, FormContract contract, Map<String, Object> variables,
        Map<String, Object> shownWith, Consumer<CommandChecker> permission) {
      try {
        return contracts().check(contract, variables, shownWith);
      } catch (RuntimeException refused) {
        context.getProcessEngineConfiguration().getCommandCheckers().forEach(permission);
        throw refused;
      }
    }

    /** Drops what the contract does not write (empty values of hidden fields). */
    private static void accept(Map<String, Object> submitted, Set<String> accepted) {
      if (submitted != null && submitted.size() != accepted.size()) {
        submitted.keySet().removeIf(key -> !accepted.contains(key));
      }
    }

    private static Map<String, Object> orEmpty(Map<String, Object> variables) {
      return variables == null ? Map.of() : variables;
    }

    private FormContracts contracts() {
      if (contracts == null) {
        contracts = new FormContracts(engine.getDmnEngineConfiguration().getFeelEngine());
      }
      return contracts;
    }
  }
}
