package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.WITHDRAWAL_MESSAGE;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.documents.Documents;
import org.unodc.uponrequest.intake.FilingPermission;
import org.unodc.uponrequest.intake.IdempotentFiling;
import org.unodc.uponrequest.intake.IntakeInbox;
import org.unodc.uponrequest.intake.Registrar;
import org.unodc.uponrequest.portal.PortalSteps.Step;
import org.unodc.uponrequest.process.ConcurrentWrites;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.Stage;
import org.unodc.uponrequest.process.TaskConflictException;
import org.unodc.uponrequest.security.ActingUser;
import org.unodc.uponrequest.security.SignedInGroups;

/**
 * What a member state does to its requests, for the portal's pages and the API alike: file a
 * request, complete a step that waits on it, withdraw. Each checks the whole input against the
 * engine's contract first (every error at once), then writes as the engine would judge it
 * through any door: as the focal point, or, for the withdrawal a state holds no engine right
 * to, as the product after checking here that the state filed the request.
 */
@Service
class StateActions {

  /** The outcome of an action: done (with the request's reference), or refused field by field. */
  record Outcome(String reference, boolean replayed, Map<String, String> errors) {

    static Outcome refused(Map<String, String> errors) {
      return new Outcome(null, false, Map.copyOf(errors));
    }

    boolean done() {
      return errors.isEmpty();
    }
  }

  private final PortalSteps steps;
  private final FormService formService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final ActingUser actingUser;
  private final IdempotentFiling filing;
  private final Documents documents;
  private final TransactionTemplate transaction;
  private final IntakeInbox inbox;
  private final Registrar registrar;
  private final FilingPermission permission;

  StateActions(PortalSteps steps, FormService formService, RuntimeService runtimeService, HistoryService historyService,
      ActingUser actingUser, IdempotentFiling filing, Documents documents, PlatformTransactionManager transactions,
      IntakeInbox inbox, Registrar registrar, FilingPermission permission) {
    this.inbox = inbox;
    this.registrar = registrar;
    this.permission = permission;
    this.documents = documents;
    this.transaction = new TransactionTemplate(transactions);
    this.steps = steps;
    this.formService = formService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.actingUser = actingUser;
    this.filing = filing;
  }

  /** Files a request for one of the caller's states, once per submission key. */
  Outcome file(Authentication caller, Set<String> states, Map<String, Object> values, String submissionKey) {
    return file(caller, states, values, submissionKey, null);
  }

  /**
   * Files a request into the intake inbox (registered by the engine moments later, {@link Registrar})
   * and attaches a document to it in the same transaction: a document the
   * product refuses leaves no request behind ({@link org.unodc.uponrequest.documents.DocumentRefused}
   * is thrown), and a request refused attaches nothing.
   */
  Outcome file(Authentication caller, Set<String> states, Map<String, Object> values, String submissionKey,
      Documents.Upload document) {
    Step step = steps.ofNewRequest();
    Map<String, String> errors = new LinkedHashMap<>(steps.violations(step, values));
    Object state = values.get(MEMBER_STATE);
    if (state != null && !states.contains(state.toString()) && !errors.containsKey(MEMBER_STATE)) {
      errors.put(MEMBER_STATE, "is not a State you are a focal point of");
    }
    if (!errors.isEmpty()) {
      return Outcome.refused(errors);
    }
    String definition = steps.latestDefinition();
    try {
      IdempotentFiling.Filed filed = registrar.filing(() -> submissionKey == null
          ? new IdempotentFiling.Filed(transaction.execute(status -> intoInbox(caller, definition, values, document)), true)
          : filing.file(caller.getName(), submissionKey, () -> intoInbox(caller, definition, values, document)));
      if (filed.now()) {
        registrar.filed(filed.reference());
      }
      return new Outcome(filed.reference(), !filed.now(), Map.of());
    } catch (InvalidInputException refused) {
      return Outcome.refused(Map.of(refused.getField(), refused.getReason()));
    }
  }

  /** Files the checked values into the intake inbox, with the document if one came, in the caller's transaction. */
  private String intoInbox(Authentication caller, String definition, Map<String, Object> values, Documents.Upload document) {
    Set<String> groups = SignedInGroups.of(caller);
    if (!permission.mayFile(caller.getName(), groups)) {
      throw new PortalProblem(HttpStatus.FORBIDDEN, "memberState", "You are not allowed to file requests.");
    }
    String reference = inbox.file(caller.getName(), groups, definition, values);
    if (document != null) {
      documents.store(caller, reference, document);
    }
    return reference;
  }

