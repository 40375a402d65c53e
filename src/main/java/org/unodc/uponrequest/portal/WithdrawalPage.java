package org.unodc.uponrequest.portal;

import static org.unodc.uponrequest.process.ProcessVariables.TITLE;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
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

/**
 * The lead state withdraws its request, with a reason and a confirmation, until delivery starts
 * ({@link StateActions#withdraw}: correlated by the product after the ownership check, since
 * states hold no right to correlate messages). A refused withdrawal comes back with its errors and a 400.
 */
@Controller
class WithdrawalPage {

  static final String PATH = PortalPages.HOME + "/{reference}/withdrawal";

  private final StateRequests requests;
  private final PortalStates portalStates;
  private final PortalForms forms;
  private final StateActions actions;
  private final ContractReasons reasons;

  WithdrawalPage(StateRequests requests, PortalStates portalStates, PortalForms forms, StateActions actions, ContractReasons reasons) {
    this.reasons = reasons;
    this.requests = requests;
    this.portalStates = portalStates;
    this.forms = forms;
    this.actions = actions;
  }

  @GetMapping(PATH)
  String show(Authentication caller, @PathVariable String reference, Model model) {
    RequestForState request = request(caller, reference);
    Step step = actions.withdrawalOf(request);
    return page(model, request, forms.show(step.schema(), step.shown(), LocaleContextHolder.getLocale()));
  }

  @PostMapping(PATH)
  String withdraw(Authentication caller, @PathVariable String reference,
      @RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    RequestForState request = request(caller, reference);
    Step step = actions.withdrawalOf(request);
    posted = new org.springframework.util.LinkedMultiValueMap<>(posted);
    posted.remove("_csrf");
    SubmittedForm read = forms.read(step.schema(), posted, LocaleContextHolder.getLocale());
    Map<String, String> errors = new LinkedHashMap<>(read.errors());
    if (errors.isEmpty()) {
      StateActions.Outcome done = actions.withdraw(request, step, read.variables());
      if (done.done()) {
        redirect.addFlashAttribute("done", "withdrawal.done");
        return "redirect:" + PortalPages.HOME + "/" + reference;
      }
      errors.putAll(reasons.inLanguage(done.errors(), LocaleContextHolder.getLocale()));
    }
    model.addAttribute("refused", true);
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(model, request, forms.redisplay(step.schema(), step.shown(), posted, errors, LocaleContextHolder.getLocale()));
  }

  private RequestForState request(Authentication caller, String reference) {
    return requests.find(portalStates.of(caller), reference)
        .orElseThrow(() -> new PortalProblem(HttpStatus.NOT_FOUND, "reference", "No such request among the state's."));
  }

  private String page(Model model, RequestForState request, PortalForm form) {
    model.addAttribute("request", request);
    model.addAttribute("form", form);
    model.addAttribute("requestTitle", request.fields().get(TITLE));
    return "portal/withdrawal";
  }
}
