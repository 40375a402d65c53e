package org.unodc.uponrequest.process;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.ASSESS_PRIORITY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.ASSIGN_OFFICE;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Tests only. The request's decisions are asynchronous continuations, and tests run without a job
 * executor; so that a test, or an officer on a page under test, finds the next task at once (as a
 * user does a moment later in production, when the job executor has run the decision), each
 * decision's job runs right after the command that created it returned, on the same thread.
 * Tests that show the continuation itself switch this off ({@code uponrequest.test.decisions-inline=false}).
 */
@Component
@ConditionalOnProperty(name = "uponrequest.test.decisions-inline", havingValue = "true")
class DecisionsRunInline extends AbstractProcessEnginePlugin {

  private static final Set<String> DECISIONS = Set.of(ASSESS_PRIORITY, ASSIGN_OFFICE);
  /** Set while this thread runs decisions, so that their own commands do not look again. */
  private static final ThreadLocal<Boolean> RUNNING = ThreadLocal.withInitial(() -> false);

  private static final Logger LOG = LoggerFactory.getLogger(DecisionsRunInline.class);

  private ManagementService management;
  private IdentityService identity;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandInterceptor afterOutermostCommand = new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (RUNNING.get() || Context.getCommandContext() != null) {
          return next.execute(command);
        }
        T result = next.execute(command);
        runDecisions();
        return result;
      }
    };
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new java.util.ArrayList<>());
    }
    // first: outside the transaction, so the decisions run once the command has committed
    configuration.getCustomPreCommandInterceptorsTxRequired().add(0, afterOutermostCommand);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    management = configuration.getManagementService();
    identity = configuration.getIdentityService();
  }

  private void runDecisions() {
    // one thread at a time: a job run by two threads at once would fail in one of them, as no job executor lets happen
    synchronized (DecisionsRunInline.class) {
      RUNNING.set(true);
      // as the job executor does: as nobody, whoever's step (a Tasklist user's request thread) created the job
      Authentication caller = identity.getCurrentAuthentication();
      identity.clearAuthentication();
      try {
        for (List<Job> due = decisionsDue(); !due.isEmpty(); due = decisionsDue()) {
          for (Job job : due) {
            try {
              management.executeJob(job.getId());
            } catch (RuntimeException failed) {
              // the step that created the job has committed; as with the job executor, the failure stays with the job
              LOG.warn("Decision job {} failed ({} retries were left): {}", job.getId(), job.getRetries(), failed.toString());
            }
          }
        }
      } finally {
        identity.setAuthentication(caller);
        RUNNING.set(false);
      }
    }
  }

  private List<Job> decisionsDue() {
    return DECISIONS.stream().flatMap(decision -> management.createJobQuery().processDefinitionKey(PROCESS_KEY)
        .activityId(decision).messages().executable().list().stream()).toList();
  }
}