  /** Completes a task that waits on the state with its form's values, as the focal point. */
  Outcome complete(Authentication caller, RequestForState request, RequestForState.Task task, Step step,
      Map<String, Object> values) {
    return complete(caller, request, task, step, values, null);
  }

  /** The same, attaching a document with the answer in one transaction (refused: neither is kept). */
  Outcome complete(Authentication caller, RequestForState request, RequestForState.Task task, Step step,
      Map<String, Object> values, Documents.Upload document) {
    Map<String, String> errors = steps.violations(step, values);
    if (!errors.isEmpty()) {
      return Outcome.refused(errors);
    }
    try {
      transaction.executeWithoutResult(status -> {
        if (document != null) {
          documents.store(caller, request.referenceNumber(), document);
        }
        actingUser.run(caller, () -> formService.submitTaskForm(task.id(), values));
      });
      return new Outcome(request.referenceNumber(), false, Map.of());
    } catch (InvalidInputException refused) {
      return Outcome.refused(Map.of(refused.getField(), refused.getReason()));
    } catch (AuthorizationException notTheirs) {
      throw new PortalProblem(HttpStatus.NOT_FOUND, "task", "No such task waiting on the state.");
    } catch (TaskConflictException lost) {
      // another focal point (or another window) completed the step first: nothing of this answer was kept
      throw switch (lost.getKind()) {
        case COMPLETED_BY_SOMEONE_ELSE -> PortalProblem.answeredAlready();
        case NO_LONGER_OPEN -> PortalProblem.noLongerOpen();
        case CHANGED_MEANWHILE -> PortalProblem.changedMeanwhile("task");
      };
    } catch (RuntimeException failed) {
      if (ConcurrentWrites.lostToAnother(failed)) {
        throw PortalProblem.changedMeanwhile("task");
      }
      throw failed;
    }
  }

  /**
   * Why a step the state answers no longer waits on it: answered already (by another focal point
   * of the state, or in another window), or closed otherwise (withdrawn, a deadline); both 409.
   */
  static PortalProblem noLongerWaiting(org.camunda.bpm.engine.history.HistoricTaskInstance closed) {
    return "completed".equals(closed.getDeleteReason()) ? PortalProblem.answeredAlready() : PortalProblem.noLongerOpen();
  }

  /** The withdrawal's form for a request the state filed and may still withdraw. */
  Step withdrawalOf(RequestForState request) {
    if (request.yourRole() != StateRole.LEAD) {
      throw new PortalProblem(HttpStatus.NOT_FOUND, "reference", "None of your State's requests has this reference.");
    }
    if (!mayWithdraw(request)) {
      throw new PortalProblem(HttpStatus.CONFLICT, "reference",
          "The request can no longer be withdrawn: it has ended or delivery has started.");
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(REFERENCE_NUMBER, request.referenceNumber());
    shown.put(TITLE, request.fields().get(TITLE));
    return steps.ofWithdrawal(instance(request).getProcessDefinitionId(), shown);
  }

  /** Withdraws the request with the withdrawal form's values, correlated by the product. */
  Outcome withdraw(RequestForState request, Step step, Map<String, Object> values) {
    Map<String, String> errors = steps.violations(step, values);
    if (!errors.isEmpty()) {
      return Outcome.refused(errors);
    }
    try {
      runtimeService.createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceId(instance(request).getId())
          .setVariables(values).correlateWithResult();
      return new Outcome(request.referenceNumber(), false, Map.of());
    } catch (InvalidInputException late) {
      throw new PortalProblem(HttpStatus.CONFLICT, late.getField(), "The request can no longer be withdrawn: " + late.getReason());
    } catch (MismatchingMessageCorrelationException endedMeanwhile) {
      throw new PortalProblem(HttpStatus.CONFLICT, "reference", "The request has ended.");
    } catch (RuntimeException failed) {
      // withdrawn by another focal point at the same moment, or moved on by UNODC while withdrawing: nothing was withdrawn
      if (ConcurrentWrites.lostToAnother(failed)) {
        throw PortalProblem.changedMeanwhile("reference");
      }
      throw failed;
    }
  }

  static boolean mayWithdraw(RequestForState request) {
    Object stage = request.fields().get(STAGE);
    return request.yourRole() == StateRole.LEAD && request.status() == RequestStatus.OPEN
        && (stage == null || Stage.valueOf(stage.toString()).allowsWithdrawal());
  }

  private org.camunda.bpm.engine.history.HistoricProcessInstance instance(RequestForState request) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(request.referenceNumber()).singleResult();
  }
}
