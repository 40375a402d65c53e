package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.*;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.WITHDRAWAL_MESSAGE;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unodc.uponrequest.portal.PortalSteps.Step;
import org.unodc.uponrequest.portal.forms.PortalForm;
import org.unodc.uponrequest.portal.forms.PortalForms;
import org.unodc.uponrequest.portal.forms.SubmittedForm;
import org.unodc.uponrequest.process.InvalidInputException;
import org.unodc.uponrequest.process.Stage;

/**
 * The lead state withdraws its request, with a reason and a confirmation, until delivery starts.
 * A withdrawal is a message: states hold no right to correlate messages (ADR 0004), so the
 * product correlates it after checking here that the state filed the request, and after the
 * withdrawal form's contract accepts what was entered. The process itself refuses a late one.
 */
@Controller
class WithdrawalPage {

  static final String PATH = PortalPages.HOME + "/{reference}/withdrawal";

  private final StateRequests requests;
  private final PortalStates portalStates;
  private final PortalSteps steps;
  private final PortalForms forms;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  WithdrawalPage(StateRequests requests, PortalStates portalStates, PortalSteps steps, PortalForms forms,
      RuntimeService runtimeService, HistoryService historyService) {
    this.requests = requests;
    this.portalStates = portalStates;
    this.steps = steps;
    this.forms = forms;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  @GetMapping(PATH)
  String show(Authentication caller, @PathVariable String reference, Model model) {
    Open open = open(caller, reference);
    return page(model, open, forms.show(open.step().schema(), open.step().shown(), LocaleContextHolder.getLocale()));
  }

  @PostMapping(PATH)
  String withdraw(Authentication caller, @PathVariable String reference,
      @RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect) {
    Open open = open(caller, reference);
    SubmittedForm read = forms.read(open.step().schema(), posted, LocaleContextHolder.getLocale());
    Map<String, String> errors = new LinkedHashMap<>(read.errors());
    if (errors.isEmpty()) {
      errors.putAll(steps.violations(open.step(), read.variables()));
    }
    if (errors.isEmpty()) {
      try {
        runtimeService.createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceId(open.processInstanceId())
            .setVariables(read.variables()).correlateWithResult();
        redirect.addFlashAttribute("done", "withdrawal.done");
        return "redirect:" + PortalPages.HOME + "/" + reference;
      } catch (InvalidInputException late) {
        errors.put(late.getField(), late.getReason());
      } catch (MismatchingMessageCorrelationException endedMeanwhile) {
        throw new PortalProblem(HttpStatus.CONFLICT, "reference", "The request has ended.");
      }
    }
    model.addAttribute("refused", true);
    return page(model, open, forms.redisplay(open.step().schema(), open.step().shown(), posted, errors,
        LocaleContextHolder.getLocale()));
  }

  private record Open(RequestForState request, String processInstanceId, Step step) {}

  /** Only the lead state, only while the request is open and before delivery. */
  private Open open(Authentication caller, String reference) {
    RequestForState request = requests.find(portalStates.of(caller), reference)
        .filter(found -> found.yourRole() == StateRole.LEAD)
        .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference", "No such request filed by the state."));
    Object stage = request.fields().get(STAGE);
    if (request.status() != RequestStatus.OPEN || stage != null && !Stage.valueOf(stage.toString()).allowsWithdrawal()) {
      throw new PortalProblem(HttpStatus.CONFLICT, "reference", "The request can no longer be withdrawn.");
    }
    var instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY)
        .processInstanceBusinessKey(reference).singleResult();
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(REFERENCE_NUMBER, reference);
    shown.put(TITLE, request.fields().get(TITLE));
    return new Open(request, instance.getId(), steps.ofWithdrawal(instance.getProcessDefinitionId(), shown));
  }

  private String page(Model model, Open open, PortalForm form) {
    model.addAttribute("request", open.request());
    model.addAttribute("form", form);
    model.addAttribute("title", open.request().fields().get(TITLE));
    return "portal/withdrawal";
  }
}
